// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

#include <optional>

namespace delegate::ui {

// One run on the watch wall: its state, title, tokens and cost, and the
// last lines of what it is doing. The wall feeds it; setting what it shows
// does not repaint it, the wall's next tick does (refresh()), so a hundred
// events a second cost a few paints.
class WatchTile final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int tailLength = 8;

    explicit WatchTile(QString engine, QString runId, QWidget *parent = nullptr);

    // The smallest a tile is with this font: the header and the whole tail.
    static QSize minimumTileSize(const QFont &font);

    QString engine() const { return m_engine; }
    QString runId() const { return m_runId; }
    QString state() const { return m_state; }
    QString title() const { return m_title; }
    qint64 tokens() const { return m_tokens; }

    // RunSummary fields: state, title, usage, paused.
    void setSummary(const QJsonObject &summary);
    void setTail(const QStringList &lines);
    const QStringList &tail() const { return m_tail; }

    // Paints now when something changed since the last refresh.
    void refresh();
    bool needsRefresh() const { return m_dirty; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void activated(const QString &engine, const QString &runId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QString m_engine;
    QString m_runId;
    QString m_state;
    QString m_title;
    qint64 m_tokens = 0;
    std::optional<double> m_cost;
    bool m_paused = false;
    QStringList m_tail;
    bool m_dirty = true;
};

} // namespace delegate::ui
