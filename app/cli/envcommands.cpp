// SPDX-License-Identifier: GPL-3.0-or-later
#include "envcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "exitcodes.h"
#include "humanformat.h"

#include "domain/environmentyaml.h"
#include "domain/skillfolder.h"
#include "domain/taskyaml.h"
#include "policy/alignmentcheck.h"
#include "policy/capabilitycatalogue.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

constexpr qsizetype lineWidth = 100;

const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"show this help"_s);
const QCommandLineOption jsonOption(u"json"_s, u"print the result as a JSON object"_s);
const QCommandLineOption skillOption(u"skill"_s, u"the folder of the skill the task uses"_s, u"DIR"_s);

const char *const checkUsage =
    "Usage: delegatectl env check ENV.yaml TASK.yaml [--skill DIR] [--json]\n\n"
    "Checks whether an environment grants what a task needs (missing: the task\n"
    "cannot be done) and nothing more (excess: least privilege is broken), and\n"
    "says which line of the environment file to change.\n\n"
    "  --skill DIR   the folder of the skill the task uses: its required capabilities,\n"
    "                verify commands and playbook steps count as the task's needs\n"
    "  --json        print the verdict and findings as a JSON object\n\n"
    "Exit codes: 0 aligned, 1 excess only, 2 missing, 3 invalid file.\n"
    "The rules are described in docs/environments.md.\n";

const char *const capabilitiesUsage =
    "Usage: delegatectl env capabilities [ENV.yaml] [--json]\n\n"
    "Without a file: every grant an environment can make, what it allows, what it\n"
    "risks and what the sandbox does for it. With a file: what that environment grants.\n\n"
    "  --json   print the result as JSON\n";

// Wraps text to the line width, every line after the first indented.
QString wrapped(const QString &text, qsizetype indent)
{
    return HumanFormat::wrapped(text, indent, lineWidth);
}

void printJson(Console &console, const QJsonObject &object)
{
    console.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    console.out().flush();
}

int usageError(Console &console, const QString &command, const QString &problem, const char *usage)
{
    console.err() << "delegatectl " << command << ": " << problem << "\n\n" << usage;
    console.err().flush();
    return ExitUsage;
}

// Parses the options; returns an exit code when the command is done already
// (help shown or a usage error reported).
std::optional<int> parse(QCommandLineParser &parser, const QStringList &arguments, Console &console,
                         const QString &command, const char *usage)
{
    parser.addOption(helpOption);
    parser.addOption(jsonOption);
    if (!parser.parse(QStringList { u"delegatectl"_s } + arguments))
        return usageError(console, command, parser.errorText(), usage);
    if (parser.isSet(helpOption)) {
        console.out() << usage;
        console.out().flush();
        return ExitOk;
    }
    return std::nullopt;
}

QJsonArray errorsJson(const SourceErrors &errors)
{
    QJsonArray array;
    for (const SourceError &error : errors)
        array.append(error.toJson());
    return array;
}

void printErrors(Console &console, const SourceErrors &errors, const QString &file, const char *what)
{
    for (const SourceError &error : errors)
        console.err() << error.toString() << '\n';
    console.err() << file << ": not a valid " << what << " file (" << errors.size()
                  << " problem(s)); see docs/tasks.md for the format.\n";
}

QString verdictSentence(AlignmentVerdict verdict)
{
    switch (verdict) {
    case AlignmentVerdict::Aligned:
        return u"The environment grants what the task needs and nothing more."_s;
    case AlignmentVerdict::Excess:
        return u"The task can be done here, but the environment grants more than it uses."_s;
    case AlignmentVerdict::Missing:
        return u"The task cannot be done in this environment: it needs grants the environment does not make."_s;
    }
    return {};
}

