// SPDX-License-Identifier: GPL-3.0-or-later
#include "runcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "engineconnection.h"
#include "exitcodes.h"
#include "humanformat.h"
#include "texttable.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

constexpr qsizetype titleWidth = 40;
constexpr qsizetype promptWidth = 50;

const QCommandLineOption reasonOption(u"reason"_s, u"why"_s, u"TEXT"_s);

const char *const listUsage =
    "Usage: delegatectl ls [--state STATE]... [--batch ID] [--limit N] [engine options]\n\n"
    "Lists the engine's runs, newest first: id, state, title, agent, environment,\n"
    "tokens, cost and age.\n\n"
    "  --state STATE   only runs in this state (repeatable): queued, provisioning, running,\n"
    "                  waiting_for_human, in_review, changes_requested, approved, applying,\n"
    "                  completed, rejected, failed, cancelled, interrupted\n"
    "  --batch ID      only the runs of one batch\n"
    "  --limit N       at most N runs, 1 to 1000 (default 200)\n\n"
    "Example:\n"
    "  delegatectl ls --state waiting_for_human --state in_review\n";

const char *const showUsage = "Usage: delegatectl show RUN [--patch] [engine options]\n\n"
                              "Shows one run: its state and why, environment, agent, usage, checkpoints,\n"
                              "artifact versions, reviews and actions. With --json, everything the engine\n"
                              "knows about it (RunDetail, patch text included).\n\n"
                              "  --patch   print the latest patch's diff too\n\n"
                              "Example:\n"
                              "  delegatectl show run-3f2a9c1b7d4e --patch\n";

const char *const cancelUsage =
    "Usage: delegatectl cancel RUN [--reason TEXT] [engine options]\n\n"
    "Cancels a run: its agent stops at once, running commands are killed and its\n"
    "workspace is removed.\n\n"
    "  --reason TEXT   why, for the run's history\n\n"
    "Example:\n"
    "  delegatectl cancel run-3f2a9c1b7d4e --reason \"fixed by hand\"\n";

const char *const pauseUsage = "Usage: delegatectl pause RUN [--reason TEXT] [engine options]\n\n"
                               "Pauses a run: it stops at its agent's next recorded step until it is\n"
                               "resumed (the step in progress finishes).\n\n"
                               "  --reason TEXT   why, for the run's history\n\n"
                               "Example:\n"
                               "  delegatectl pause run-3f2a9c1b7d4e --reason \"looking at its plan\"\n";

const char *const resumeUsage = "Usage: delegatectl resume RUN [engine options]\n\n"
                                "Lets a paused run go on.\n\n"
                                "Example:\n"
                                "  delegatectl resume run-3f2a9c1b7d4e\n";

const char *const steerUsage = "Usage: delegatectl steer RUN TEXT... [engine options]\n\n"
                               "Sends the agent a message that it reads before its next turn.\n"
                               "Put -- before a text that starts with a dash.\n\n"
                               "Example:\n"
                               "  delegatectl steer run-3f2a9c1b7d4e Leave the tests alone, fix sum.py.\n";

QJsonObject runParams(const QString &runId)
{
    return { { u"run_id"_s, runId } };
}

QString stateText(const QJsonObject &run)
{
    QString state = run.value("state"_L1).toString();
    if (run.value("paused"_L1).toBool())
        state += u" (paused)"_s;
    return state;
}

// --- show

