// SPDX-License-Identifier: GPL-3.0-or-later
#include "auditcommands.h"
#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "exitcodes.h"

#include "store/eventstore.h"
#include "store/sqliteconnection.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace delegate::cli;
using namespace Qt::StringLiterals;

namespace {

struct Outcome
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

} // namespace

class TestAuditCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void verifyIntact();
    void verifyIntactJson();
    void verifyNamesTheFirstBrokenEvent_data();
    void verifyNamesTheFirstBrokenEvent();
    void verifyShowsProgressWhenAsked();
    void verifyEmptyStore();
    void missingStoreSaysHowToFixIt();
    void usageErrors_data();
    void usageErrors();
    void helpListsOptions_data();
    void helpListsOptions();
    void exportJsonlToStandardOutput();
    void exportCsvToFile();
    void exportFilters();
    void searchFindsAndPages();
    void searchJson();
    void searchWithoutMatches();
    void searchRejectsBadFtsSyntax();
    void commandsAreListed();

private:
    Outcome run(QStringList arguments);
    QStringList withStore(QStringList arguments) const { return arguments << u"--store"_s << m_path; }
    // 30 events: run-1 and run-2 alternate; every third mentions the parser.
    void fill();
    void damage(const char *sql);

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_path;
};

void TestAuditCommands::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestAuditCommands::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    m_path = m_directory->filePath(u"delegate.db"_s);
}

Outcome TestAuditCommands::run(QStringList arguments)
{
    QBuffer out;
    QBuffer err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    Outcome outcome;
    {
        Console console(&out, &err);
        CommandRegistry registry;
        registerAllCommands(registry);
        outcome.exitCode = QCoro::waitFor(registry.dispatch(arguments, console));
        console.out().flush();
        console.err().flush();
    }
    outcome.out = out.data();
    outcome.err = err.data();
    return outcome;
}