void printReport(QTextStream &out, const QString &environmentFile, const QString &taskFile,
                 const AlignmentReport &report)
{
    out << environmentFile << " for " << taskFile << ": " << enumToString(report.verdict) << '\n';
    out << wrapped(verdictSentence(report.verdict), 0) << '\n';
    for (const AlignmentFinding &finding : report.findings) {
        const CapabilityInfo &info = CapabilityCatalogue::info(finding.capability);
        out << '\n'
            << enumToString(finding.kind).leftJustified(8) << enumToString(finding.capability) << "  ("
            << info.title << ")";
        if (!finding.items.isEmpty())
            out << ": " << finding.items.join(u", "_s);
        out << '\n';
        out << "  why      " << wrapped(finding.explanation, 11) << '\n';
        if (finding.kind == AlignmentFinding::Kind::Excess)
            out << "  risk     " << wrapped(info.risk, 11) << '\n';
        out << "  fix      " << wrapped(finding.fix, 11) << '\n';
    }
    for (const QString &note : report.notes)
        out << "\nnote: " << wrapped(note, 6) << '\n';
}

void printCatalogue(QTextStream &out)
{
    for (const CapabilityInfo &info : CapabilityCatalogue::all()) {
        out << enumToString(info.capability).leftJustified(22) << info.title << "  ["
            << enumToString(info.level) << " risk]\n";
        out << "  allows   " << wrapped(info.allows, 11) << '\n';
        out << "  risk     " << wrapped(info.risk, 11) << '\n';
        out << "  sandbox  " << wrapped(info.sandbox, 11) << '\n';
        out << "  grant    " << info.example << "\n\n";
    }
}

} // namespace

QStringList EnvCheckCommand::path() const
{
    return { u"env"_s, u"check"_s };
}

QString EnvCheckCommand::summary() const
{
    return u"check that an environment grants what a task needs and nothing more"_s;
}

QCoro::Task<int> EnvCheckCommand::run(QStringList arguments, Console &console)
{
    const QString command = u"env check"_s;
    QCommandLineParser parser;
    parser.addOption(skillOption);
    if (const std::optional<int> done = parse(parser, arguments, console, command, checkUsage))
        co_return *done;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 2)
        co_return usageError(console, command,
                             files.size() < 2 ? u"give an environment file and a task file."_s
                                              : u"one environment and one task at a time."_s,
                             checkUsage);
    const bool json = parser.isSet(jsonOption);
    const QString &environmentFile = files.at(0);
    const QString &taskFile = files.at(1);
    const bool withSkill = parser.isSet(skillOption);
    const QString skillFolder = parser.value(skillOption);

    const LoadResult<EnvironmentProfile> environment = EnvironmentYaml::load(environmentFile);
    const LoadResult<TaskSpec> task = TaskYaml::load(taskFile);
    const LoadResult<Skill> skill = withSkill ? SkillFolder::load(skillFolder) : LoadResult<Skill> {};
    if (!environment.ok() || !task.ok() || (withSkill && !skill.ok())) {
        if (json) {
            printJson(
                console,
                { { QLatin1String("environment"),
                    QJsonObject { { QLatin1String("file"), environmentFile } } },
                  { QLatin1String("task"), QJsonObject { { QLatin1String("file"), taskFile } } },
                  { QLatin1String("verdict"), QLatin1String("invalid") },
                  { QLatin1String("errors"), errorsJson(environment.errors + task.errors + skill.errors) } });
        } else {
            if (!environment.ok())
                printErrors(console, environment.errors, environmentFile, "environment");
            if (!task.ok())
                printErrors(console, task.errors, taskFile, "task");
            if (withSkill && !skill.ok()) {
                for (const SourceError &error : skill.errors)
                    console.err() << error.toString() << '\n';
                console.err() << skillFolder << ": not a valid skill folder (" << skill.errors.size()
                              << " problem(s)); a skill folder holds SKILL.md and delegate.yaml.\n";
            }
            console.err().flush();
        }
        co_return ExitInvalidFile;
    }

    const AlignmentReport report =
        AlignmentCheck::check(*task.value, *environment.value, skill.value ? &*skill.value : nullptr);
    if (json) {
        QJsonObject object = report.toJson();
        object.insert(QLatin1String("environment"),
                      QJsonObject { { QLatin1String("file"), environmentFile },
                                    { QLatin1String("name"), environment.value->name } });
        object.insert(QLatin1String("task"),
                      QJsonObject { { QLatin1String("file"), taskFile },
                                    { QLatin1String("title"), task.value->title } });
        if (skill.value)
            object.insert(QLatin1String("skill"),
                          QJsonObject { { QLatin1String("folder"), skillFolder },
                                        { QLatin1String("name"), skill.value->name } });
        printJson(console, object);
    } else {
        printReport(console.out(), environmentFile, taskFile, report);
        console.out().flush();
    }
    switch (report.verdict) {
    case AlignmentVerdict::Aligned:
        co_return ExitAligned;
    case AlignmentVerdict::Excess:
        co_return ExitExcess;
    case AlignmentVerdict::Missing:
        co_return ExitMissing;
    }
    co_return ExitMissing;
}

