// SPDX-License-Identifier: GPL-3.0-or-later
#include "storecommands.h"

#include "commandregistry.h"
#include "console.h"
#include "exitcodes.h"

#include "store/eventstore.h"
#include "store/storecopier.h"
#include "store/storedatabase.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

const char migrateUsage[] =
    "Usage: delegatectl store migrate --from SQLITE_FILE --to postgresql://user@host:port/database\n"
    "                                 [--batch N] [--json] [--quiet]\n\n"
    "Copies every event of a store into an empty one (typically a local SQLite history\n"
    "into a new PostgreSQL team store), in sequence, with their times and hashes as\n"
    "they are, one transaction per batch, showing progress; then indexes the copy for\n"
    "search and walks its whole hash chain. The source is only read; stop the engine\n"
    "that writes to it first, or the copy ends at the event that was newest when it\n"
    "started. The password for PostgreSQL comes from ~/.pgpass, PGPASSFILE or\n"
    "PGPASSWORD, never from the address.\n\n"
    "  --from PATH|URL  the store to copy (default: the engine's own store)\n"
    "  --to URL|PATH    the empty store to copy into\n"
    "  --batch N        events per transaction (default 5000)\n"
    "  --json           print the outcome as a JSON object\n"
    "  --quiet          no progress on standard error\n\n"
    "Exit codes: 0 copied and the copy verifies, 1 copied but the copy does not\n"
    "verify or misses events, 64 wrong arguments, 69 a store cannot be opened or the\n"
    "target is not empty, 70 the copy failed.\n";

int usageError(Console &console, const QString &problem)
{
    console.err() << "delegatectl store migrate: " << problem << "\n\n" << migrateUsage;
    console.err().flush();
    return ExitUsage;
}

QString phaseName(StoreCopier::Phase phase)
{
    switch (phase) {
    case StoreCopier::Phase::Copying:
        return u"copying"_s;
    case StoreCopier::Phase::Indexing:
        return u"indexing"_s;
    case StoreCopier::Phase::Verifying:
        return u"verifying"_s;
    }
    return {};
}

} // namespace

QStringList StoreMigrateCommand::path() const
{
    return { u"store"_s, u"migrate"_s };
}

QString StoreMigrateCommand::summary() const
{
    return u"copy an event history into an empty (PostgreSQL) store and verify it"_s;
}

QCoro::Task<int> StoreMigrateCommand::run(QStringList arguments, Console &console)
{
    QCommandLineParser parser;
    const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"help"_s);
    const QCommandLineOption fromOption(u"from"_s, u"source"_s, u"PATH"_s);
    const QCommandLineOption toOption(u"to"_s, u"target"_s, u"URL"_s);
    const QCommandLineOption batchOption(u"batch"_s, u"batch"_s, u"N"_s, u"5000"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"json"_s);
    const QCommandLineOption quietOption(u"quiet"_s, u"quiet"_s);
    parser.addOptions({ helpOption, fromOption, toOption, batchOption, jsonOption, quietOption });
    if (!parser.parse(QStringList { u"delegatectl"_s } + arguments))
        co_return usageError(console, parser.errorText());
    if (parser.isSet(helpOption)) {
        console.out() << migrateUsage;
        console.out().flush();
        co_return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        co_return usageError(console,
                             u"unexpected argument '%1'."_s.arg(parser.positionalArguments().first()));
    if (!parser.isSet(toOption))
        co_return usageError(console, u"--to is missing: name the empty store to copy into."_s);
    bool ok = false;
    const int batch = parser.value(batchOption).toInt(&ok);
    if (!ok || batch < 1 || batch > 1'000'000)
        co_return usageError(
            console,
            u"--batch must be a number from 1 to 1000000, not '%1'."_s.arg(parser.value(batchOption)));
    const QString from = parser.isSet(fromOption) ? parser.value(fromOption) : EventStore::defaultPath();
    const QString to = parser.value(toOption);
    if (from == to)
        co_return usageError(console, u"--from and --to name the same store."_s);
    if (!StoreDatabase::isPostgresAddress(from) && !QFileInfo::exists(from)) {
        console.err() << "delegatectl store migrate: there is no event store at " << from
                      << ".\nPass --from with the path of the SQLite store to copy.\n";
        console.err().flush();
        co_return ExitUnavailable;
    }

    const bool quiet = parser.isSet(quietOption);
    bool progressShown = false;
    const auto progress = [&](StoreCopier::Phase phase, qint64 done, qint64 total) {
        if (quiet)
            return;
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        console.err() << '\r' << phaseName(phase) << ": " << done << " of " << total << " events (" << percent
                      << "%)   ";
        if (done == total)
            console.err() << '\n';
        console.err().flush();
        progressShown = done != total;
    };
    const StoreResult<StoreCopyReport> copied = StoreCopier::copy(from, to, progress, batch);
    if (progressShown) {
        console.err() << '\n';
        console.err().flush();
    }
    if (!copied) {
        console.err() << "delegatectl store migrate: " << copied.error() << ".\n";
        console.err().flush();
        const bool unavailable =
            copied.error().startsWith(u"cannot") || copied.error().contains(u"already holds"_s);
        co_return unavailable ? ExitUnavailable : ExitSoftware;
    }
    const StoreCopyReport &report = copied.value();
    if (parser.isSet(jsonOption)) {
        const QJsonObject object {
            { u"from"_s, from },
            { u"to"_s, to },
            { u"copied"_s, report.copied },
            { u"source_head"_s,
              QJsonObject { { u"sequence"_s, report.sourceHeadSequence },
                            { u"hash"_s, report.sourceHeadHash } } },
            { u"target_head"_s,
              QJsonObject { { u"sequence"_s, report.target.headSequence },
                            { u"hash"_s, report.target.headHash } } },
            { u"verified"_s, report.target.intact() },
            { u"complete"_s, report.complete() },
            { u"problem"_s, VerifyReport::problemName(report.target.problem) },
            { u"detail"_s, report.target.detail },
        };
        console.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    } else if (report.complete()) {
        console.out() << "Copied " << report.copied << " events from " << from << " to " << to
                      << "; the copy's chain verifies, head " << report.target.headSequence << " "
                      << report.target.headHash << ".\n";
    } else if (!report.target.intact()) {
        console.out() << "Copied " << report.copied << " events, but the copy's chain is broken at event "
                      << report.target.brokenSequence << " ("
                      << VerifyReport::problemText(report.target.problem) << "): " << report.target.detail
                      << ".\nThe source itself may be damaged: run delegatectl audit verify --store " << from
                      << ".\n";
    } else {
        console.out() << "Copied " << report.copied << " events, but the source's head is event "
                      << report.sourceHeadSequence << " and the copy ends at " << report.target.headSequence
                      << ".\n";
    }
    console.out().flush();
    co_return report.complete() ? ExitOk : 1;
}

void registerStoreCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<StoreMigrateCommand>());
}

} // namespace delegate::cli
