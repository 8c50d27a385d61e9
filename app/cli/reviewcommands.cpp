// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "engineconnection.h"
#include "exitcodes.h"
#include "humanformat.h"
#include "texttable.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

// Actions push to remotes and call web services, each with its own time
// limits in the engine (5 minutes per push); the call waits for all of them.
constexpr std::chrono::minutes actTimeout { 15 };
constexpr qsizetype promptWidth = 60;

const char *const checkpointsUsage =
    "Usage: delegatectl checkpoints [--run RUN] [--all] [engine options]\n\n"
    "Lists the checkpoints waiting for a person: questions agents asked, plans waiting\n"
    "for approval, runs held for a budget. Decide one with delegatectl answer.\n\n"
    "  --run RUN   only this run's checkpoints\n"
    "  --all       decided ones and those of ended runs too\n\n"
    "Example:\n"
    "  delegatectl checkpoints --run run-3f2a9c1b7d4e\n";

const char *const answerUsage =
    "Usage: delegatectl answer CHECKPOINT TEXT... [engine options]\n"
    "       delegatectl answer CHECKPOINT --approve|--changes|--reject [TEXT...]\n\n"
    "Decides a checkpoint (delegatectl checkpoints lists them): answers an agent's\n"
    "question with TEXT, or approves a plan or a budget, requests changes to a plan,\n"
    "or rejects it (a rejected plan ends the run, a rejected budget cancels it).\n\n"
    "  --approve   approve a plan or a budget; TEXT is an optional remark\n"
    "  --changes   send a plan back to the agent; TEXT says what to change\n"
    "  --reject    reject a plan or a budget; TEXT says why\n\n"
    "Examples:\n"
    "  delegatectl answer run-3f2a9c1b7d4e:call_1 Fix sum.py, the test is right.\n"
    "  delegatectl answer run-3f2a9c1b7d4e:call_4 --approve\n";

const char *const reviewUsage =
    "Usage: delegatectl review RUN approve|changes|reject [--text TEXT]\n"
    "                          [--comment FILE:LINE:TEXT]... [--version N] [engine options]\n\n"
    "A verdict on the latest artifact version of a run in review. approve: its actions\n"
    "wait for delegatectl act. changes: the text and comments go to the agent, which\n"
    "hands in the next version. reject: the run ends.\n\n"
    "  --text TEXT                 the verdict's text (needed for changes without comments)\n"
    "  --comment FILE:LINE:TEXT    a remark on a line of the new version of a file\n"
    "                              (repeatable)\n"
    "  --version N                 the version reviewed; refused when a newer one came in\n\n"
    "Example:\n"
    "  delegatectl review run-3f2a9c1b7d4e changes --comment \"sum.py:6:Name the operands.\"\n";

const char *const actUsage =
    "Usage: delegatectl act RUN [--dry-run] [KIND [KEY=VALUE]...]... [engine options]\n\n"
    "Runs the actions an approval released, in order, then completes the run; it fails\n"
    "at the first action that fails. Words with '=' are parameters of the action before\n"
    "them (docs/actions.md lists actions and parameters); true, false and JSON lists or\n"
    "objects are sent as such, anything else as text. Without actions the run completes\n"
    "without any.\n\n"
    "  --dry-run   preview each action: nothing is changed or recorded\n\n"
    "Each preview sees things as they are now, before the actions ahead of it ran: in a\n"
    "dry run of git.branch and git.push, the push's preview says to run git.branch first.\n\n"
    "Exit codes: 0 every action succeeded, or the previews were made (their problems are\n"
    "listed); 1 an action failed.\n\n"
    "Example:\n"
    "  delegatectl act run-3f2a9c1b7d4e git.branch message=\"Fix add()\" git.push remote=origin\n";

// A parameter value as the action reads it: flags and lists as JSON, the
// rest as text, so message=42 stays the text "42".
QJsonValue parameterValue(const QString &text)
{
    if (text == "true"_L1)
        return true;
    if (text == "false"_L1)
        return false;
    if (text.startsWith(u'[') || text.startsWith(u'{')) {
        const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
        if (document.isArray())
            return document.array();
        if (document.isObject())
            return document.object();
    }
    return text;
}