void printRun(QTextStream &out, const QJsonObject &detail)
{
    const QJsonObject run = detail.value("run"_L1).toObject();
    const QJsonObject task = run.value("task"_L1).toObject();
    const QJsonObject scope = task.value("scope"_L1).toObject();
    const QJsonObject usage = run.value("usage"_L1).toObject();
    const QString title = task.value("title"_L1).toString();
    out << run.value("id"_L1).toString() << "  "
        << (title.isEmpty() ? HumanFormat::oneLine(task.value("objective"_L1).toString(), 80) : title)
        << '\n';
    const auto field = [&out](const char *name, const QString &value) {
        if (!value.isEmpty())
            out << "  " << QString::fromLatin1(name).leftJustified(12) << ' ' << value << '\n';
    };
    QString state = run.value("state"_L1).toString();
    if (detail.value("paused"_L1).toBool())
        state += u", paused"_s;
    if (!detail.value("reason"_L1).toString().isEmpty())
        state += u": "_s + detail.value("reason"_L1).toString();
    field("state", state);
    field("environment", run.value("environment"_L1).toString());
    field("agent", HumanFormat::agent(task.value("agent"_L1).toObject()));
    field("skill", task.value("skill"_L1).toObject().value("name"_L1).toString());
    QString repository = scope.value("repository"_L1).toString();
    if (!repository.isEmpty() && !run.value("base_commit"_L1).toString().isEmpty())
        repository += u" at "_s + run.value("base_commit"_L1).toString().left(10);
    field("repository", repository);
    const qint64 in = usage.value("tokens_in"_L1).toInteger();
    const qint64 outTokens = usage.value("tokens_out"_L1).toInteger();
    field("usage",
          u"%1 tokens (%2 in, %3 out), cost %4"_s.arg(
              HumanFormat::tokens(in + outTokens), HumanFormat::tokens(in), HumanFormat::tokens(outTokens),
              HumanFormat::cost(usage.value("cost_usd"_L1).toDouble())));
    const QString created = run.value("created_at"_L1).toString();
    QString when = HumanFormat::dateTime(created) + u" ("_s
        + HumanFormat::age(HumanFormat::parseTime(created)) + u" ago)"_s;
    const int attempts = task.value("attempts"_L1).toInt(1);
    if (attempts > 1)
        when += u", attempt %1 of %2"_s.arg(run.value("attempt_index"_L1).toInt() + 1).arg(attempts);
    field("created", when);
    field("batch", run.value("batch_id"_L1).toString());
    if (detail.contains("batch_budget_usd"_L1))
        field("budget",
              HumanFormat::cost(detail.value("batch_budget_usd"_L1).toDouble()) + u" for the batch"_s);

    const QJsonArray checkpoints = detail.value("checkpoints"_L1).toArray();
    if (!checkpoints.isEmpty()) {
        out << "\nCheckpoints\n";
        TextTable table({ u"ID"_s, u"KIND"_s, u"STATE"_s, u"PROMPT"_s, u"DECISION"_s });
        for (const QJsonValue &value : checkpoints) {
            const QJsonObject checkpoint = value.toObject();
            const QJsonObject decision = checkpoint.value("decision"_L1).toObject();
            QString decided;
            if (!decision.isEmpty()) {
                decided = decision.value("verdict"_L1).toString() + u" by "_s
                    + decision.value("decider"_L1).toString();
                if (!decision.value("text"_L1).toString().isEmpty())
                    decided += u": "_s + decision.value("text"_L1).toString();
            }
            table.addRow({ checkpoint.value("id"_L1).toString(), checkpoint.value("kind"_L1).toString(),
                           checkpoint.value("state"_L1).toString(),
                           HumanFormat::oneLine(checkpoint.value("prompt"_L1).toString(), promptWidth),
                           HumanFormat::oneLine(decided, promptWidth) });
        }
        table.print(out, 2);
    }

    const QJsonArray artifacts = detail.value("artifacts"_L1).toArray();
    if (!artifacts.isEmpty()) {
        out << "\nArtifacts\n";
        TextTable table({ u"VERSION"_s, u"KIND"_s, u"SUMMARY"_s });
        for (const QJsonValue &value : artifacts) {
            const QJsonObject artifact = value.toObject();
            QString summary = HumanFormat::oneLine(artifact.value("summary"_L1).toString(), 70);
            if (artifact.value("kind"_L1).toString() == "patch"_L1)
                summary += u" ("_s + HumanFormat::patchFiles(artifact.value("content"_L1).toObject()) + u')';
            table.addRow({ u"v"_s + QString::number(artifact.value("version"_L1).toInt()),
                           artifact.value("kind"_L1).toString(), summary });
        }
        table.print(out, 2);
    }

    const QJsonArray reviews = detail.value("reviews"_L1).toArray();
    if (!reviews.isEmpty()) {
        out << "\nReviews\n";
        for (const QJsonValue &value : reviews) {
            const QJsonObject review = value.toObject();
            const QString version = review.value("checkpoint_id"_L1).toString().section(u':', -1);
            out << "  " << version << ' ' << review.value("verdict"_L1).toString() << " by "
                << review.value("decider"_L1).toString();
            if (!review.value("text"_L1).toString().isEmpty())
                out << ": " << HumanFormat::indented(review.value("text"_L1).toString(), 4);
            out << '\n';
            const QJsonArray comments = review.value("comments"_L1).toArray();
            for (const QJsonValue &comment : comments) {
                const QJsonObject remark = comment.toObject();
                out << "    " << remark.value("file"_L1).toString() << ':' << remark.value("line"_L1).toInt()
                    << ": " << remark.value("text"_L1).toString() << '\n';
            }
        }
    }

    const QJsonArray actions = detail.value("actions"_L1).toArray();
    if (!actions.isEmpty()) {
        out << "\nActions\n";
        for (const QJsonValue &value : actions) {
            const QJsonObject action = value.toObject();
            out << "  " << (action.value("ok"_L1).toBool() ? "ok      " : "failed  ")
                << action.value("kind"_L1).toString().leftJustified(20) << ' '
                << HumanFormat::block(action.value("message"_L1).toString(), 31) << '\n';
        }
    }

    const QJsonArray steering = detail.value("steering"_L1).toArray();
    if (!steering.isEmpty()) {
        out << "\nSteering\n";
        for (const QJsonValue &text : steering)
            out << "  " << HumanFormat::indented(text.toString(), 2) << '\n';
    }
}

