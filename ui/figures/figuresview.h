// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateEdit;
class QGridLayout;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace delegate::ui {

class EngineHub;
class EngineSession;
class InlineMessage;

// The team's figures as charts, from an engine's stats.figures: runs per
// day or week by outcome, time from submission to the first review, time
// spent waiting for people, cost per skill and per agent, and how often a
// skill's first version is approved as it came. A period and a grouping
// are chosen above the charts; the charts follow the window's palette.
class FiguresView final : public QWidget
{
    Q_OBJECT

public:
    enum class Grouping { Day, Week };
    Q_ENUM(Grouping)

    explicit FiguresView(EngineHub *hub, QWidget *parent = nullptr);
    ~FiguresView() override;

    // The engine whose runs are counted; by default the hub's first.
    void showEngine(const QString &engine);
    QString engineName() const { return m_engine; }
    // Both days included (UTC).
    void setPeriod(QDate from, QDate to);
    void setGrouping(Grouping grouping);
    void reload();

    // The last stats.figures answer shown; empty before the first.
    QJsonObject figures() const { return m_figures; }
    bool isLoading() const { return m_loading; }
    QList<QChart *> charts() const;
    bool isShowingEmptyState() const;

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    EngineSession *session() const;
    void applyPreset(int index);
    void showFigures();
    void styleCharts();
    void setLoading(bool loading);

    QPointer<EngineHub> m_hub;
    QString m_engine;
    QJsonObject m_figures;
    quint64 m_generation = 0;
    bool m_loading = false;
    bool m_applyingPreset = false;

    QComboBox *m_preset;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_grouping;
    QPushButton *m_reload;
    InlineMessage *m_message;
    QLabel *m_summary;
    QStackedWidget *m_pages;
    QLabel *m_empty;
    QGridLayout *m_grid;
    QList<QChartView *> m_views;
};

} // namespace delegate::ui
