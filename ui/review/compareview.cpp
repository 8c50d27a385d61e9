// SPDX-License-Identifier: GPL-3.0-or-later
#include "compareview.h"

#include "attemptcolumn.h"
#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "inlinemessage.h"
#include "style/runstatelook.h"

#include <QHash>
#include <QJsonArray>
#include <QLabel>
#include <QRegularExpression>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

struct PickStep
{
    QString runId;
    QString method;
    QJsonObject params;
    bool required = false; // the pick itself: when it fails, nothing else is closed
};

struct PickOutcome
{
    PickStep step;
    std::optional<rpc::RpcError> error;
};

// The steps one after the other, so a failed approval closes nothing. It
// touches no widget: the view gets the outcomes through QCoro::connect.
QCoro::Task<QList<PickOutcome>> runSteps(QPointer<EngineSession> session, QList<PickStep> steps)
{
    QList<PickOutcome> outcomes;
    for (const PickStep &step : steps) {
        if (!session) {
            outcomes.append({ step,
                              rpc::RpcError { rpc::Unavailable,
                                              QCoreApplication::translate(
                                                  "CompareView", "the connection to the engine is gone"),
                                              {} } });
            break;
        }
        const QString method = step.method;
        const QJsonObject params = step.params;
        const rpc::RpcOutcome outcome = co_await session->call(method, params);
        outcomes.append({ step, outcome.error });
        if (step.required && outcome.error)
            break;
    }
    co_return outcomes;
}

bool cancellable(const QString &state)
{
    return state == "queued"_L1 || state == "provisioning"_L1 || state == "running"_L1
        || state == "waiting_for_human"_L1 || state == "changes_requested"_L1 || state == "interrupted"_L1;
}

// The exit code of a `run` tool result: in the payload, or in its output's first line.
std::optional<int> exitCodeOf(const QJsonObject &payload)
{
    if (payload.contains("exit_code"_L1))
        return payload.value("exit_code"_L1).toInt();
    static const QRegularExpression pattern(u"^exit code: (-?\\d+)"_s);
    const QRegularExpressionMatch match = pattern.match(payload.value("output"_L1).toString());
    if (match.hasMatch())
        return match.captured(1).toInt();
    return std::nullopt;
}

} // namespace