// Any web address a result carries: a pull request, created issues.
QStringList urlsOf(const QJsonObject &details)
{
    QStringList urls;
    const QString pullRequest = details.value("pull_request"_L1).toObject().value("url"_L1).toString();
    if (!pullRequest.isEmpty())
        urls.append(pullRequest);
    const QJsonArray issues = details.value("created_issues"_L1).toArray();
    for (const QJsonValue &issue : issues) {
        const QString url = issue.toObject().value("url"_L1).toString();
        if (!url.isEmpty())
            urls.append(url);
    }
    if (details.value("url"_L1).isString())
        urls.append(details.value("url"_L1).toString());
    return urls;
}

QString versionOf(const QJsonObject &decision)
{
    return decision.value("checkpoint_id"_L1).toString().section(u':', -1);
}

} // namespace

// --- checkpoints

QStringList CheckpointsCommand::path() const
{
    return { u"checkpoints"_s };
}

QString CheckpointsCommand::summary() const
{
    return u"list checkpoints waiting for a person, with their ids"_s;
}

QCoro::Task<int> CheckpointsCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"checkpoints"_s, checkpointsUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption runOption(u"run"_s, u"a run"_s, u"RUN"_s);
    const QCommandLineOption allOption(u"all"_s, u"decided ones too"_s);
    parser.addOptions({ runOption, allOption });
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    if (!parser.positionalArguments().isEmpty())
        co_return engine.usageError(u"unexpected argument '%1'; a run goes with --run."_s.arg(
            parser.positionalArguments().constFirst()));
    const bool all = parser.isSet(allOption);
    QJsonObject params { { u"open_only"_s, !all } };
    if (parser.isSet(runOption))
        params.insert(u"run_id"_s, parser.value(runOption));

    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    const std::optional<QJsonObject> result = co_await engine.call(u"checkpoints.list"_s, params);
    if (!result)
        co_return engine.failureCode();
    if (engine.json()) {
        engine.printJson(*result);
        co_return ExitOk;
    }
    QTextStream &out = console.out();
    const QJsonArray checkpoints = result->value("checkpoints"_L1).toArray();
    if (checkpoints.isEmpty()) {
        out << (all ? "No checkpoints.\n" : "No checkpoints are waiting for a person.\n");
        out.flush();
        co_return ExitOk;
    }
    QStringList headers { u"ID"_s, u"KIND"_s, u"STATE"_s, u"PROMPT"_s };
    if (all)
        headers.append(u"DECISION"_s);
    TextTable table(headers);
    bool open = false;
    for (const QJsonValue &value : checkpoints) {
        const QJsonObject checkpoint = value.toObject();
        open = open || checkpoint.value("state"_L1).toString() == "open"_L1;
        QStringList row { checkpoint.value("id"_L1).toString(), checkpoint.value("kind"_L1).toString(),
                          checkpoint.value("state"_L1).toString(),
                          HumanFormat::oneLine(checkpoint.value("prompt"_L1).toString(), promptWidth) };
        if (all) {
            const QJsonObject decision = checkpoint.value("decision"_L1).toObject();
            QString decided;
            if (!decision.isEmpty())
                decided =
                    decision.value("verdict"_L1).toString() + u": "_s + decision.value("text"_L1).toString();
            row.append(HumanFormat::oneLine(decided, promptWidth));
        }
        table.addRow(row);
    }
    table.print(out);
    if (open)
        out << "Decide one with: delegatectl answer CHECKPOINT TEXT... (or --approve, --changes, --reject)\n";
    out.flush();
    co_return ExitOk;
}

// --- answer

QStringList AnswerCommand::path() const
{
    return { u"answer"_s };
}

QString AnswerCommand::summary() const
{
    return u"answer a question, or approve or reject a plan or budget"_s;
}

