// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/chainverifier.h"
#include "store/eventreader.h"
#include "store/sqliteconnection.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace Qt::StringLiterals;

// A write is acknowledged only once it is durable: kill a writer process
// with SIGKILL at random moments and check, after every kill, that the
// database is sound, the chain verifies and nothing acknowledged is lost.
class TestStoreDurability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void acknowledgedEventsSurviveSigkill();
};

void TestStoreDurability::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo(QStringLiteral(STORE_WRITER)).isExecutable(), STORE_WRITER);
}

void TestStoreDurability::acknowledgedEventsSurviveSigkill()
{
    // A different moment each run; the seed is printed so a failure can be
    // replayed with DELEGATE_TEST_SEED.
    const quint32 seed = qEnvironmentVariableIsSet("DELEGATE_TEST_SEED")
        ? quint32(qEnvironmentVariableIntValue("DELEGATE_TEST_SEED"))
        : QRandomGenerator::global()->generate();
    qInfo() << "seed" << seed;
    QRandomGenerator random(seed);

    QTemporaryDir directory;
    const QString path = directory.filePath(u"store.db"_s);
    constexpr int kills = 24;
    qint64 head = 0;
    qint64 totalAcknowledged = 0;

    for (int kill = 0; kill < kills; ++kill) {
        // Every sixth kill comes right after the start (while it opens or
        // upgrades the store); the others after a random number of acks.
        const int acksBeforeKill = kill % 6 == 0 ? 0 : int(random.bounded(1, 3000));
        QList<qint64> acknowledged;
        QByteArray pending;
        QProcess writer;
        bool killed = false;
        const auto readAcks = [&] {
            pending += writer.readAllStandardOutput();
            const qsizetype end = pending.lastIndexOf('\n');
            if (end < 0)
                return;
            for (const QByteArray &line : pending.left(end).split('\n'))
                acknowledged.append(line.toLongLong());
            pending.remove(0, end + 1);
            // Kill the moment the count is reached, from inside the read:
            // the writer is then somewhere in its next batch (or committing
            // this one), not idle after a polling delay.
            if (!killed && acknowledged.size() >= acksBeforeKill) {
                writer.kill();
                killed = true;
            }
        };
        connect(&writer, &QProcess::readyReadStandardOutput, this, readAcks);
        writer.start(QStringLiteral(STORE_WRITER), { path });
        QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));
        if (acksBeforeKill == 0) {
            writer.kill();
            killed = true;
        }
        QTRY_VERIFY_WITH_TIMEOUT(killed || writer.state() != QProcess::Running, 30'000);
        QVERIFY2(killed, writer.readAllStandardError().constData());
        if (writer.state() != QProcess::NotRunning)
            QVERIFY(writer.waitForFinished(10'000));
        readAcks();
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

        EventReader reader;
        const StoreError opened = reader.open(path);
        if (opened && head == 0 && acknowledged.isEmpty()) {
            // Killed before the store was created, or while its schema was
            // being set up: whatever is there must still be a sound file.
            if (QFileInfo::exists(path)) {
                SqliteConnection connection;
                QVERIFY(!connection.open(path, SqliteConnection::Mode::ReadWrite));
                QCOMPARE(connection.integrityCheck().value(), u"ok"_s);
            }
            continue;
        }
        QVERIFY2(!opened, qPrintable(opened.value_or(QString())));
        SqliteConnection checker;
        QVERIFY(!checker.open(path, SqliteConnection::Mode::ReadOnly));
        const StoreResult<QString> integrity = checker.integrityCheck();
        QVERIFY2(integrity, qPrintable(integrity.error()));
        QCOMPARE(integrity.value(), u"ok"_s);
        const StoreResult<VerifyReport> report = ChainVerifier::verify(reader.events());
        QVERIFY2(report, qPrintable(report.error()));
        QVERIFY2(
            report->intact(),
            qPrintable(u"kill %1: event %2: %3"_s.arg(kill).arg(report->brokenSequence).arg(report->detail)));
        QVERIFY(report->headSequence >= head);

        // The chain verifying means events 1..head are all there, so every
        // acknowledged sequence must be at most the head; each one must
        // also be new in this run.
        for (qint64 sequence : std::as_const(acknowledged)) {
            QVERIFY2(sequence > head && sequence <= report->headSequence,
                     qPrintable(u"kill %1: acknowledged %2, but the log holds %3 to %4"_s.arg(kill)
                                    .arg(sequence)
                                    .arg(head + 1)
                                    .arg(report->headSequence)));
        }
        if (!acknowledged.isEmpty())
            QVERIFY(reader.events().event(acknowledged.last()));
        totalAcknowledged += acknowledged.size();
        head = report->headSequence;
        reader.close();
        checker.close();

        // The full-text index is part of the same file and must be sound too.
        SqliteConnection connection;
        QVERIFY(!connection.open(path, SqliteConnection::Mode::ReadWrite));
        const StoreError ftsCheck =
            connection.exec("INSERT INTO events_fts (events_fts) VALUES ('integrity-check')");
        QVERIFY2(!ftsCheck, qPrintable(ftsCheck.value_or(QString())));
    }
    qInfo() << kills << "kills," << totalAcknowledged << "acknowledged events, all present; log holds"
            << head;
    QVERIFY(totalAcknowledged > 0);
}

QTEST_GUILESS_MAIN(TestStoreDurability)
#include "tst_storedurability.moc"