CompareView::CompareView(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_confirmer(&confirmWithDialog)
    , m_title(new QLabel(tr("Compare attempts"), this))
    , m_subtitle(new QLabel(this))
    , m_message(new InlineMessage(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    layout->addWidget(m_title);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setWordWrap(true);
    m_subtitle->setText(tr("Pick two to four attempts of the same task to compare them."));
    layout->addWidget(m_subtitle);
    layout->addWidget(m_message);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);
}

CompareView::~CompareView() = default;

void CompareView::setConfirmer(Confirmer confirmer)
{
    m_confirmer = confirmer ? std::move(confirmer) : Confirmer(&confirmWithDialog);
}

EngineSession *CompareView::session() const
{
    return m_hub && !m_engine.isEmpty() ? m_hub->engine(m_engine) : nullptr;
}

QStringList CompareView::runIds() const
{
    QStringList ids;
    for (const AttemptColumn *column : m_columns)
        ids.append(column->runId());
    return ids;
}

AttemptColumn *CompareView::column(const QString &runId) const
{
    for (AttemptColumn *column : m_columns) {
        if (column->runId() == runId)
            return column;
    }
    return nullptr;
}

void CompareView::showAttempts(const QString &engine, const QStringList &runIds)
{
    qDeleteAll(m_columns);
    m_columns.clear();
    m_engine = engine;
    m_picking = false;
    m_message->clear();
    QStringList shown = runIds;
    shown.removeDuplicates();
    if (shown.size() > maximumAttempts) {
        m_message->showMessage(InlineMessage::Kind::Warning,
                               tr("%1 attempts were given; the first %2 are shown side by side.")
                                   .arg(shown.size())
                                   .arg(maximumAttempts));
        shown = shown.mid(0, maximumAttempts);
    } else if (shown.size() < 2) {
        m_message->showInformation(tr("There is only one attempt: open its review instead."));
    }
    for (qsizetype i = 0; i < shown.size(); ++i) {
        auto *column = new AttemptColumn(int(i + 1), shown.at(i), m_splitter);
        connect(column, &AttemptColumn::pickRequested, this, &CompareView::pick);
        m_splitter->addWidget(column);
        m_columns.append(column);
    }
    QList<int> sizes;
    for (qsizetype i = 0; i < shown.size(); ++i)
        sizes.append(1000);
    m_splitter->setSizes(sizes);
    m_subtitle->setText(tr("%n attempt(s) side by side. Pick the one to keep; the others are closed.",
                           nullptr, int(shown.size())));
    watchSession();
    reload();
}

void CompareView::watchSession()
{
    disconnect(m_notifications);
    disconnect(m_ready);
    EngineSession *engine = session();
    if (!engine)
        return;
    m_notifications = connect(engine, &EngineSession::notificationReceived, this,
                              [this](const QString &method, const QJsonObject &params) {
                                  if (method != "run.updated"_L1)
                                      return;
                                  const QJsonObject run = params.value("run"_L1).toObject();
                                  AttemptColumn *target = column(run.value("id"_L1).toString());
                                  if (!target)
                                      return;
                                  const QString before = target->state();
                                  const int versions = target->latestVersion();
                                  target->setSummary(run);
                                  if (run.value("state"_L1).toString() != before
                                      || run.value("artifact_versions"_L1).toInt() != versions)
                                      loadColumn(target);
                                  updatePickButtons();
                              });
    m_ready = connect(engine, &EngineSession::ready, this, &CompareView::reload);
}

void CompareView::reload()
{
    ++m_generation;
    m_pending = 0;
    if (!session()) {
        m_message->showError(
            tr("There is no engine called “%1” any more: connect to it again in Settings.").arg(m_engine));
        return;
    }
    for (AttemptColumn *column : std::as_const(m_columns))
        loadColumn(column);
    updatePickButtons();
}

void CompareView::loadColumn(AttemptColumn *column)
{
    EngineSession *engine = session();
    if (!engine)
        return;
    ++m_pending;
    const quint64 generation = m_generation;
    const QPointer<AttemptColumn> target(column);
    QJsonObject params { { u"run_id"_s, column->runId() } };
    QCoro::connect(engine->call(u"runs.get"_s, params), this,
                   [this, target, generation](const rpc::RpcOutcome &outcome) {
                       if (generation != m_generation || !target)
                           return;
                       if (outcome.error) {
                           target->setLoadError(tr("Could not load it: %1").arg(outcome.error->message));
                       } else {
                           target->setDetail(outcome.result.toObject());
                           const QList<AttemptColumn::VerifyResult> results = target->verifyResults();
                           const bool missing =
                               std::any_of(results.cbegin(), results.cend(),
                                           [](const auto &result) { return !result.exitCode; });
                           if (missing && target->latestVersion() > 0)
                               loadVerifyFromLog(target);
                       }
                       updatePickButtons();
                       if (--m_pending == 0)
                           Q_EMIT loaded();
                   });
}

// The built-in agent records no evidence of its own: how the verify commands
// ended is in its log, as `run` tool calls and their results.
void CompareView::loadVerifyFromLog(AttemptColumn *column)
{
    EngineSession *engine = session();
    if (!engine)
        return;
    ++m_pending;
    const quint64 generation = m_generation;
    const QPointer<AttemptColumn> target(column);
    QJsonObject params { { u"run_id"_s, column->runId() }, { u"limit"_s, 1000 } };
    QCoro::connect(engine->call(u"runs.events"_s, params), this,
                   [this, target, generation](const rpc::RpcOutcome &outcome) {
                       if (generation != m_generation || !target)
                           return;
                       if (!outcome.error) {
                           QHash<QString, QString> commandOfCall;
                           QHash<QString, int> lastExit; // command → exit code of its last run
                           const QJsonArray events = outcome.result.toObject().value("events"_L1).toArray();
                           for (const QJsonValue &value : events) {
                               const QJsonObject event = value.toObject();
                               const QString kind = event.value("kind"_L1).toString();
                               const QJsonObject payload = event.value("payload"_L1).toObject();
                               if (payload.value("name"_L1).toString() != "run"_L1)
                                   continue;
                               const QString id = payload.value("id"_L1).toString();
                               if (kind == "tool.call"_L1) {
                                   commandOfCall.insert(id,
                                                        payload.value("arguments"_L1)
                                                            .toObject()
                                                            .value("command"_L1)
                                                            .toString()
                                                            .trimmed());
                               } else if (kind == "tool.result"_L1 && commandOfCall.contains(id)) {
                                   if (const std::optional<int> code = exitCodeOf(payload))
                                       lastExit.insert(commandOfCall.value(id), *code);
                               }
                           }
                           QList<AttemptColumn::VerifyResult> results = target->verifyResults();
                           for (AttemptColumn::VerifyResult &result : results) {
                               const QString command = result.command.trimmed();
                               if (!result.exitCode && lastExit.contains(command)) {
                                   result.exitCode = lastExit.value(command);
                                   result.fromLog = true;
                               }
                           }
                           target->setVerifyResults(results);
                       }
                       if (--m_pending == 0)
                           Q_EMIT loaded();
                   });
}

void CompareView::updatePickButtons()
{
    const EngineSession *engine = session();
    const bool mayDecide = engine && engine->isConnected()
        && (engine->identity().role == Role::Lead || engine->identity().role == Role::Reviewer);
    for (AttemptColumn *column : std::as_const(m_columns)) {
        const QString state = column->state();
        if (!engine || !engine->isConnected())
            column->setPickable(
                false, tr("Not connected to %1: picking waits until the connection is back.").arg(m_engine));
        else if (!mayDecide)
            column->setPickable(false, tr("An auditor reads; a lead or a reviewer picks an attempt."));
        else if (m_picking)
            column->setPickable(false, tr("Picking…"));
        else if (state != "in_review"_L1)
            column->setPickable(false,
                                tr("Only an attempt in review can be picked; this one is %1.")
                                    .arg(RunStateLook::of(state).word.toLower()));
        else
            column->setPickable(true, tr("Approve this attempt and close the others (asks first)"));
    }
}

void CompareView::pick(const QString &runId)
{
    AttemptColumn *chosen = column(runId);
    EngineSession *engine = session();
    if (!chosen || !engine || m_picking)
        return;
    if (chosen->state() != "in_review"_L1) {
        m_message->showError(tr("Attempt %1 is %2: only an attempt in review can be picked.")
                                 .arg(chosen->number())
                                 .arg(RunStateLook::of(chosen->state()).word.toLower()));
        return;
    }
    const bool lead = engine->identity().role == Role::Lead;
    const QString reason = u"Another attempt was chosen: %1"_s.arg(runId);
    QList<PickStep> steps;
    QStringList consequences;
    QJsonObject approve { { u"run_id"_s, runId },
                          { u"verdict"_s, u"approve"_s },
                          { u"version"_s, chosen->latestVersion() } };
    steps.append({ runId, u"runs.review"_s, approve, true });
    consequences.append(tr("Attempt %1 (%2) is approved; its actions then wait for you in its review.")
                            .arg(chosen->number())
                            .arg(runId));
    for (const AttemptColumn *other : std::as_const(m_columns)) {
        if (other == chosen)
            continue;
        const QString state = other->state();
        const QString word = RunStateLook::of(state).word.toLower();
        if (state == "in_review"_L1) {
            QJsonObject reject { { u"run_id"_s, other->runId() },
                                 { u"verdict"_s, u"reject"_s },
                                 { u"text"_s, reason } };
            steps.append({ other->runId(), u"runs.review"_s, reject, false });
            consequences.append(
                tr("Attempt %1 (%2) is rejected with the reason “%3”; its workspace is removed.")
                    .arg(other->number())
                    .arg(other->runId(), reason));
        } else if (cancellable(state) && lead) {
            QJsonObject cancel { { u"run_id"_s, other->runId() }, { u"reason"_s, reason } };
            steps.append({ other->runId(), u"runs.cancel"_s, cancel, false });
            consequences.append(
                tr("Attempt %1 (%2) is still %3: it is cancelled with the same reason; its agent "
                   "stops and its workspace is removed.")
                    .arg(other->number())
                    .arg(other->runId(), word));
        } else if (cancellable(state)) {
            consequences.append(tr("Attempt %1 (%2) is still %3: it is left going, as only a lead may cancel "
                                   "runs.")
                                    .arg(other->number())
                                    .arg(other->runId(), word));
        } else {
            consequences.append(tr("Attempt %1 (%2) is %3 already: it is left as it is.")
                                    .arg(other->number())
                                    .arg(other->runId(), word));
        }
    }
    ConfirmationRequest request;
    request.title = tr("Pick attempt %1?").arg(chosen->number());
    request.question = tr("Keep attempt %1 and close the others?").arg(chosen->number());
    request.consequences = consequences;
    request.acceptText = tr("Pick attempt %1").arg(chosen->number());
    if (!m_confirmer(this, request))
        return;

    m_picking = true;
    updatePickButtons();
    m_message->showInformation(tr("Picking attempt %1…").arg(chosen->number()));
    const QString engineName = m_engine;
    const int number = chosen->number();
    QCoro::connect(runSteps(QPointer<EngineSession>(engine), steps), this,
                   [this, runId, engineName, number](const QList<PickOutcome> &outcomes) {
                       m_picking = false;
                       if (engineName != m_engine)
                           return;
                       QStringList failures;
                       QStringList done;
                       bool pickedOk = false;
                       for (const PickOutcome &outcome : outcomes) {
                           const AttemptColumn *target = column(outcome.step.runId);
                           const int n = target ? target->number() : 0;
                           if (outcome.step.required) {
                               pickedOk = !outcome.error;
                               if (outcome.error) {
                                   failures.append(tr("Attempt %1 could not be approved: %2 Nothing else was "
                                                      "changed.")
                                                       .arg(n)
                                                       .arg(outcome.error->message));
                               }
                               continue;
                           }
                           const bool cancel = outcome.step.method == "runs.cancel"_L1;
                           if (outcome.error)
                               failures.append(tr("Attempt %1 could not be %2: %3")
                                                   .arg(n)
                                                   .arg(cancel ? tr("cancelled") : tr("rejected"),
                                                        outcome.error->message));
                           else
                               done.append(cancel ? tr("attempt %1 cancelled").arg(n)
                                                  : tr("attempt %1 rejected").arg(n));
                       }
                       if (AttemptColumn *chosen = column(runId))
                           chosen->setPicked(pickedOk);
                       if (failures.isEmpty()) {
                           QString text = tr("Picked attempt %1 (%2): approved.").arg(number).arg(runId);
                           if (!done.isEmpty())
                               text += u" "_s + tr("Closed: %1.").arg(done.join(u", "_s));
                           text += u" "_s + tr("Open its review to apply its actions.");
                           m_message->showMessage(InlineMessage::Kind::Success, text);
                       } else {
                           m_message->showError(failures.join(u" "_s));
                       }
                       reload();
                       Q_EMIT picked(engineName, runId, pickedOk && failures.isEmpty());
                   });
}

} // namespace delegate::ui