void TestAuditCommands::fill()
{
    EventStore store;
    EventStoreOptions options;
    options.path = m_path;
    options.indexIdleDelay = std::chrono::milliseconds(0);
    QVERIFY(!store.open(options));
    AppendResult last;
    for (int i = 1; i <= 30; ++i) {
        const QString text =
            i % 3 == 0 ? u"event %1: the parser loop"_s.arg(i) : u"event %1: all quiet"_s.arg(i);
        last = store.appendAndWait(EventDraft { u"run-%1"_s.arg(i % 2 + 1), u"agent"_s, u"agent.message"_s,
                                                QJsonObject { { u"text"_s, text } } });
        QVERIFY(last.ok());
    }
    QVERIFY(store.waitForIndexed(last.sequence, QDeadlineTimer(30'000)));
}

void TestAuditCommands::damage(const char *sql)
{
    SqliteConnection connection;
    QVERIFY(!connection.open(m_path, SqliteConnection::Mode::ReadWrite));
    QVERIFY(
        !connection.exec("DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete"));
    const StoreError error = connection.exec(sql);
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
}

void TestAuditCommands::verifyIntact()
{
    fill();
    const Outcome outcome = run(withStore({ u"audit"_s, u"verify"_s }));
    QCOMPARE(outcome.exitCode, int(AuditVerifyCommand::ExitIntact));
    QVERIFY2(outcome.out.startsWith("Chain intact: 30 events verified; head #30 "), outcome.out.constData());
    QVERIFY(outcome.err.isEmpty());
}

void TestAuditCommands::verifyIntactJson()
{
    fill();
    const Outcome outcome = run(withStore({ u"audit"_s, u"verify"_s, u"--json"_s }));
    QCOMPARE(outcome.exitCode, 0);
    const QJsonObject json = outcome.json();
    QCOMPARE(json.value("intact"_L1).toBool(), true);
    QCOMPARE(json.value("checked"_L1).toInteger(), 30);
    QCOMPARE(json.value("head"_L1).toObject().value("sequence"_L1).toInteger(), 30);
    QCOMPARE(json.value("head"_L1).toObject().value("hash"_L1).toString().size(), 64);
    QVERIFY(!json.contains("broken"_L1));
}

void TestAuditCommands::verifyNamesTheFirstBrokenEvent_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::addColumn<qint64>("sequence");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QByteArray>("sentence");
    QTest::addRow("tampered payload")
        << QByteArray("UPDATE events SET payload = '{\"text\":\"nothing happened\"}' "
                      "WHERE seq = 7")
        << qint64(7) << u"hash_mismatch"_s << QByteArray("Chain broken at event #7: hash mismatch.");
    QTest::addRow("deleted row") << QByteArray("DELETE FROM events WHERE seq = 12") << qint64(12)
                                 << u"sequence_gap"_s
                                 << QByteArray("Chain broken at event #12: sequence gap.");
}

void TestAuditCommands::verifyNamesTheFirstBrokenEvent()
{
    QFETCH(QByteArray, sql);
    QFETCH(qint64, sequence);
    QFETCH(QString, problem);
    QFETCH(QByteArray, sentence);
    fill();
    damage(sql.constData());

    const Outcome text = run(withStore({ u"audit"_s, u"verify"_s }));
    QCOMPARE(text.exitCode, int(AuditVerifyCommand::ExitBroken));
    QVERIFY2(text.out.startsWith(sentence), text.out.constData());
    QVERIFY(text.out.contains(QByteArray("Events 1 to " + QByteArray::number(sequence - 1) + " verify.")));

    const Outcome json = run(withStore({ u"audit"_s, u"verify"_s, u"--json"_s }));
    QCOMPARE(json.exitCode, int(AuditVerifyCommand::ExitBroken));
    const QJsonObject broken = json.json().value("broken"_L1).toObject();
    QCOMPARE(json.json().value("intact"_L1).toBool(true), false);
    QCOMPARE(broken.value("sequence"_L1).toInteger(), sequence);
    QCOMPARE(broken.value("problem"_L1).toString(), problem);
    QVERIFY(!broken.value("detail"_L1).toString().isEmpty());
}

void TestAuditCommands::verifyShowsProgressWhenAsked()
{
    fill();
    const Outcome outcome = run(withStore({ u"audit"_s, u"verify"_s, u"--progress"_s }));
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY2(outcome.err.contains("\rverifying: 30 of 30 events (100%)\n"), outcome.err.constData());
    QVERIFY(run(withStore({ u"audit"_s, u"verify"_s })).err.isEmpty());
}

void TestAuditCommands::verifyEmptyStore()
{
    {
        EventStore store;
        EventStoreOptions options;
        options.path = m_path;
        QVERIFY(!store.open(options));
    }
    const Outcome outcome = run(withStore({ u"audit"_s, u"verify"_s }));
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.out, QByteArray("Chain intact: the store holds no events yet.\n"));
}

void TestAuditCommands::missingStoreSaysHowToFixIt()
{
    for (const QString &command : { u"verify"_s, u"export"_s, u"search"_s }) {
        QStringList arguments { u"audit"_s, command };
        if (command == u"search")
            arguments << u"parser"_s;
        const Outcome outcome = run(withStore(arguments));
        QCOMPARE(outcome.exitCode, int(ExitUnavailable));
        QVERIFY2(outcome.err.contains(QByteArray("there is no event store at " + m_path.toUtf8())),
                 outcome.err.constData());
        QVERIFY(outcome.err.contains("pass --store PATH"));
        QVERIFY(!QFileInfo::exists(m_path)); // looking must not create it
    }
}

void TestAuditCommands::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("unknown option") << QStringList { u"audit"_s, u"verify"_s, u"--fast"_s }
                                    << QByteArray("Unknown option 'fast'");
    QTest::addRow("verify argument") << QStringList { u"audit"_s, u"verify"_s, u"extra"_s }
                                     << QByteArray("unexpected argument 'extra'");
    QTest::addRow("export format") << QStringList { u"audit"_s, u"export"_s, u"--format"_s, u"xml"_s }
                                   << QByteArray("--format must be jsonl or csv, not 'xml'");
    QTest::addRow("export since") << QStringList { u"audit"_s, u"export"_s, u"--since"_s, u"last week"_s }
                                  << QByteArray("--since expects an ISO 8601 time");
    QTest::addRow("search without words")
        << QStringList { u"audit"_s, u"search"_s } << QByteArray("Give one or more words");
    QTest::addRow("search limit") << QStringList { u"audit"_s, u"search"_s, u"x"_s, u"--limit"_s, u"0"_s }
                                  << QByteArray("--limit must be a number from 1 to 1000");
    QTest::addRow("search page") << QStringList { u"audit"_s, u"search"_s, u"x"_s, u"--page"_s, u"two"_s }
                                 << QByteArray("--page must be a number from 1, not 'two'");
}