QStringList EnvCapabilitiesCommand::path() const
{
    return { u"env"_s, u"capabilities"_s };
}

QString EnvCapabilitiesCommand::summary() const
{
    return u"list what each grant allows and risks, or what an environment grants"_s;
}

QCoro::Task<int> EnvCapabilitiesCommand::run(QStringList arguments, Console &console)
{
    const QString command = u"env capabilities"_s;
    QCommandLineParser parser;
    if (const std::optional<int> done = parse(parser, arguments, console, command, capabilitiesUsage))
        co_return *done;
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        co_return usageError(console, command, u"one environment file at a time."_s, capabilitiesUsage);
    const bool json = parser.isSet(jsonOption);

    if (files.isEmpty()) {
        if (json) {
            QJsonArray catalogue;
            for (const CapabilityInfo &info : CapabilityCatalogue::all())
                catalogue.append(info.toJson());
            printJson(console, { { QLatin1String("capabilities"), catalogue } });
        } else {
            printCatalogue(console.out());
            console.out().flush();
        }
        co_return ExitOk;
    }

    const QString &file = files.constFirst();
    const LoadResult<EnvironmentProfile> environment = EnvironmentYaml::load(file);
    if (!environment.ok()) {
        printErrors(console, environment.errors, file, "environment");
        console.err().flush();
        co_return ExitInputError;
    }
    const QList<CapabilityGrant> grants = CapabilityCatalogue::grantsOf(*environment.value);
    if (json) {
        QJsonArray array;
        for (const CapabilityGrant &grant : grants) {
            QJsonObject object = grant.toJson();
            const CapabilityInfo &info = CapabilityCatalogue::info(grant.capability);
            object.insert(QLatin1String("title"), info.title);
            object.insert(QLatin1String("level"), enumToString(info.level));
            array.append(object);
        }
        printJson(console,
                  { { QLatin1String("file"), file },
                    { QLatin1String("name"), environment.value->name },
                    { QLatin1String("grants"), array } });
        co_return ExitOk;
    }
    QTextStream &out = console.out();
    out << file << ": " << environment.value->name << " (" << environment.value->sandbox.toString() << ")\n";
    if (grants.isEmpty())
        out << "  grants nothing: an empty workspace, no network, the system's programs, default limits\n";
    for (const CapabilityGrant &grant : grants) {
        const CapabilityInfo &info = CapabilityCatalogue::info(grant.capability);
        QString line = info.title;
        if (!grant.subject.isEmpty())
            line += u": "_s + grant.subject;
        out << "  " << enumToString(info.level).leftJustified(7) << line << '\n';
    }
    out.flush();
    co_return ExitOk;
}

void registerEnvCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<EnvCheckCommand>());
    registry.add(std::make_unique<EnvCapabilitiesCommand>());
}

} // namespace delegate::cli
