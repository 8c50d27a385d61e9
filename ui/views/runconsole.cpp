// SPDX-License-Identifier: GPL-3.0-or-later
#include "runconsole.h"

#include "domain/enumnames.h"
#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "models/runeventmodel.h"
#include "style/displayformat.h"
#include "style/runstatelook.h"
#include "views/runeventdelegate.h"

#include <QApplication>
#include <QBoxLayout>
#include <QClipboard>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

bool hasEnded(const QString &state)
{
    return state == "completed"_L1 || state == "rejected"_L1 || state == "failed"_L1
        || state == "cancelled"_L1;
}

// RunDetail carries the Run with its task; the header reads RunSummary
// fields, as run.updated sends them.
QJsonObject summaryFromDetail(const QJsonObject &detail)
{
    QJsonObject summary = detail.value("run"_L1).toObject();
    const QJsonObject task = summary.value("task"_L1).toObject();
    summary.remove(u"task"_s);
    const QString title = task.value("title"_L1).toString();
    summary.insert(u"title"_s, title.isEmpty() ? task.value("objective"_L1).toString().left(120) : title);
    summary.insert(u"agent"_s, task.value("agent"_L1));
    summary.insert(u"paused"_s, detail.value("paused"_L1).toBool());
    summary.insert(u"reason"_s, detail.value("reason"_L1).toString());
    int open = 0;
    const QJsonArray checkpoints = detail.value("checkpoints"_L1).toArray();
    for (const QJsonValue &checkpoint : checkpoints)
        open += checkpoint.toObject().value("state"_L1).toString() == "open"_L1 ? 1 : 0;
    summary.insert(u"open_checkpoints"_s, open);
    summary.insert(u"artifact_versions"_s, int(detail.value("artifacts"_L1).toArray().size()));
    return summary;
}

QString errorText(const rpc::RpcError &error)
{
    switch (error.code) {
    case rpc::Forbidden:
        return QCoreApplication::translate("RunConsole", "%1 Ask a lead to do it.").arg(error.message);
    case rpc::Conflict:
        return QCoreApplication::translate("RunConsole", "%1 The run's state was reloaded.")
            .arg(error.message);
    case rpc::Unavailable:
        return QCoreApplication::translate("RunConsole", "%1 Try again once the engine is back.")
            .arg(error.message);
    default:
        return error.message;
    }
}

QColor mutedColor(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    return QColor::fromRgbF(float(text.redF() * 0.6 + window.redF() * 0.4),
                            float(text.greenF() * 0.6 + window.greenF() * 0.4),
                            float(text.blueF() * 0.6 + window.blueF() * 0.4));
}

void setTextColor(QWidget *widget, const QColor &color)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, color);
    widget->setPalette(palette);
}

void setNote(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    setTextColor(label, error ? RunStateLook::of(u"failed"_s).color : mutedColor(QApplication::palette()));
    label->setVisible(!text.isEmpty());
}

} // namespace

RunConsole::RunConsole(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(new RunEventModel(hub, this))
    , m_pages(new QStackedWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    buildEmptyPage();
    buildConsolePage();
    m_pages->setCurrentIndex(0);

    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &RunConsole::updateElapsed);
    m_countMatches.setSingleShot(true);
    m_countMatches.setInterval(150);
    connect(&m_countMatches, &QTimer::timeout, this, [this] {
        const QString text = m_search->text();
        if (text.isEmpty()) {
            m_matches->clear();
            return;
        }
        const int count = m_model->countMatches(text);
        m_matches->setText(count == 0       ? tr("No matches")
                               : count == 1 ? tr("1 match")
                                            : tr("%1 matches").arg(count));
    });

    connect(m_model, &RunEventModel::loadingChanged, this, &RunConsole::updateStatusLine);
    connect(m_model, &RunEventModel::errorChanged, this, &RunConsole::updateStatusLine);
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_view->verticalScrollBar();
        m_wasAtBottom = bar->value() >= bar->maximum() - 4;
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &RunConsole::onRowsInserted);
}

RunConsole::~RunConsole() = default;