// The newest artifact that is a patch, or an empty object.
QJsonObject latestPatch(const QJsonObject &detail)
{
    const QJsonArray artifacts = detail.value("artifacts"_L1).toArray();
    for (qsizetype i = artifacts.size() - 1; i >= 0; --i) {
        const QJsonObject artifact = artifacts.at(i).toObject();
        if (artifact.value("kind"_L1).toString() == "patch"_L1)
            return artifact;
    }
    return {};
}

// --- cancel, pause, resume, steer

// What tells the four run controls apart.
struct Control
{
    QString command;
    const char *usage;
    QString method;
    enum class Text { None, Reason, Message } text = Text::None;
    QString done; // %1 is the run id
};

QCoro::Task<int> controlRun(Control control, QStringList arguments, Console &console)
{
    EngineConnection engine(control.command, control.usage, console);
    QCommandLineParser parser;
    if (control.text == Control::Text::Reason)
        parser.addOption(reasonOption);
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        co_return engine.usageError(u"which run? Give its id (delegatectl ls lists them)."_s);
    const QString runId = positional.constFirst();
    QJsonObject params = runParams(runId);
    if (control.text == Control::Text::Message) {
        const QString text = positional.mid(1).join(u' ').trimmed();
        if (text.isEmpty())
            co_return engine.usageError(u"what should the agent read? Give the text after the run id."_s);
        params.insert(u"text"_s, text);
    } else if (positional.size() > 1) {
        co_return engine.usageError(u"unexpected argument '%1'."_s.arg(positional.at(1)));
    }
    if (control.text == Control::Text::Reason && parser.isSet(reasonOption))
        params.insert(u"reason"_s, parser.value(reasonOption));

    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    const std::optional<QJsonObject> result = co_await engine.call(control.method, params);
    if (!result)
        co_return engine.failureCode();
    if (engine.json()) {
        engine.printJson(*result);
        co_return ExitOk;
    }
    console.out() << control.done.arg(runId);
    const QJsonObject run = result->value("run"_L1).toObject();
    if (!run.isEmpty())
        console.out() << " It is " << stateText(run) << '.';
    console.out() << '\n';
    console.out().flush();
    co_return ExitOk;
}

} // namespace

// --- ls

QStringList ListCommand::path() const
{
    return { u"ls"_s };
}

QString ListCommand::summary() const
{
    return u"list runs: state, title, agent, environment, tokens, cost, age"_s;
}

QCoro::Task<int> ListCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"ls"_s, listUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption stateOption(u"state"_s, u"a run state"_s, u"STATE"_s);
    const QCommandLineOption batchOption(u"batch"_s, u"a batch id"_s, u"ID"_s);
    const QCommandLineOption limitOption(u"limit"_s, u"at most N runs"_s, u"N"_s);
    parser.addOptions({ stateOption, batchOption, limitOption });
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    if (!parser.positionalArguments().isEmpty())
        co_return engine.usageError(
            u"unexpected argument '%1'."_s.arg(parser.positionalArguments().constFirst()));
    QJsonObject params;
    const QStringList states = parser.values(stateOption);
    if (!states.isEmpty())
        params.insert(u"state"_s, QJsonArray::fromStringList(states));
    if (parser.isSet(batchOption))
        params.insert(u"batch_id"_s, parser.value(batchOption));
    if (parser.isSet(limitOption)) {
        bool ok = false;
        const int limit = parser.value(limitOption).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000)
            co_return engine.usageError(
                u"--limit must be a number from 1 to 1000, not '%1'."_s.arg(parser.value(limitOption)));
        params.insert(u"limit"_s, limit);
    }

    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    const std::optional<QJsonObject> result = co_await engine.call(u"runs.list"_s, params);
    if (!result)
        co_return engine.failureCode();
    if (engine.json()) {
        engine.printJson(*result);
        co_return ExitOk;
    }
    const QJsonArray runs = result->value("runs"_L1).toArray();
    QTextStream &out = console.out();
    if (runs.isEmpty()) {
        out << (params.isEmpty() ? "No runs yet. Submit one with: delegatectl submit TASK.yaml\n"
                                 : "No runs match.\n");
        out.flush();
        co_return ExitOk;
    }
    TextTable table(
        { u"ID"_s, u"STATE"_s, u"TOKENS"_s, u"COST"_s, u"AGE"_s, u"AGENT"_s, u"ENVIRONMENT"_s, u"TITLE"_s });
    table.setRightAligned(2);
    table.setRightAligned(3);
    table.setRightAligned(4);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QJsonValue &value : runs) {
        const QJsonObject run = value.toObject();
        const QJsonObject usage = run.value("usage"_L1).toObject();
        table.addRow({ run.value("id"_L1).toString(), stateText(run),
                       HumanFormat::tokens(usage.value("tokens_in"_L1).toInteger()
                                           + usage.value("tokens_out"_L1).toInteger()),
                       HumanFormat::cost(usage.value("cost_usd"_L1).toDouble()),
                       HumanFormat::age(HumanFormat::parseTime(run.value("created_at"_L1).toString()), now),
                       HumanFormat::agent(run.value("agent"_L1).toObject()),
                       run.value("environment"_L1).toString(),
                       HumanFormat::oneLine(run.value("title"_L1).toString(), titleWidth) });
    }
    table.print(out);
    out.flush();
    co_return ExitOk;
}

