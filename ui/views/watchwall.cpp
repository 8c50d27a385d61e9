// SPDX-License-Identifier: GPL-3.0-or-later
#include "watchwall.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "models/eventtext.h"
#include "models/runlistmodel.h"
#include "models/topicsubscriptions.h"
#include "views/watchtile.h"

#include <QAbstractItemModel>
#include <QBoxLayout>
#include <QGridLayout>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

constexpr int spacing = 8;
constexpr int margin = 12;
constexpr int pageSize = 1000;
// The protocol reads a run's events from the oldest; a tile reads at most
// this many pages for its tail and otherwise starts with what comes live.
constexpr int historyPages = 3;

bool isGoing(const QString &state)
{
    return state == "provisioning"_L1 || state == "running"_L1 || state == "waiting_for_human"_L1;
}

QString topicOf(const QString &runId)
{
    return u"events:"_s + runId;
}

QColor mutedColor(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    return QColor::fromRgbF(float(text.redF() * 0.6 + window.redF() * 0.4),
                            float(text.greenF() * 0.6 + window.greenF() * 0.4),
                            float(text.blueF() * 0.6 + window.blueF() * 0.4));
}

} // namespace

WatchWall::WatchWall(EngineHub *hub, QAbstractItemModel *runs, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_runs(runs)
    , m_grid(new QWidget(this))
    , m_gridLayout(new QGridLayout(m_grid))
    , m_empty(
          new QLabel(tr("No run is going right now — runs show here while they work, side by side."), this))
    , m_more(new QLabel(this))
{
    setObjectName(u"watchWall"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(margin, margin, margin, margin);
    layout->setSpacing(spacing);
    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    m_gridLayout->setSpacing(spacing);
    m_empty->setObjectName(u"emptyState"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_more->setObjectName(u"moreNote"_s);
    for (QLabel *label : { m_empty, m_more }) {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, mutedColor(palette));
        label->setPalette(palette);
    }
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_grid);
    layout->addWidget(m_more);
    layout->addStretch(1);
    m_grid->hide();
    m_more->hide();

    m_rebuild.setSingleShot(true);
    m_rebuild.setInterval(150);
    connect(&m_rebuild, &QTimer::timeout, this, &WatchWall::rebuild);
    m_repaint.setInterval(250);
    connect(&m_repaint, &QTimer::timeout, this, &WatchWall::repaintTiles);

    if (runs) {
        connect(runs, &QAbstractItemModel::rowsInserted, this, &WatchWall::scheduleRebuild);
        connect(runs, &QAbstractItemModel::rowsRemoved, this, &WatchWall::scheduleRebuild);
        connect(runs, &QAbstractItemModel::dataChanged, this, &WatchWall::scheduleRebuild);
        connect(runs, &QAbstractItemModel::modelReset, this, &WatchWall::scheduleRebuild);
        connect(runs, &QAbstractItemModel::layoutChanged, this, &WatchWall::scheduleRebuild);
    }
    if (hub) {
        for (EngineSession *session : hub->engines())
            watchSession(session);
        connect(hub, &EngineHub::engineAdded, this, &WatchWall::watchSession);
    }
    scheduleRebuild();
}

WatchWall::~WatchWall()
{
    const QList<Key> keys = m_watched.keys();
    for (const Key &key : keys)
        stopWatching(key);
}

void WatchWall::watchSession(EngineSession *session)
{
    connect(session, &EngineSession::notificationReceived, this,
            [this, session](const QString &method, const QJsonObject &params) {
                if (method != "event.appended"_L1)
                    return;
                const QJsonObject event = params.value("event"_L1).toObject();
                const auto found = m_watched.find({ session->name(), event.value("run_id"_L1).toString() });
                if (found == m_watched.end())
                    return;
                QList<Line> lines;
                const qint64 sequence = event.value("sequence"_L1).toInteger();
                const QStringList texts = eventtext::tailLines(event.value("kind"_L1).toString(),
                                                               event.value("payload"_L1).toObject());
                for (const QString &text : texts)
                    lines.append({ sequence, text });
                addLines(found.value(), lines);
            });
}

void WatchWall::scheduleRebuild()
{
    if (!m_rebuild.isActive())
        m_rebuild.start();
}

int WatchWall::capacity() const
{
    const QSize tile = WatchTile::minimumTileSize(font());
    const int width = std::max(0, this->width() - 2 * margin);
    const int height = std::max(0, this->height() - 2 * margin - fontMetrics().height() - spacing);
    const int columns = std::max(1, (width + spacing) / (tile.width() + spacing));
    const int rows = std::max(1, (height + spacing) / (tile.height() + spacing));
    return std::clamp(columns * rows, minimumTiles, maximumTiles);
}

WatchTile *WatchWall::tile(const QString &engine, const QString &runId) const
{
    const auto found = m_watched.constFind({ engine, runId });
    return found == m_watched.cend() ? nullptr : found->tile;
}

void WatchWall::refresh()
{
    rebuild();
    repaintTiles();
}

void WatchWall::rebuild()
{
    m_rebuild.stop();
    struct Candidate
    {
        Key key;
        QJsonObject summary;
        QString created; // ISO 8601 UTC sorts as text
    };
    QList<Candidate> going;
    if (m_runs) {
        // Flat or grouped (batches, attempt sets): runs are wherever RunIdRole is set.
        const std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            const int rows = m_runs->rowCount(parent);
            for (int row = 0; row < rows; ++row) {
                const QModelIndex index = m_runs->index(row, 0, parent);
                const QString runId = index.data(RunListModel::RunIdRole).toString();
                if (runId.isEmpty()) {
                    walk(index);
                    continue;
                }
                if (!isGoing(index.data(RunListModel::StateRole).toString()))
                    continue;
                const QJsonObject summary = index.data(RunListModel::SummaryRole).toJsonObject();
                going.append({ { index.data(RunListModel::EngineRole).toString(), runId },
                               summary,
                               summary.value("created_at"_L1).toString() });
            }
        };
        walk({});
    }
    std::sort(going.begin(), going.end(), [](const Candidate &a, const Candidate &b) {
        return a.created != b.created ? a.created > b.created : a.key.second > b.key.second;
    });
    const qsizetype shown = std::min<qsizetype>(going.size(), capacity());
    m_hidden = int(going.size() - shown);
    QList<Key> order;
    for (qsizetype i = 0; i < shown; ++i)
        order.append(going.at(i).key);
    const QList<Key> watchedKeys = m_watched.keys();
    for (const Key &key : watchedKeys) {
        if (!order.contains(key))
            stopWatching(key);
    }
    for (qsizetype i = 0; i < shown; ++i) {
        const Candidate &candidate = going.at(i);
        const auto found = m_watched.find(candidate.key);
        if (found == m_watched.end())
            startWatching(candidate.key, candidate.summary);
        else
            found->tile->setSummary(candidate.summary);
    }
    const QSize tile = WatchTile::minimumTileSize(font());
    const int fitColumns =
        std::max(1, (std::max(0, width() - 2 * margin) + spacing) / (tile.width() + spacing));
    const int columns = std::max(1, std::min<int>(fitColumns, int(order.size())));
    if (order != m_order || columns != m_columns) {
        m_order = order;
        m_columns = columns;
        layoutTiles();
    }
    m_empty->setVisible(m_order.isEmpty());
    m_grid->setVisible(!m_order.isEmpty());
    m_more->setText(tr("+%1 more going — the runs board lists them all").arg(m_hidden));
    m_more->setVisible(m_hidden > 0);
    if (!m_repaint.isActive())
        m_repaint.start();
}