void RunConsole::buildEmptyPage()
{
    m_emptyLabel = new QLabel(tr("Select a run to watch it — or compose a task"), m_pages);
    m_emptyLabel->setObjectName(u"emptyState"_s);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setMargin(24);
    setTextColor(m_emptyLabel, mutedColor(palette()));
    m_pages->addWidget(m_emptyLabel);
}

void RunConsole::buildConsolePage()
{
    auto *page = new QWidget(m_pages);
    auto *column = new QVBoxLayout(page);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);

    // Header: state and title, the facts, the controls.
    auto *header = new QWidget(page);
    auto *headerLayout = new QVBoxLayout(header);
    headerLayout->setContentsMargins(12, 10, 12, 8);
    headerLayout->setSpacing(4);

    auto *stateRow = new QHBoxLayout;
    stateRow->setSpacing(6);
    m_stateIcon = new QLabel(header);
    m_stateWord = new QLabel(header);
    m_stateWord->setObjectName(u"stateWord"_s);
    QFont boldFont = m_stateWord->font();
    boldFont.setBold(true);
    m_stateWord->setFont(boldFont);
    m_activity = new QProgressBar(header);
    m_activity->setRange(0, 0);
    m_activity->setTextVisible(false);
    m_activity->setFixedSize(48, 6);
    m_activity->setAccessibleName(tr("Working"));
    m_paused = new QLabel(tr("Paused"), header);
    m_paused->setObjectName(u"pausedBadge"_s);
    m_paused->setFont(boldFont);
    setTextColor(m_paused, RunStateLook::of(u"waiting_for_human"_s).color);
    m_title = new QLabel(header);
    m_title->setObjectName(u"title"_s);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    stateRow->addWidget(m_stateIcon);
    stateRow->addWidget(m_stateWord);
    stateRow->addWidget(m_activity, 0, Qt::AlignVCenter);
    stateRow->addWidget(m_paused);
    stateRow->addStretch(1);
    headerLayout->addLayout(stateRow);
    headerLayout->addWidget(m_title);

    m_facts = new QLabel(header);
    m_facts->setObjectName(u"facts"_s);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextColor(m_facts, mutedColor(palette()));
    headerLayout->addWidget(m_facts);
    m_reason = new QLabel(header);
    m_reason->setObjectName(u"reason"_s);
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    headerLayout->addWidget(m_reason);

    auto *actions = new QHBoxLayout;
    actions->setSpacing(6);
    m_pause = new QPushButton(tr("&Pause"), header);
    m_pause->setObjectName(u"pauseButton"_s);
    m_resume = new QPushButton(tr("&Resume"), header);
    m_resume->setObjectName(u"resumeButton"_s);
    m_cancel = new QPushButton(tr("&Cancel run…"), header);
    m_cancel->setObjectName(u"cancelButton"_s);
    actions->addWidget(m_pause);
    actions->addWidget(m_resume);
    actions->addWidget(m_cancel);
    actions->addStretch(1);
    auto *trail = new QPushButton(tr("Audit &trail"), header);
    trail->setObjectName(u"auditTrailButton"_s);
    trail->setToolTip(tr("The run's whole story on one page, to read or export as HTML or PDF"));
    actions->addWidget(trail);
    connect(trail, &QPushButton::clicked, this, [this] {
        if (!m_runId.isEmpty())
            Q_EMIT auditTrailRequested(m_engine, m_runId);
    });
    headerLayout->addLayout(actions);
    m_actionNote = new QLabel(header);
    m_actionNote->setObjectName(u"actionNote"_s);
    m_actionNote->setWordWrap(true);
    m_actionNote->hide();
    headerLayout->addWidget(m_actionNote);
    column->addWidget(header);

    connect(m_pause, &QPushButton::clicked, this, [this] { runAction(u"runs.pause"_s, tr("Pausing…")); });
    connect(m_resume, &QPushButton::clicked, this, [this] { runAction(u"runs.resume"_s, tr("Resuming…")); });
    connect(m_cancel, &QPushButton::clicked, this, &RunConsole::confirmCancel);

    auto *rule = new QFrame(page);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    column->addWidget(rule);

    // Search bar, shown by Ctrl+F.
    m_searchBar = new QWidget(page);
    auto *searchLayout = new QHBoxLayout(m_searchBar);
    searchLayout->setContentsMargins(8, 4, 8, 4);
    searchLayout->setSpacing(4);
    m_search = new QLineEdit(m_searchBar);
    m_search->setObjectName(u"searchField"_s);
    m_search->setPlaceholderText(tr("Find in this run"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    auto *previous = new QToolButton(m_searchBar);
    previous->setText(tr("Previous"));
    previous->setToolTip(tr("Previous match (Shift+F3)"));
    previous->setArrowType(Qt::UpArrow);
    auto *next = new QToolButton(m_searchBar);
    next->setText(tr("Next"));
    next->setToolTip(tr("Next match (F3, Enter)"));
    next->setArrowType(Qt::DownArrow);
    m_matches = new QLabel(m_searchBar);
    m_matches->setObjectName(u"matchCount"_s);
    auto *close = new QToolButton(m_searchBar);
    close->setText(tr("Close"));
    close->setToolTip(tr("Close the search (Escape)"));
    searchLayout->addWidget(m_search, 1);
    searchLayout->addWidget(previous);
    searchLayout->addWidget(next);
    searchLayout->addWidget(m_matches);
    searchLayout->addWidget(close);
    m_searchBar->hide();
    column->addWidget(m_searchBar);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_delegate->setSearchText(text);
        m_countMatches.start();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { findFromBar(false); });
    connect(previous, &QToolButton::clicked, this, [this] { findFromBar(true); });
    connect(next, &QToolButton::clicked, this, [this] { findFromBar(false); });
    connect(close, &QToolButton::clicked, this, &RunConsole::closeSearch);

    // The stream: one virtualised list, its rows painted by the delegate.
    m_view = new QListView(page);
    m_view->setObjectName(u"eventStream"_s);
    m_view->setModel(m_model);
    m_delegate = new RunEventDelegate(m_view, m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setUniformItemSizes(false);
    m_view->setLayoutMode(QListView::SinglePass);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A scroll bar that came and went would change the width, and with it
    // every wrapped row's height.
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->verticalScrollBar()->setSingleStep(fontMetrics().height() * 2);
    m_view->installEventFilter(this);
    m_view->setAccessibleName(tr("Events of the run"));
    column->addWidget(m_view, 1);

    auto *statusRow = new QHBoxLayout;
    statusRow->setContentsMargins(12, 4, 8, 4);
    m_status = new QLabel(page);
    m_status->setObjectName(u"streamStatus"_s);
    m_status->setWordWrap(true);
    m_follow = new QToolButton(page);
    m_follow->setObjectName(u"followButton"_s);
    m_follow->setText(tr("Follow"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest events in view while the list is scrolled to its end (End jumps "
                            "there)"));
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_follow);
    column->addLayout(statusRow);
    connect(m_follow, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_view->scrollToBottom();
    });

    // Steering: a message the agent reads before its next step.
    auto *steerRule = new QFrame(page);
    steerRule->setFrameShape(QFrame::HLine);
    steerRule->setFrameShadow(QFrame::Sunken);
    column->addWidget(steerRule);
    auto *steerBox = new QWidget(page);
    auto *steerLayout = new QVBoxLayout(steerBox);
    steerLayout->setContentsMargins(12, 8, 12, 10);
    steerLayout->setSpacing(4);
    auto *steerRow = new QHBoxLayout;
    steerRow->setSpacing(6);
    m_steer = new QLineEdit(steerBox);
    m_steer->setObjectName(u"steerField"_s);
    m_steer->setPlaceholderText(tr("Tell the agent something — it reads it before its next step"));
    m_steer->setAccessibleName(tr("Steering message"));
    m_send = new QPushButton(tr("Send"), steerBox);
    m_send->setObjectName(u"sendButton"_s);
    m_send->setToolTip(tr("Send to the agent (Enter)"));
    steerRow->addWidget(m_steer, 1);
    steerRow->addWidget(m_send);
    steerLayout->addLayout(steerRow);
    m_steerNote = new QLabel(steerBox);
    m_steerNote->setObjectName(u"steerNote"_s);
    m_steerNote->setWordWrap(true);
    m_steerNote->hide();
    steerLayout->addWidget(m_steerNote);
    column->addWidget(steerBox);
    connect(m_steer, &QLineEdit::returnPressed, this, &RunConsole::sendSteering);
    connect(m_send, &QPushButton::clicked, this, &RunConsole::sendSteering);
    connect(m_steer, &QLineEdit::textChanged, this, &RunConsole::updateActions);

    auto *find = new QShortcut(QKeySequence::Find, this, this, &RunConsole::openSearch);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    auto *findNext = new QShortcut(QKeySequence::FindNext, this, this, [this] { findFromBar(false); });
    findNext->setContext(Qt::WidgetWithChildrenShortcut);
    auto *findPrevious = new QShortcut(QKeySequence::FindPrevious, this, this, [this] { findFromBar(true); });
    findPrevious->setContext(Qt::WidgetWithChildrenShortcut);

    m_pages->addWidget(page);
}

