// SPDX-License-Identifier: GPL-3.0-or-later
#include "playbookruntime.h"

#include "agents/agenthost.h"
#include "agents/builtin/agenttoolbox.h"
#include "flakinessreport.h"
#include "sandbox/sandboxsession.h"
#include "testresultparser.h"

#include <QPointer>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

constexpr qsizetype evidenceExcerpt = 4000;

AgentOutcome failed(const QString &reason)
{
    AgentOutcome outcome;
    outcome.status = AgentOutcome::Status::Failed;
    outcome.reason = reason;
    return outcome;
}

AgentEvent startedEvent(const QString &skill)
{
    return { agentevents::started, { { u"runtime"_s, u"playbook"_s }, { u"skill"_s, skill } } };
}

AgentEvent commandEvent(const QString &id, const QString &command)
{
    return { agentevents::toolCall,
             { { u"id"_s, id },
               { u"name"_s, u"run"_s },
               { u"arguments"_s, QJsonObject { { u"command"_s, command } } } } };
}

AgentEvent commandResultEvent(const QString &id, const QString &output, int exitCode, int tests)
{
    return { agentevents::toolResult,
             { { u"id"_s, id },
               { u"name"_s, u"run"_s },
               { u"output"_s, output },
               { u"exit_code"_s, exitCode },
               { u"is_error"_s, exitCode != 0 },
               { u"tests_parsed"_s, tests } } };
}

Evidence::Outcome evidenceOutcome(TestCaseResult::Outcome outcome)
{
    switch (outcome) {
    case TestCaseResult::Outcome::Passed:
        return Evidence::Outcome::Passed;
    case TestCaseResult::Outcome::Failed:
        return Evidence::Outcome::Failed;
    case TestCaseResult::Outcome::Skipped:
        return Evidence::Outcome::Skipped;
    }
    return Evidence::Outcome::Failed;
}

// "junit:reports/out.xml" reads that file after the command; a bare name
// parses the command's output.
struct ParserSpec
{
    QString name;
    QString file;
};

ParserSpec parserSpec(const QString &text)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return { text.trimmed(), {} };
    return { text.left(colon).trimmed(), text.mid(colon + 1).trimmed() };
}

} // namespace

std::optional<QString> PlaybookRuntime::expand(const QString &text, const QMap<QString, QString> &parameters,
                                               QString *error)
{
    static const QRegularExpression placeholder(uR"(\{\{\s*([A-Za-z0-9_.-]+)\s*\}\})"_s);
    QString result;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const QString name = match.captured(1);
        if (!parameters.contains(name)) {
            *error = u"{{%1}} is not a parameter of the skill; it takes: %2"_s.arg(
                name, QStringList(parameters.keys()).join(u", "_s));
            return std::nullopt;
        }
        result += text.mid(last, match.capturedStart() - last) + parameters.value(name);
        last = match.capturedEnd();
    }
    return result + text.mid(last);
}

std::optional<QMap<QString, QString>>
PlaybookRuntime::resolveParameters(const Skill &skill, const QMap<QString, QString> &given, QString *error)
{
    QMap<QString, QString> values;
    for (const SkillParameter &parameter : skill.parameters) {
        const QString value = given.value(parameter.name, parameter.defaultValue);
        if (value.isEmpty() && parameter.required) {
            *error =
                u"Skill '%1' needs the parameter '%2' (%3): set it under skill.parameters in the task."_s.arg(
                    skill.name, parameter.name, parameter.description);
            return std::nullopt;
        }
        values.insert(parameter.name, value);
    }
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        if (!values.contains(it.key())) {
            *error = u"Skill '%1' has no parameter '%2'; it takes: %3."_s.arg(
                skill.name, it.key(), QStringList(values.keys()).join(u", "_s));
            return std::nullopt;
        }
    }
    return values;
}

