// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QAbstractItemModel;
class QGridLayout;
class QLabel;

namespace delegate::ui {

class EngineHub;
class EngineSession;
class WatchTile;

// Runs that are going, side by side: a tile each with its state, title,
// tokens and cost, and the last lines of its live output. It shows the
// provisioning, running and waiting runs of a runs model (RunListModel's
// roles), newest first, as many as fit (2 to 12, columns by width), and
// follows only the shown runs' event topics, so a hundred streaming runs
// cost a dozen subscriptions and a few repaints a second.
class WatchWall final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int minimumTiles = 2;
    static constexpr int maximumTiles = 12;

    WatchWall(EngineHub *hub, QAbstractItemModel *runs, QWidget *parent = nullptr);
    ~WatchWall() override;

    // The runs shown, in order: engine and run id.
    QList<QPair<QString, QString>> shownRuns() const { return m_order; }
    // Runs going that did not fit.
    int hiddenCount() const { return m_hidden; }
    // How many tiles fit at the current size.
    int capacity() const;
    WatchTile *tile(const QString &engine, const QString &runId) const;

    // Applies pending changes now instead of at the next tick.
    void refresh();

Q_SIGNALS:
    void openRun(const QString &engine, const QString &runId);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    using Key = QPair<QString, QString>; // engine, run id
    struct Line
    {
        qint64 sequence;
        QString text;
    };
    struct Watched
    {
        WatchTile *tile = nullptr;
        QList<Line> lines;
        quint64 generation = 0;
    };

    void watchSession(EngineSession *session);
    void scheduleRebuild();
    void rebuild();
    void layoutTiles();
    void startWatching(const Key &key, const QJsonObject &summary);
    void stopWatching(const Key &key);
    void readHistory(const Key &key, quint64 generation, qint64 after, int pagesLeft);
    void addLines(Watched &watched, QList<Line> lines);
    void repaintTiles();

    QPointer<EngineHub> m_hub;
    QPointer<QAbstractItemModel> m_runs;
    QHash<Key, Watched> m_watched;
    QList<Key> m_order;
    int m_hidden = 0;
    int m_columns = 0;
    quint64 m_nextGeneration = 0;

    QWidget *m_grid;
    QGridLayout *m_gridLayout;
    QLabel *m_empty;
    QLabel *m_more;
    QTimer m_rebuild; // model changes come in bursts
    QTimer m_repaint; // tiles repaint together, a few times a second
};

} // namespace delegate::ui