void RunConsole::showRun(const QString &engine, const QString &runId)
{
    if (engine == m_engine && runId == m_runId)
        return;
    ++m_generation;
    for (const QMetaObject::Connection &connection : std::as_const(m_sessionConnections))
        disconnect(connection);
    m_sessionConnections.clear();
    if (m_confirmation)
        m_confirmation->reject();
    m_engine = runId.isEmpty() ? QString() : engine;
    m_runId = runId;
    m_summary = {};
    m_workspaceBranch.clear();
    m_busy = false;
    m_steering = false;
    m_steer->clear();
    setNote(m_actionNote, {}, false);
    setNote(m_steerNote, {}, false);
    m_model->setRun(m_engine, m_runId);
    m_clock.stop();
    if (runId.isEmpty()) {
        m_session = nullptr;
        m_pages->setCurrentIndex(0);
        return;
    }
    m_pages->setCurrentIndex(1);
    m_session = m_hub ? m_hub->engine(engine) : nullptr;
    if (m_session)
        watchSession(m_session);
    updateHeader();
    updateStatusLine();
    refreshHeader();
}

void RunConsole::watchSession(EngineSession *session)
{
    m_sessionConnections.append(connect(session, &EngineSession::notificationReceived, this,
                                        [this](const QString &method, const QJsonObject &params) {
                                            if (method != "run.updated"_L1)
                                                return;
                                            const QJsonObject run = params.value("run"_L1).toObject();
                                            if (run.value("id"_L1).toString() == m_runId)
                                                applySummary(run);
                                        }));
    m_sessionConnections.append(connect(session, &EngineSession::ready, this, &RunConsole::refreshHeader));
    m_sessionConnections.append(
        connect(session, &EngineSession::resyncNeeded, this, &RunConsole::refreshHeader));
    m_sessionConnections.append(
        connect(session, &EngineSession::statusChanged, this, &RunConsole::updateActions));
}