// --- show

QStringList ShowCommand::path() const
{
    return { u"show"_s };
}

QString ShowCommand::summary() const
{
    return u"show a run: state, checkpoints, artifacts, reviews, actions"_s;
}

QCoro::Task<int> ShowCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"show"_s, showUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption patchOption(u"patch"_s, u"print the latest patch"_s);
    parser.addOption(patchOption);
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    const QStringList positional = parser.positionalArguments();
    if (const std::optional<int> wrong = engine.checkOneRun(positional))
        co_return *wrong;
    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    const QJsonObject params = runParams(positional.constFirst());
    const std::optional<QJsonObject> detail = co_await engine.call(u"runs.get"_s, params);
    if (!detail)
        co_return engine.failureCode();
    if (engine.json()) {
        engine.printJson(*detail);
        co_return ExitOk;
    }
    QTextStream &out = console.out();
    printRun(out, *detail);
    if (parser.isSet(patchOption)) {
        const QJsonObject patch = latestPatch(*detail);
        if (patch.isEmpty()) {
            out << "\nNo patch: the run has not handed one in.\n";
        } else {
            const QString diff = patch.value("content"_L1).toObject().value("diff"_L1).toString();
            out << "\nPatch v" << patch.value("version"_L1).toInt() << '\n' << diff;
            if (!diff.endsWith(u'\n'))
                out << '\n';
        }
    }
    out.flush();
    co_return ExitOk;
}

// --- cancel, pause, resume, steer

QStringList CancelCommand::path() const
{
    return { u"cancel"_s };
}

QString CancelCommand::summary() const
{
    return u"cancel a run: its agent stops and its workspace goes"_s;
}

QCoro::Task<int> CancelCommand::run(QStringList arguments, Console &console)
{
    Control control { u"cancel"_s, cancelUsage, u"runs.cancel"_s, Control::Text::Reason, u"Cancelled %1."_s };
    const int code = co_await controlRun(std::move(control), std::move(arguments), console);
    co_return code;
}

QStringList PauseCommand::path() const
{
    return { u"pause"_s };
}

QString PauseCommand::summary() const
{
    return u"pause a run at its agent's next step"_s;
}

QCoro::Task<int> PauseCommand::run(QStringList arguments, Console &console)
{
    Control control { u"pause"_s, pauseUsage, u"runs.pause"_s, Control::Text::Reason,
                      u"Paused %1: it stops at its agent's next step until you resume it."_s };
    const int code = co_await controlRun(std::move(control), std::move(arguments), console);
    co_return code;
}

QStringList ResumeCommand::path() const
{
    return { u"resume"_s };
}

QString ResumeCommand::summary() const
{
    return u"let a paused run go on"_s;
}

QCoro::Task<int> ResumeCommand::run(QStringList arguments, Console &console)
{
    Control control { u"resume"_s, resumeUsage, u"runs.resume"_s, Control::Text::None, u"Resumed %1."_s };
    const int code = co_await controlRun(std::move(control), std::move(arguments), console);
    co_return code;
}

QStringList SteerCommand::path() const
{
    return { u"steer"_s };
}

QString SteerCommand::summary() const
{
    return u"send a run's agent a message it reads before its next turn"_s;
}

QCoro::Task<int> SteerCommand::run(QStringList arguments, Console &console)
{
    Control control { u"steer"_s, steerUsage, u"runs.steer"_s, Control::Text::Message,
                      u"Sent to %1: the agent reads it before its next turn."_s };
    const int code = co_await controlRun(std::move(control), std::move(arguments), console);
    co_return code;
}

void registerRunCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<ListCommand>());
    registry.add(std::make_unique<ShowCommand>());
    registry.add(std::make_unique<CancelCommand>());
    registry.add(std::make_unique<PauseCommand>());
    registry.add(std::make_unique<ResumeCommand>());
    registry.add(std::make_unique<SteerCommand>());
}

} // namespace delegate::cli