void WatchWall::layoutTiles()
{
    while (QLayoutItem *item = m_gridLayout->takeAt(0))
        delete item;
    for (int column = 0; column < maximumTiles; ++column)
        m_gridLayout->setColumnStretch(column, column < m_columns ? 1 : 0);
    for (qsizetype i = 0; i < m_order.size(); ++i) {
        WatchTile *tile = m_watched.value(m_order.at(i)).tile;
        m_gridLayout->addWidget(tile, int(i) / m_columns, int(i) % m_columns);
        tile->show();
    }
}

void WatchWall::startWatching(const Key &key, const QJsonObject &summary)
{
    Watched watched;
    watched.tile = new WatchTile(key.first, key.second, m_grid);
    watched.tile->setSummary(summary);
    watched.generation = ++m_nextGeneration;
    connect(watched.tile, &WatchTile::activated, this, &WatchWall::openRun);
    m_watched.insert(key, watched);
    EngineSession *session = m_hub ? m_hub->engine(key.first) : nullptr;
    if (!session)
        return;
    TopicSubscriptions::of(session)->acquire(topicOf(key.second));
    if (session->isConnected())
        readHistory(key, watched.generation, 0, historyPages);
}

void WatchWall::stopWatching(const Key &key)
{
    const Watched watched = m_watched.take(key);
    if (EngineSession *session = m_hub ? m_hub->engine(key.first) : nullptr)
        TopicSubscriptions::of(session)->release(topicOf(key.second));
    if (watched.tile) {
        m_gridLayout->removeWidget(watched.tile);
        watched.tile->hide();
        watched.tile->deleteLater();
    }
}