void RunConsole::refreshHeader()
{
    if (!m_session || m_runId.isEmpty() || !m_session->isConnected())
        return;
    const quint64 generation = m_generation;
    const QJsonObject params { { u"run_id"_s, m_runId } };
    QCoro::connect(
        m_session->call(u"runs.get"_s, params), this, [this, generation](const rpc::RpcOutcome &outcome) {
            if (generation != m_generation)
                return;
            if (outcome.error) {
                setNote(m_actionNote, tr("The run could not be read: %1").arg(outcome.error->message), true);
                return;
            }
            const QJsonObject detail = outcome.result.toObject();
            m_workspaceBranch = detail.value("workspace"_L1).toObject().value("branch"_L1).toString();
            applySummary(summaryFromDetail(detail));
        });
}

void RunConsole::applySummary(const QJsonObject &summary)
{
    m_summary = summary;
    updateHeader();
}

void RunConsole::updateHeader()
{
    const QString state = m_summary.value("state"_L1).toString();
    const RunStateLook look = RunStateLook::of(state);
    const int iconSize = m_stateWord->fontMetrics().height();
    m_stateIcon->setPixmap(look.icon.pixmap(QSize(iconSize, iconSize), devicePixelRatioF()));
    m_stateIcon->setVisible(!state.isEmpty());
    m_stateWord->setText(state.isEmpty() ? tr("Loading…") : look.word);
    setTextColor(m_stateWord, state.isEmpty() ? mutedColor(palette()) : look.color);
    m_activity->setVisible(look.active);
    m_paused->setVisible(m_summary.value("paused"_L1).toBool() && !hasEnded(state));
    const QString title = m_summary.value("title"_L1).toString();
    m_title->setText(title.isEmpty() ? m_runId : title);
    m_title->setToolTip(m_runId);
    const QString reason = m_summary.value("reason"_L1).toString();
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
    if (state == "failed"_L1 || state == "interrupted"_L1)
        setTextColor(m_reason, look.color);
    else
        setTextColor(m_reason, palette().color(QPalette::WindowText));
    updateElapsed();
    if (look.active || state == "waiting_for_human"_L1 || state == "queued"_L1)
        m_clock.start();
    else
        m_clock.stop();
    updateActions();
}