QCoro::Task<int> AnswerCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"answer"_s, answerUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption approveOption(u"approve"_s, u"approve"_s);
    const QCommandLineOption changesOption(u"changes"_s, u"request changes"_s);
    const QCommandLineOption rejectOption(u"reject"_s, u"reject"_s);
    parser.addOptions({ approveOption, changesOption, rejectOption });
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        co_return engine.usageError(u"which checkpoint? Give its id (delegatectl checkpoints lists them)."_s);
    const int verdicts =
        int(parser.isSet(approveOption)) + int(parser.isSet(changesOption)) + int(parser.isSet(rejectOption));
    if (verdicts > 1)
        co_return engine.usageError(u"one of --approve, --changes and --reject at a time."_s);
    QString verdict = u"answer"_s;
    if (parser.isSet(approveOption))
        verdict = u"approve"_s;
    else if (parser.isSet(changesOption))
        verdict = u"request_changes"_s;
    else if (parser.isSet(rejectOption))
        verdict = u"reject"_s;
    const QString checkpointId = positional.constFirst();
    const QString text = positional.mid(1).join(u' ').trimmed();
    if (verdict == "answer"_L1 && text.isEmpty())
        co_return engine.usageError(
            u"what is the answer? Give it after the checkpoint id, or decide a plan or a "
            "budget with --approve, --changes or --reject."_s);
    const QJsonObject params { { u"checkpoint_id"_s, checkpointId },
                               { u"verdict"_s, verdict },
                               { u"text"_s, text } };

    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    const std::optional<QJsonObject> result = co_await engine.call(u"checkpoints.decide"_s, params);
    if (!result)
        co_return engine.failureCode();
    if (engine.json()) {
        engine.printJson(*result);
        co_return ExitOk;
    }
    const QJsonObject decision = result->value("decision"_L1).toObject();
    QTextStream &out = console.out();
    if (verdict == "answer"_L1)
        out << "Answered " << checkpointId;
    else if (verdict == "approve"_L1)
        out << "Approved " << checkpointId;
    else if (verdict == "request_changes"_L1)
        out << "Requested changes to " << checkpointId;
    else
        out << "Rejected " << checkpointId;
    out << " as " << decision.value("decider"_L1).toString() << ".\n";
    out.flush();
    co_return ExitOk;
}

// --- review

QStringList ReviewCommand::path() const
{
    return { u"review"_s };
}

QString ReviewCommand::summary() const
{
    return u"approve, request changes to or reject a run's latest result"_s;
}

QCoro::Task<int> ReviewCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"review"_s, reviewUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption textOption(u"text"_s, u"the verdict's text"_s, u"TEXT"_s);
    const QCommandLineOption commentOption(u"comment"_s, u"a line comment"_s, u"FILE:LINE:TEXT"_s);
    const QCommandLineOption versionOption(u"version"_s, u"the version reviewed"_s, u"N"_s);
    parser.addOptions({ textOption, commentOption, versionOption });
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        co_return engine.usageError(positional.size() < 2
                                        ? u"give a run and a verdict: approve, changes or reject."_s
                                        : u"unexpected argument '%1'."_s.arg(positional.at(2)));
    const QString runId = positional.at(0);
    const QString verdict = positional.at(1);
    if (verdict != "approve"_L1 && verdict != "changes"_L1 && verdict != "reject"_L1)
        co_return engine.usageError(u"the verdict is approve, changes or reject, not '%1'."_s.arg(verdict));
    QJsonObject params { { u"run_id"_s, runId }, { u"verdict"_s, verdict } };
    if (parser.isSet(textOption))
        params.insert(u"text"_s, parser.value(textOption));
    static const QRegularExpression commentPattern(uR"(^(.+?):(\d+):(.*)$)"_s,
                                                   QRegularExpression::DotMatchesEverythingOption);
    QJsonArray comments;
    const QStringList commentValues = parser.values(commentOption);
    for (const QString &comment : commentValues) {
        const QRegularExpressionMatch match = commentPattern.match(comment);
        if (!match.hasMatch() || match.captured(2).toInt() < 1)
            co_return engine.usageError(
                u"--comment expects FILE:LINE:TEXT with a line from 1, such as sum.py:6:Name the operands.; "
                "got '%1'."_s.arg(comment));
        comments.append(QJsonObject { { u"file"_s, match.captured(1) },
                                      { u"line"_s, match.captured(2).toInt() },
                                      { u"text"_s, match.captured(3).trimmed() } });
    }
    if (!comments.isEmpty())
        params.insert(u"comments"_s, comments);
    if (verdict == "changes"_L1 && comments.isEmpty() && !parser.isSet(textOption))
        co_return engine.usageError(u"say what to change: --text TEXT or --comment FILE:LINE:TEXT."_s);
    if (parser.isSet(versionOption)) {
        bool ok = false;
        const int version = parser.value(versionOption).toInt(&ok);
        if (!ok || version < 1)
            co_return engine.usageError(
                u"--version must be a version number from 1, not '%1'."_s.arg(parser.value(versionOption)));
        params.insert(u"version"_s, version);
    }

    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    const std::optional<QJsonObject> result = co_await engine.call(u"runs.review"_s, params);
    if (!result)
        co_return engine.failureCode();
    if (engine.json()) {
        engine.printJson(*result);
        co_return ExitOk;
    }
    const QJsonObject decision = result->value("decision"_L1).toObject();
    const QString state = result->value("run"_L1).toObject().value("state"_L1).toString();
    const QString version = versionOf(decision);
    QTextStream &out = console.out();
    if (verdict == "approve"_L1) {
        out << "Approved " << version << " of " << runId << "; the run is " << state << ".\n"
            << "Release its actions with: delegatectl act " << runId << " [ACTION [KEY=VALUE]...]...\n";
    } else if (verdict == "changes"_L1) {
        out << "Requested changes to " << version << " of " << runId;
        if (!comments.isEmpty())
            out << " (" << comments.size() << (comments.size() == 1 ? " comment" : " comments") << ')';
        out << "; the run is " << state << " and its agent hands in the next version.\n";
    } else {
        out << "Rejected " << version << " of " << runId << "; the run is " << state << ".\n";
    }
    out.flush();
    co_return ExitOk;
}

