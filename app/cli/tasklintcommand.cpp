// SPDX-License-Identifier: GPL-3.0-or-later
#include "tasklintcommand.h"

#include "console.h"
#include "exitcodes.h"
#include "humanformat.h"

#include "domain/taskyaml.h"
#include "policy/boundedtasklint.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace delegate::cli {

namespace {

constexpr qsizetype lineWidth = 100;

void printUsage(QTextStream &out)
{
    out << "Usage: delegatectl task lint FILE [--json]\n\n"
           "Judges a task file against the four elements of a bounded task: scope and\n"
           "context, an environment, limits, and a reviewable artifact.\n\n"
           "  --json   print the verdict and findings as a JSON object\n\n"
           "Exit codes: 0 bounded, 1 partially bounded, 2 unbounded, 3 invalid file.\n"
           "The rules are described in docs/tasks.md.\n";
}

// Wraps text to the line width, every line after the first indented.
QString wrapped(const QString &text, qsizetype indent)
{
    return HumanFormat::wrapped(text, indent, lineWidth);
}

int exitCodeFor(LintVerdict verdict)
{
    switch (verdict) {
    case LintVerdict::Bounded:
        return TaskLintCommand::ExitBounded;
    case LintVerdict::PartiallyBounded:
        return TaskLintCommand::ExitPartiallyBounded;
    case LintVerdict::Unbounded:
        return TaskLintCommand::ExitUnbounded;
    }
    return TaskLintCommand::ExitUnbounded;
}

void printReport(QTextStream &out, const QString &file, const LintReport &report)
{
    out << file << ": " << enumToString(report.verdict) << " (score " << report.score << "/100)\n";
    out << wrapped(report.summary, 0) << "\n\n";
    for (const EnumName<TaskElement> &element : enumNames<TaskElement>()) {
        const bool satisfied = report.isSatisfied(element.value);
        out << "  " << (satisfied ? "ok       " : "missing  ")
            << elementTitle(element.value).leftJustified(32) << report.elementScore(element.value) << "/"
            << LintReport::pointsPerElement << '\n';
    }
    for (const LintFinding &finding : report.findings) {
        out << '\n'
            << enumToString(finding.severity) << ": " << finding.field << "  [" << finding.rule << ", "
            << enumToString(finding.element) << "]\n";
        out << "  problem  " << wrapped(finding.problem, 11) << '\n';
        out << "  why      " << wrapped(finding.why, 11) << '\n';
        out << "  fix      " << wrapped(finding.fix, 11) << '\n';
    }
}

} // namespace

QStringList TaskLintCommand::path() const
{
    return { QStringLiteral("task"), QStringLiteral("lint") };
}

QString TaskLintCommand::summary() const
{
    return QStringLiteral("judge whether a task file is bounded enough to delegate");
}

QCoro::Task<int> TaskLintCommand::run(QStringList arguments, Console &console)
{
    bool json = false;
    QString file;
    for (const QString &argument : std::as_const(arguments)) {
        if (argument == QLatin1String("--help") || argument == QLatin1String("-h")) {
            printUsage(console.out());
            console.out().flush();
            co_return ExitOk;
        }
        if (argument == QLatin1String("--json")) {
            json = true;
        } else if (argument.startsWith(u'-') && argument.size() > 1) {
            console.err() << "delegatectl task lint: unknown option '" << argument << "'.\n\n";
            printUsage(console.err());
            console.err().flush();
            co_return ExitUsage;
        } else if (!file.isEmpty()) {
            console.err() << "delegatectl task lint: one file at a time; got '" << file << "' and '"
                          << argument << "'.\n\n";
            printUsage(console.err());
            console.err().flush();
            co_return ExitUsage;
        } else {
            file = argument;
        }
    }
    if (file.isEmpty()) {
        console.err() << "delegatectl task lint: which task file? Give its path.\n\n";
        printUsage(console.err());
        console.err().flush();
        co_return ExitUsage;
    }

    const LoadResult<TaskSpec> loaded = TaskYaml::load(file);
    if (!loaded.ok()) {
        if (json) {
            QJsonArray errors;
            for (const SourceError &error : loaded.errors)
                errors.append(error.toJson());
            const QJsonObject object { { QLatin1String("file"), file },
                                       { QLatin1String("verdict"), QLatin1String("invalid") },
                                       { QLatin1String("errors"), errors } };
            console.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
            console.out().flush();
        } else {
            for (const SourceError &error : loaded.errors)
                console.err() << error.toString() << '\n';
            console.err() << file << ": not a valid task file (" << loaded.errors.size()
                          << " problem(s)); see docs/tasks.md for the format.\n";
            console.err().flush();
        }
        co_return ExitInvalidFile;
    }

    const LintReport report = BoundedTaskLint().lint(*loaded.value);
    if (json) {
        QJsonObject object = report.toJson();
        object.insert(QLatin1String("file"), file);
        console.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    } else {
        printReport(console.out(), file, report);
    }
    console.out().flush();
    co_return exitCodeFor(report.verdict);
}

} // namespace delegate::cli