void RunConsole::updateElapsed()
{
    if (m_summary.isEmpty()) {
        m_facts->setText(m_engine == "local"_L1 ? m_runId : m_runId + u" · "_s + m_engine);
        return;
    }
    QStringList facts;
    const QJsonObject agent = m_summary.value("agent"_L1).toObject();
    QString agentText = agent.value("runtime"_L1).toString();
    const QString model = agent.value("model"_L1).toString();
    const QString provider = agent.value("provider"_L1).toString();
    if (!model.isEmpty())
        agentText += (agentText.isEmpty() ? QString() : u" · "_s)
            + (provider.isEmpty() ? model : provider + u'/' + model);
    if (!agentText.isEmpty())
        facts.append(agentText);
    const QString environment = m_summary.value("environment"_L1).toString();
    if (!environment.isEmpty())
        facts.append(tr("in %1").arg(environment));
    const QDateTime created = displayformat::parseTime(m_summary.value("created_at"_L1).toString());
    const QString state = m_summary.value("state"_L1).toString();
    const QDateTime until = hasEnded(state)
        ? displayformat::parseTime(m_summary.value("updated_at"_L1).toString())
        : QDateTime::currentDateTimeUtc();
    if (created.isValid())
        facts.append(
            tr("%1 elapsed").arg(displayformat::duration(std::max<qint64>(0, created.secsTo(until)))));
    const QJsonObject usage = m_summary.value("usage"_L1).toObject();
    const qint64 tokens = usage.value("tokens_in"_L1).toInteger() + usage.value("tokens_out"_L1).toInteger();
    facts.append(tr("%1 tokens").arg(displayformat::tokens(tokens)));
    const QJsonValue cost = usage.value("cost_usd"_L1);
    facts.append(
        displayformat::cost(cost.isDouble() ? std::optional<double>(cost.toDouble()) : std::nullopt));
    if (m_engine != "local"_L1)
        facts.append(tr("on %1").arg(m_engine));
    m_facts->setText(facts.join(u"  ·  "_s));
    m_facts->setToolTip(
        tr("%1\nStarted %2 (%3)\n%4 tokens in, %5 out")
            .arg(m_runId, displayformat::exactTime(created), displayformat::relativeTime(created))
            .arg(usage.value("tokens_in"_L1).toInteger())
            .arg(usage.value("tokens_out"_L1).toInteger()));
}