// --- act

QStringList ActCommand::path() const
{
    return { u"act"_s };
}

QString ActCommand::summary() const
{
    return u"run (or preview) the actions an approval released"_s;
}

QCoro::Task<int> ActCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"act"_s, actUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption dryRunOption(u"dry-run"_s, u"preview only"_s);
    parser.addOption(dryRunOption);
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        co_return engine.usageError(u"which run? Give the id of an approved run."_s);
    const QString runId = positional.constFirst();
    QJsonArray actions;
    QJsonObject action;
    const QStringList words = positional.mid(1);
    for (const QString &word : words) {
        const qsizetype equals = word.indexOf(u'=');
        if (equals < 0) {
            if (!action.isEmpty())
                actions.append(action);
            action = QJsonObject { { u"kind"_s, word }, { u"parameters"_s, QJsonObject() } };
            continue;
        }
        if (action.isEmpty())
            co_return engine.usageError(
                u"'%1' is a parameter, but no action comes before it; name the action "
                "first, as in git.branch message=\"Fix add()\"."_s.arg(word));
        if (equals == 0)
            co_return engine.usageError(u"'%1' has no parameter name before '='."_s.arg(word));
        QJsonObject parameters = action.value("parameters"_L1).toObject();
        parameters.insert(word.left(equals), parameterValue(word.mid(equals + 1)));
        action.insert(u"parameters"_s, parameters);
    }
    if (!action.isEmpty())
        actions.append(action);
    const bool dryRun = parser.isSet(dryRunOption);
    const QJsonObject params { { u"run_id"_s, runId }, { u"actions"_s, actions }, { u"dry_run"_s, dryRun } };

    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    const std::optional<QJsonObject> result = co_await engine.call(u"runs.act"_s, params, actTimeout);
    if (!result)
        co_return engine.failureCode();
    const QJsonArray reports = result->value("actions"_L1).toArray();
    const bool ok = std::all_of(reports.begin(), reports.end(), [](const QJsonValue &report) {
        return report.toObject().value("ok"_L1).toBool();
    });
    const int code = ok || dryRun ? int(ExitOk) : int(ExitActionFailed);
    if (engine.json()) {
        engine.printJson(*result);
        co_return code;
    }
    QTextStream &out = console.out();
    if (actions.isEmpty()) {
        out << (dryRun ? "No actions given: nothing to preview.\n"
                       : "No actions given: the run completes without actions.\n");
    } else if (dryRun) {
        out << "Preview of " << reports.size() << " action(s) for " << runId << " (nothing was changed):\n";
    } else {
        out << "Ran " << reports.size() << " of " << actions.size() << " action(s) of " << runId << ":\n";
    }
    for (const QJsonValue &value : reports) {
        const QJsonObject report = value.toObject();
        const bool done = report.value("ok"_L1).toBool();
        out << "  " << (done ? "ok      " : (dryRun ? "problem " : "failed  "))
            << report.value("kind"_L1).toString().leftJustified(20) << ' '
            << HumanFormat::block(report.value("message"_L1).toString(), 31) << '\n';
        const QStringList urls = urlsOf(report.value("details"_L1).toObject());
        for (const QString &url : urls)
            out << QString(31, u' ') << url << '\n';
    }
    if (!dryRun && !actions.isEmpty())
        out << (ok ? "The run is completed.\n"
                   : "The run failed at the action that failed; see its message.\n");
    out.flush();
    co_return code;
}

void registerReviewCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<CheckpointsCommand>());
    registry.add(std::make_unique<AnswerCommand>());
    registry.add(std::make_unique<ReviewCommand>());
    registry.add(std::make_unique<ActCommand>());
}

} // namespace delegate::cli