QCoro::Task<AgentOutcome> PlaybookRuntime::run(AgentRunContext context, AgentHost *host)
{
    QPointer<PlaybookRuntime> self(this);
    if (!context.skill || context.skill->playbook.isEmpty()) {
        co_return failed(
            u"The task runs a playbook, but %1 has no playbook steps; choose a skill that has them or another agent runtime."_s
                .arg(context.skill ? u"skill '"_s + context.skill->name + u'\'' : u"it names no skill"_s));
    }
    if (!context.session)
        co_return failed(u"The run has no sandbox session."_s);
    const Skill &skill = *context.skill;
    QString error;
    const auto parameters = resolveParameters(skill, context.task.skill.parameters, &error);
    if (!parameters)
        co_return failed(error);

    // Expand every step before running any, so a mistake stops the run early.
    struct Planned
    {
        QString command;
        ParserSpec parser;
        int repeat = 1;
    };
    QList<Planned> steps;
    for (const PlaybookStep &step : skill.playbook) {
        const auto command = expand(step.command, *parameters, &error);
        const auto repeatText = command
            ? expand(step.repeat.isEmpty() ? u"1"_s : step.repeat, *parameters, &error)
            : std::nullopt;
        if (!command || !repeatText)
            co_return failed(error);
        bool ok = false;
        const int repeat = repeatText->toInt(&ok);
        if (!ok || repeat < 1 || repeat > maxRepeat)
            co_return failed(u"A playbook step repeats '%1' times; it must be a whole number from 1 to %2."_s
                                 .arg(*repeatText)
                                 .arg(maxRepeat));
        const ParserSpec parser = parserSpec(step.parser);
        if (!parser.name.isEmpty() && parser.name != "none"_L1
            && !testresults::parserNames().contains(parser.name)) {
            co_return failed(u"Unknown result parser '%1'; use one of: %2."_s.arg(
                parser.name, testresults::parserNames().join(u", "_s)));
        }
        steps.append({ *command, parser, repeat });
    }

    co_await host->record(startedEvent(skill.name));
    Evidence evidence;
    FlakinessReport report;
    QStringList testCommands;
    QList<TestCaseResult> lastResults;
    for (qsizetype stepIndex = 0; stepIndex < steps.size(); ++stepIndex) {
        const Planned &step = steps.at(stepIndex);
        const bool parsesTests = !step.parser.name.isEmpty() && step.parser.name != "none"_L1;
        if (parsesTests)
            testCommands.append(step.command);
        for (int run = 1; run <= step.repeat; ++run) {
            if (!self || m_cancelled) {
                AgentOutcome cancelled;
                cancelled.status = AgentOutcome::Status::Cancelled;
                cancelled.reason = u"The run was cancelled."_s;
                co_return cancelled;
            }
            const QString id = u"step-%1-run-%2"_s.arg(stepIndex + 1).arg(run);
            co_await host->record(commandEvent(id, step.command));
            ExecRequest request;
            request.argv = { u"sh"_s, u"-c"_s, step.command };
            const ExecResult result = co_await context.session->exec(request);
            if (!self)
                co_return failed(u"The run was stopped."_s);
            if (result.error)
                co_return failed(result.error->message);
            const QByteArray output = result.stdoutData + result.stderrData;
            QList<TestCaseResult> results;
            if (parsesTests) {
                QByteArray parsed = output;
                if (!step.parser.file.isEmpty()) {
                    auto file = co_await context.session->readFile(step.parser.file);
                    parsed = file ? file.value() : QByteArray();
                }
                results = testresults::parse(step.parser.name, parsed).value_or(QList<TestCaseResult>());
                report.addRun(results, result.exitCode);
                lastResults = results;
            }
            const QString text = AgentToolbox::truncated(QString::fromUtf8(output), evidenceExcerpt);
            co_await host->record(commandResultEvent(id, text, result.exitCode, int(results.size())));
            if (run == step.repeat || result.exitCode != 0)
                evidence.commands.append({ step.command, result.exitCode, text });
        }
    }

    for (const TestCaseResult &result : std::as_const(lastResults))
        evidence.tests.append({ result.name, evidenceOutcome(result.outcome), result.detail });
    Submission submission;
    submission.kind = u"report"_s;
    submission.evidence = evidence;
    if (!testCommands.isEmpty()) {
        const auto flaky = report.flakyTests();
        QStringList names;
        for (const auto &stats : flaky)
            names.append(stats.name);
        submission.summary = flaky.isEmpty()
            ? u"No flaky test in %1 runs: every test gave the same outcome each time."_s.arg(report.runs())
            : u"Flaky in %1 runs: %2."_s.arg(report.runs()).arg(names.join(u", "_s));
        submission.content = report.toMarkdown(testCommands.join(u"; "_s));
    } else {
        submission.summary = u"Ran %1 playbook step(s) of skill %2."_s.arg(steps.size()).arg(skill.name);
        QString content = u"# %1\n\n"_s.arg(skill.name);
        for (const Evidence::Command &command : std::as_const(evidence.commands))
            content += u"## `%1`\nexit code %2\n```\n%3\n```\n"_s.arg(command.command)
                           .arg(command.exitCode)
                           .arg(command.output);
        submission.content = content;
    }
    AgentOutcome outcome;
    outcome.status = AgentOutcome::Status::Submitted;
    outcome.submission = submission;
    outcome.costUsd = 0.0; // no model, no cost
    co_return outcome;
}

} // namespace delegate