void RunConsole::updateActions()
{
    const QString state = m_summary.value("state"_L1).toString();
    const bool connected = m_session && m_session->isConnected();
    const bool lead = connected && m_session->identity().role == Role::Lead;
    const bool known = !state.isEmpty();
    const bool ended = hasEnded(state);
    const bool paused = m_summary.value("paused"_L1).toBool();
    const bool free = !m_busy && known && lead;

    m_pause->setEnabled(free && !ended && !paused);
    m_resume->setEnabled(free && !ended && paused);
    m_cancel->setEnabled(free && !ended && state != "applying"_L1);
    m_steer->setEnabled(known && lead && !ended);
    m_send->setEnabled(known && lead && !ended && !m_steering && !m_steer->text().trimmed().isEmpty());

    // A disabled control says why.
    QString why;
    if (!connected)
        why = m_session ? tr("Not connected: %1").arg(m_session->statusText()) : tr("Not connected");
    else if (!lead)
        why = tr("Only a lead may control runs; you are signed in as %1 (%2).")
                  .arg(m_session->identity().user, enumToString(m_session->identity().role));
    else if (ended)
        why = tr("The run has ended.");
    m_pause->setToolTip(why.isEmpty() ? tr("Stop the run at its agent's next step (Alt+P)") : why);
    m_resume->setToolTip(why.isEmpty() ? tr("Let a paused run go on (Alt+R)") : why);
    m_cancel->setToolTip(why.isEmpty() ? tr("Stop the run for good; asks first (Alt+C)") : why);
    m_steer->setToolTip(why);
    if (!why.isEmpty() && known)
        m_steer->setPlaceholderText(why);
    else
        m_steer->setPlaceholderText(tr("Tell the agent something — it reads it before its next step"));
}

void RunConsole::updateStatusLine()
{
    if (!m_model->errorText().isEmpty()) {
        setNote(m_status, m_model->errorText() + u' ' + tr("It is read again when the engine reconnects."),
                true);
        return;
    }
    QString text;
    if (m_model->isLoading())
        text = tr("Loading events… %1 so far").arg(QLocale().toString(m_model->eventCount()));
    else if (m_model->eventCount() == 1)
        text = tr("1 event");
    else
        text = tr("%1 events").arg(QLocale().toString(m_model->eventCount()));
    setNote(m_status, text, false);
}

void RunConsole::runAction(const QString &method, const QString &progress, QJsonObject params)
{
    if (!m_session || m_busy)
        return;
    m_busy = true;
    updateActions();
    setNote(m_actionNote, progress, false);
    params.insert(u"run_id"_s, m_runId);
    const quint64 generation = m_generation;
    QCoro::connect(m_session->call(method, params), this, [this, generation](const rpc::RpcOutcome &outcome) {
        if (generation != m_generation)
            return;
        m_busy = false;
        if (outcome.error) {
            setNote(m_actionNote, errorText(*outcome.error), true);
            refreshHeader();
        } else {
            setNote(m_actionNote, {}, false);
            const QJsonObject run = outcome.result.toObject().value("run"_L1).toObject();
            if (!run.isEmpty())
                applySummary(run);
            // run.updated brings the change too; reading it closes the gap
            // when that notification is late.
            refreshHeader();
        }
        updateActions();
    });
}

void RunConsole::confirmCancel()
{
    if (m_confirmation || !m_cancel->isEnabled())
        return;
    // Say what cancelling does to this run before it happens.
    QStringList consequences { tr("The agent stops at once and any command it is running is killed.") };
    consequences.append(m_workspaceBranch.isEmpty()
                            ? tr("Its workspace and any changes not handed in are removed.")
                            : tr("Its workspace (branch %1) and any changes not handed in are removed.")
                                  .arg(m_workspaceBranch));
    const int versions = m_summary.value("artifact_versions"_L1).toInt();
    if (versions > 0)
        consequences.append(versions == 1
                                ? tr("The version handed in stays in the history but will not be "
                                     "reviewed or applied.")
                                : tr("The %1 versions handed in stay in the history but will not be "
                                     "reviewed or applied.")
                                      .arg(versions));
    const int open = m_summary.value("open_checkpoints"_L1).toInt();
    if (open > 0)
        consequences.append(open == 1 ? tr("Its open question closes unanswered.")
                                      : tr("Its %1 open questions close unanswered.").arg(open));
    consequences.append(tr("This cannot be undone."));

    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cancel run?"),
                                tr("Cancel “%1”?").arg(m_summary.value("title"_L1).toString(m_runId)),
                                QMessageBox::NoButton, this);
    box->setObjectName(u"cancelConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(consequences.join(u' '));
    QPushButton *confirm = box->addButton(tr("Cancel run"), QMessageBox::DestructiveRole);
    confirm->setObjectName(u"confirmCancel"_s);
    QPushButton *keep = box->addButton(tr("Keep it going"), QMessageBox::RejectRole);
    keep->setObjectName(u"keepRun"_s);
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    m_confirmation = box;
    const quint64 generation = m_generation;
    connect(box, &QMessageBox::buttonClicked, this, [this, confirm, generation](QAbstractButton *button) {
        if (button == confirm && generation == m_generation)
            runAction(u"runs.cancel"_s, tr("Cancelling…"));
    });
    // Window-modal and asynchronous: the stream goes on behind the question.
    box->open();
}