void WatchWall::readHistory(const Key &key, quint64 generation, qint64 after, int pagesLeft)
{
    EngineSession *session = m_hub ? m_hub->engine(key.first) : nullptr;
    if (!session)
        return;
    const QJsonObject params { { u"run_id"_s, key.second },
                               { u"after_sequence"_s, after },
                               { u"limit"_s, pageSize } };
    QCoro::connect(session->call(u"runs.events"_s, params), this,
                   [this, key, generation, pagesLeft](const rpc::RpcOutcome &outcome) {
                       const auto found = m_watched.find(key);
                       if (found == m_watched.end() || found->generation != generation || outcome.error)
                           return;
                       const QJsonArray events = outcome.result.toObject().value("events"_L1).toArray();
                       const qint64 last = outcome.result.toObject().value("last_sequence"_L1).toInteger();
                       if (events.size() >= pageSize && pagesLeft <= 1) {
                           // Too long to read for a tile: what it showed from
                           // earlier pages is old; keep only what came live.
                           found->lines.removeIf([last](const Line &line) { return line.sequence <= last; });
                           addLines(found.value(), {});
                           return;
                       }
                       QList<Line> lines;
                       // Only the end of a page can reach the tail.
                       for (qsizetype i = std::max<qsizetype>(0, events.size() - 4 * WatchTile::tailLength);
                            i < events.size(); ++i) {
                           const QJsonObject event = events.at(i).toObject();
                           const qint64 sequence = event.value("sequence"_L1).toInteger();
                           const QStringList texts = eventtext::tailLines(
                               event.value("kind"_L1).toString(), event.value("payload"_L1).toObject());
                           for (const QString &text : texts)
                               lines.append({ sequence, text });
                       }
                       addLines(found.value(), lines);
                       if (events.size() >= pageSize)
                           readHistory(key, generation, last, pagesLeft - 1);
                   });
}

void WatchWall::addLines(Watched &watched, QList<Line> lines)
{
    // An event read with the history may come live too: take each once.
    lines.removeIf([&watched](const Line &line) {
        return std::any_of(watched.lines.cbegin(), watched.lines.cend(),
                           [&line](const Line &kept) { return kept.sequence == line.sequence; });
    });
    const bool inOrder = lines.isEmpty() || watched.lines.isEmpty()
        || watched.lines.constLast().sequence <= lines.constFirst().sequence;
    watched.lines.append(lines);
    if (!inOrder)
        std::stable_sort(watched.lines.begin(), watched.lines.end(),
                         [](const Line &a, const Line &b) { return a.sequence < b.sequence; });
    if (watched.lines.size() > WatchTile::tailLength)
        watched.lines.remove(0, watched.lines.size() - WatchTile::tailLength);
    QStringList texts;
    for (const Line &line : std::as_const(watched.lines))
        texts.append(line.text);
    watched.tile->setTail(texts);
    if (watched.tile->needsRefresh() && !m_repaint.isActive())
        m_repaint.start();
}

void WatchWall::repaintTiles()
{
    bool painted = false;
    for (const Watched &watched : std::as_const(m_watched)) {
        if (watched.tile->needsRefresh()) {
            watched.tile->refresh();
            painted = true;
        }
    }
    // Idle walls do not tick.
    if (!painted)
        m_repaint.stop();
}

void WatchWall::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    scheduleRebuild();
}

void WatchWall::keyPressEvent(QKeyEvent *event)
{
    // Arrow keys move between tiles as they are laid out.
    qsizetype current = -1;
    for (qsizetype i = 0; i < m_order.size(); ++i) {
        if (m_watched.value(m_order.at(i)).tile->hasFocus())
            current = i;
    }
    qsizetype target = current;
    switch (event->key()) {
    case Qt::Key_Left:
        target = current - 1;
        break;
    case Qt::Key_Right:
        target = current + 1;
        break;
    case Qt::Key_Up:
        target = current - m_columns;
        break;
    case Qt::Key_Down:
        target = current + m_columns;
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    if (current >= 0 && target >= 0 && target < m_order.size())
        m_watched.value(m_order.at(target)).tile->setFocus(Qt::TabFocusReason);
    event->accept();
}

} // namespace delegate::ui