void TestAuditCommands::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    fill();
    const Outcome outcome = run(withStore(arguments));
    QCOMPARE(outcome.exitCode, int(ExitUsage));
    QVERIFY2(outcome.err.contains(message), outcome.err.constData());
    QVERIFY(outcome.err.contains("Usage: delegatectl audit"));
}

void TestAuditCommands::helpListsOptions_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("option");
    QTest::addRow("verify") << u"verify"_s << QByteArray("--progress");
    QTest::addRow("export") << u"export"_s << QByteArray("--since TIME");
    QTest::addRow("search") << u"search"_s << QByteArray("--page N");
}

void TestAuditCommands::helpListsOptions()
{
    QFETCH(QString, command);
    QFETCH(QByteArray, option);
    const Outcome outcome = run({ u"audit"_s, command, u"--help"_s });
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY(outcome.out.startsWith(QByteArray("Usage: delegatectl audit " + command.toUtf8())));
    QVERIFY(outcome.out.contains(option));
    QVERIFY(outcome.out.contains("--store PATH"));
}

void TestAuditCommands::exportJsonlToStandardOutput()
{
    fill();
    const Outcome outcome = run(withStore({ u"audit"_s, u"export"_s, u"--format"_s, u"jsonl"_s }));
    QCOMPARE(outcome.exitCode, 0);
    const QList<QByteArray> lines = outcome.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 31);
    const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(first.value("sequence"_L1).toInteger(), 1);
    QCOMPARE(first.value("prev_hash"_L1).toString(), QString(64, u'0'));
    const QJsonObject last = QJsonDocument::fromJson(lines.at(29)).object();
    const QJsonObject head = QJsonDocument::fromJson(lines.last()).object().value("chain_head"_L1).toObject();
    QCOMPARE(head.value("sequence"_L1).toInteger(), 30);
    QCOMPARE(head.value("hash"_L1).toString(), last.value("hash"_L1).toString());
}

void TestAuditCommands::exportCsvToFile()
{
    fill();
    const QString output = m_directory->filePath(u"events.csv"_s);
    const Outcome outcome = run(
        withStore({ u"audit"_s, u"export"_s, u"--format"_s, u"csv"_s, u"--output"_s, output, u"--json"_s }));
    QCOMPARE(outcome.exitCode, 0);
    const QJsonObject summary = outcome.json();
    QCOMPARE(summary.value("exported"_L1).toInteger(), 30);
    QCOMPARE(summary.value("head"_L1).toObject().value("sequence"_L1).toInteger(), 30);

    QFile file(output);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 32);
    QCOMPARE(lines.first(), QByteArray("sequence,time,run_id,actor,kind,payload,prev_hash,hash\r"));
    QVERIFY(lines.at(1).startsWith("1,"));
    QCOMPARE(lines.last(),
             "# chain_head sequence=30 hash="
                 + summary.value("head"_L1).toObject().value("hash"_L1).toString().toLatin1()
                 + " exported=30");

    const Outcome text = run(withStore({ u"audit"_s, u"export"_s, u"--output"_s, output }));
    QVERIFY2(
        text.out.startsWith(QByteArray("Exported 30 events to " + output.toUtf8() + "; chain head #30 ")),
        text.out.constData());
}

