// SPDX-License-Identifier: GPL-3.0-or-later
#include "audittrailcommand.h"

#include "commandregistry.h"
#include "console.h"
#include "engineconnection.h"
#include "exitcodes.h"

#include "audit/audittrail.h"
#include "audit/audittrailhtml.h"
#include "audit/audittrailloader.h"
#include "rpc/rpcclient.h"

#include <QCommandLineParser>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace delegate::cli {

namespace {

const char *const trailUsage =
    "Usage: delegatectl audit trail RUN [--html FILE] [engine options]\n\n"
    "Shows a run's audit trail: the task's bounds as submitted, what its environment\n"
    "granted, every tool call and command with its result, every checkpoint and who\n"
    "decided it, every artifact version and its review, every action and how it\n"
    "ended, in the order they happened. With --html, writes it as one self-contained\n"
    "HTML page for a reviewer outside Delegate instead; with --json, prints it as JSON.\n\n"
    "  --html FILE   write the report to FILE (replaced when it exists)\n\n"
    "Example:\n"
    "  delegatectl audit trail run-3f2a9c1b7d4e --html trail.html\n";

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) : u"—"_s;
}

QString indentedBlock(const QString &text, int width)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line = QString(width, u' ') + line;
    return lines.join(u'\n');
}

void printTrail(QTextStream &out, const AuditTrail &trail)
{
    out << "Audit trail of " << trail.runId << ": " << trail.title << '\n';
    out << "  state        " << trail.state << (trail.reason.isEmpty() ? QString() : u" — "_s + trail.reason)
        << '\n';
    out << "  submitted    " << timeText(trail.submittedAt) << " by " << trail.submittedBy << '\n';
    out << "  agent        " << trail.agent << '\n';
    out << "  environment  " << trail.environmentName << '\n';
    for (const auto &[name, value] : trail.grants)
        out << "    " << name.leftJustified(17) << value << '\n';
    out << "\nTask as submitted:\n" << indentedBlock(trail.taskYaml.trimmed(), 2) << '\n';
    out << "\nWhat happened:\n";
    for (const AuditEntry &entry : trail.entries) {
        out << QString::number(entry.sequence).rightJustified(7) << "  " << timeText(entry.time) << "  "
            << entry.actor.leftJustified(12) << ' ' << entry.heading;
        if (!entry.outcome.isEmpty())
            out << " [" << entry.outcome << ']';
        out << '\n';
        if (!entry.text.trimmed().isEmpty())
            out << indentedBlock(entry.text.trimmed(), 11) << '\n';
        if (!entry.code.trimmed().isEmpty())
            out << indentedBlock(entry.code.trimmed(), 13) << '\n';
    }
    if (trail.firstEvent && trail.lastEvent) {
        out << "\nChain: first event " << trail.firstEvent->sequence << " hash " << trail.firstEvent->hash
            << "\n       last event  " << trail.lastEvent->sequence << " hash " << trail.lastEvent->hash
            << '\n';
    }
}

} // namespace

QStringList AuditTrailCommand::path() const
{
    return { u"audit"_s, u"trail"_s };
}

QString AuditTrailCommand::summary() const
{
    return u"a run's audit trail, printed or as a self-contained HTML report"_s;
}

QCoro::Task<int> AuditTrailCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"audit trail"_s, trailUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption htmlOption(u"html"_s, u"write the report to FILE"_s, u"FILE"_s);
    parser.addOption(htmlOption);
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    const QStringList positional = parser.positionalArguments();
    if (const std::optional<int> wrong = engine.checkOneRun(positional))
        co_return *wrong;
    // Open the report file before asking the engine, so a wrong path costs nothing.
    std::unique_ptr<QSaveFile> file;
    if (parser.isSet(htmlOption)) {
        file = std::make_unique<QSaveFile>(parser.value(htmlOption));
        if (!file->open(QIODevice::WriteOnly)) {
            co_return engine.inputError(
                u"cannot write %1: %2. Check that its folder exists and is writable, or choose another "
                "--html FILE."_s.arg(parser.value(htmlOption), file->errorString()));
        }
    }
    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    rpc::RpcClient *client = &engine.client();
    const auto call = [client](QString method, QJsonObject params) {
        return client->call(std::move(method), std::move(params));
    };
    const QString runId = positional.constFirst();
    const AuditTrailLoader::Result loaded = co_await AuditTrailLoader::load(call, runId);
    if (const auto *error = std::get_if<rpc::RpcError>(&loaded)) {
        if (file)
            file->cancelWriting();
        co_return engine.fail(*error);
    }
    const AuditTrail &trail = std::get<AuditTrail>(loaded);
    if (file) {
        file->write(audittrailhtml::render(trail).toUtf8());
        if (!file->commit()) {
            co_return engine.inputError(
                u"cannot write %1: %2"_s.arg(parser.value(htmlOption), file->errorString()));
        }
        console.out() << "Wrote the audit trail of " << runId << " (" << trail.entries.size()
                      << " entries) to " << parser.value(htmlOption) << ".\n";
        console.out().flush();
        co_return ExitOk;
    }
    if (engine.json()) {
        engine.printJson(trail.toJson());
        co_return ExitOk;
    }
    printTrail(console.out(), trail);
    console.out().flush();
    co_return ExitOk;
}

void registerAuditTrailCommand(CommandRegistry &registry)
{
    registry.add(std::make_unique<AuditTrailCommand>());
}

} // namespace delegate::cli