void RunConsole::sendSteering()
{
    const QString text = m_steer->text().trimmed();
    if (text.isEmpty() || !m_session || m_steering || !m_send->isEnabled())
        return;
    m_steering = true;
    updateActions();
    setNote(m_steerNote, tr("Sending…"), false);
    const QJsonObject params { { u"run_id"_s, m_runId }, { u"text"_s, text } };
    const quint64 generation = m_generation;
    QCoro::connect(m_session->call(u"runs.steer"_s, params), this,
                   [this, generation, text](const rpc::RpcOutcome &outcome) {
                       if (generation != m_generation)
                           return;
                       m_steering = false;
                       if (outcome.error) {
                           setNote(m_steerNote, errorText(*outcome.error), true);
                           if (outcome.error->code == rpc::Conflict)
                               refreshHeader();
                       } else {
                           if (m_steer->text().trimmed() == text)
                               m_steer->clear();
                           setNote(m_steerNote, tr("Sent. The agent reads it before its next step."), false);
                       }
                       updateActions();
                   });
}

bool RunConsole::isFollowing() const
{
    return m_follow->isChecked();
}

void RunConsole::setFollowing(bool follow)
{
    m_follow->setChecked(follow);
}

void RunConsole::onRowsInserted()
{
    updateStatusLine();
    if (m_follow->isChecked() && m_wasAtBottom)
        m_view->scrollToBottom();
}

void RunConsole::openSearch()
{
    if (m_runId.isEmpty())
        return;
    m_searchBar->show();
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void RunConsole::closeSearch()
{
    m_searchBar->hide();
    m_search->clear();
    m_view->setFocus(Qt::OtherFocusReason);
}

bool RunConsole::find(const QString &text, bool backwards)
{
    if (m_runId.isEmpty())
        return false;
    m_searchBar->show();
    if (m_search->text() != text)
        m_search->setText(text);
    m_model->flushPending();
    const int row = m_model->find(text, m_view->currentIndex().row(), backwards);
    if (row < 0) {
        m_matches->setText(tr("No matches"));
        return false;
    }
    const QModelIndex index = m_model->index(row);
    // A match inside folded arguments or output is unfolded to be seen.
    if (index.data(RunEventModel::CollapsibleRole).toBool()
        && !index.data(RunEventModel::DisplayTextRole).toString().contains(text, Qt::CaseInsensitive))
        m_model->setExpanded(row, true);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void RunConsole::findFromBar(bool backwards)
{
    if (!m_searchBar->isVisible()) {
        openSearch();
        return;
    }
    if (!m_search->text().isEmpty())
        find(m_search->text(), backwards);
}

void RunConsole::toggleCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid() && current.data(RunEventModel::CollapsibleRole).toBool())
        m_model->setExpanded(current.row(), !current.data(RunEventModel::ExpandedRole).toBool());
}

bool RunConsole::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    if (watched == m_view) {
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter || key->key() == Qt::Key_Space) {
            toggleCurrent();
            return true;
        }
        if (key->matches(QKeySequence::Copy)) {
            const QString text = m_model->fullText(m_view->currentIndex().row());
            if (!text.isEmpty())
                QGuiApplication::clipboard()->setText(text);
            return true;
        }
    } else if (watched == m_search) {
        if (key->key() == Qt::Key_Escape) {
            closeSearch();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers().testFlag(Qt::ShiftModifier)) {
            findFromBar(true);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace delegate::ui