void TestAuditCommands::exportFilters()
{
    fill();
    const Outcome byRun = run(withStore({ u"audit"_s, u"export"_s, u"--run"_s, u"run-2"_s }));
    QCOMPARE(byRun.exitCode, 0);
    const QList<QByteArray> lines = byRun.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 16);
    for (qsizetype i = 0; i + 1 < lines.size(); ++i)
        QCOMPARE(QJsonDocument::fromJson(lines.at(i)).object().value("run_id"_L1).toString(), u"run-2"_s);

    const Outcome future = run(withStore({ u"audit"_s, u"export"_s, u"--since"_s, u"2999-01-01"_s }));
    QCOMPARE(future.exitCode, 0);
    QCOMPARE(future.out.trimmed().split('\n').size(), 1);
    const Outcome past = run(withStore({ u"audit"_s, u"export"_s, u"--since"_s, u"2000-01-01T00:00:00Z"_s }));
    QCOMPARE(past.out.trimmed().split('\n').size(), 31);
}

void TestAuditCommands::searchFindsAndPages()
{
    fill();
    const Outcome first = run(withStore({ u"audit"_s, u"search"_s, u"parser"_s, u"--limit"_s, u"4"_s }));
    QCOMPARE(first.exitCode, 0);
    QVERIFY2(first.out.startsWith("#30  "), first.out.constData());
    QVERIFY(first.out.contains("run-1  agent  agent.message\n    event 30: the [parser] loop\n#27  "));
    QVERIFY(first.out.contains("Results 1 to 4 (page 1); more with --page 2."));

    const Outcome third =
        run(withStore({ u"audit"_s, u"search"_s, u"parser"_s, u"--limit"_s, u"4"_s, u"--page"_s, u"3"_s }));
    QCOMPARE(third.exitCode, 0);
    QVERIFY2(third.out.startsWith("#6  "), third.out.constData());
    QVERIFY(third.out.contains("#3  "));
    QVERIFY(third.out.contains("Results 9 to 10 (page 3)."));
    QVERIFY(!third.out.contains("more with"));
}

void TestAuditCommands::searchJson()
{
    fill();
    const Outcome outcome = run(withStore({ u"audit"_s, u"search"_s, u"parser"_s, u"loop"_s, u"--json"_s }));
    QCOMPARE(outcome.exitCode, 0);
    const QJsonObject json = outcome.json();
    QCOMPARE(json.value("query"_L1).toString(), u"parser loop"_s);
    QCOMPARE(json.value("has_more"_L1).toBool(true), false);
    QCOMPARE(json.value("unindexed"_L1).toInteger(), 0);
    const QJsonArray results = json.value("results"_L1).toArray();
    QCOMPARE(results.size(), 10);
    const QJsonObject hit = results.first().toObject();
    QCOMPARE(hit.value("sequence"_L1).toInteger(), 30);
    QCOMPARE(hit.value("hash"_L1).toString().size(), 64);
    QCOMPARE(hit.value("snippet"_L1).toString(), u"event 30: the [parser] [loop]"_s);
}

void TestAuditCommands::searchWithoutMatches()
{
    fill();
    const Outcome outcome = run(withStore({ u"audit"_s, u"search"_s, u"zebra"_s }));
    QCOMPARE(outcome.exitCode, 0);
    QCOMPARE(outcome.out, QByteArray("No events match \"zebra\".\n"));
}

void TestAuditCommands::searchRejectsBadFtsSyntax()
{
    fill();
    const Outcome outcome = run(withStore({ u"audit"_s, u"search"_s, u"--fts"_s, u"parser AND ("_s }));
    QCOMPARE(outcome.exitCode, int(ExitUsage));
    QVERIFY2(outcome.err.contains("not valid FTS5 syntax"), outcome.err.constData());
    // Without --fts the same words are fine.
    QCOMPARE(run(withStore({ u"audit"_s, u"search"_s, u"parser AND ("_s })).exitCode, 0);
}

void TestAuditCommands::commandsAreListed()
{
    const Outcome outcome = run({ u"--help"_s });
    for (const char *command : { "audit verify", "audit export", "audit search", "bench store" })
        QVERIFY2(outcome.out.contains(command), command);
}

QTEST_GUILESS_MAIN(TestAuditCommands)
#include "tst_auditcommands.moc"
