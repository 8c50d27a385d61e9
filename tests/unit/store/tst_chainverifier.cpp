// SPDX-License-Identifier: GPL-3.0-or-later
#include "storetestsupport.h"

#include "store/chainverifier.h"
#include "store/eventreader.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace Qt::StringLiterals;

class TestChainVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void emptyStoreIsIntact();
    void intactChain();
    void findsTheFirstBrokenEvent_data();
    void findsTheFirstBrokenEvent();
    void triggersStopAccidentalEdits();
    void reportsProgress();

private:
    StoreResult<VerifyReport> verify(const ChainVerifier::Progress &progress = {}, qint64 interval = 65'536);

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_path;
};

void TestChainVerifier::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const std::optional<QString> error = test::TestStores::instance().start();
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
}

void TestChainVerifier::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QString error;
    m_path = test::TestStores::instance().newStore(*m_directory, u"store.db"_s, &error);
    QVERIFY2(!m_path.isEmpty(), qPrintable(error));
}

StoreResult<VerifyReport> TestChainVerifier::verify(const ChainVerifier::Progress &progress, qint64 interval)
{
    EventReader reader;
    if (auto error = reader.open(m_path))
        return StoreResult<VerifyReport>::failure(*error);
    return ChainVerifier::verify(reader.events(), progress, interval);
}

void TestChainVerifier::emptyStoreIsIntact()
{
    QVERIFY(!test::appendChain(m_path, {}));
    const StoreResult<VerifyReport> report = verify();
    QVERIFY(report);
    QVERIFY(report->intact());
    QCOMPARE(report->checked, 0);
    QCOMPARE(report->headSequence, 0);
}

void TestChainVerifier::intactChain()
{
    QVERIFY(!test::appendChain(m_path, test::numberedEntries(50)));
    const StoreResult<VerifyReport> report = verify();
    QVERIFY(report);
    QVERIFY2(report->intact(), qPrintable(report->detail));
    QCOMPARE(report->checked, 50);
    QCOMPARE(report->headSequence, 50);
    QVERIFY(Event::isValidHash(QStringView(report->headHash)));
}

void TestChainVerifier::findsTheFirstBrokenEvent_data()
{
    QTest::addColumn<QByteArray>("damage");
    QTest::addColumn<VerifyReport::Problem>("problem");
    QTest::addColumn<qint64>("sequence");
    QTest::addColumn<QString>("detail");

    QTest::addRow("payload changed") << QByteArray(
        "UPDATE events SET payload = '{\"n\":17,\"text\":\"forged\"}' "
        "WHERE seq = 17") << VerifyReport::Problem::HashMismatch
                                     << qint64(17) << u"the event was changed after it was written"_s;
    QTest::addRow("actor changed") << QByteArray("UPDATE events SET actor = 'user:mallory' WHERE seq = 4")
                                   << VerifyReport::Problem::HashMismatch << qint64(4)
                                   << u"content hashes to"_s;
    QTest::addRow("time changed") << QByteArray("UPDATE events SET time = time + 1 WHERE seq = 50")
                                  << VerifyReport::Problem::HashMismatch << qint64(50) << u"stored hash is"_s;
    // Rewriting an event together with its hash moves the break to the next
    // event, whose prev_hash still names the original.
    QTest::addRow("event and hash replaced")
        << QByteArray("UPDATE events SET kind = 'forged', hash = 'REHASH' WHERE seq = 30")
        << VerifyReport::Problem::PrevHashMismatch << qint64(31) << u"the hash of event 30 is"_s;
    QTest::addRow("row deleted") << QByteArray("DELETE FROM events WHERE seq = 23")
                                 << VerifyReport::Problem::SequenceGap << qint64(23)
                                 << u"event 23 is missing: the log goes from 22 to 24"_s;
    QTest::addRow("rows deleted") << QByteArray("DELETE FROM events WHERE seq BETWEEN 23 AND 25")
                                  << VerifyReport::Problem::SequenceGap << qint64(23)
                                  << u"events 23 to 25 are missing"_s;
    QTest::addRow("first row deleted")
        << QByteArray("DELETE FROM events WHERE seq = 1") << VerifyReport::Problem::SequenceGap << qint64(1)
        << u"event 1 is missing"_s;
    QTest::addRow("tail deleted") << QByteArray("DELETE FROM events WHERE seq >= 48")
                                  << VerifyReport::Problem::HeadMismatch << qint64(48)
                                  << u"the store recorded 50 events, but the log ends at 47"_s;
    QTest::addRow("tail and head record deleted")
        << QByteArray("DELETE FROM events WHERE seq >= 48; "
                      "UPDATE chain_head SET seq = 47, hash = (SELECT hash FROM events WHERE seq = 47)")
        << VerifyReport::Problem::None << qint64(0) << QString();
}

void TestChainVerifier::findsTheFirstBrokenEvent()
{
    QFETCH(QByteArray, damage);
    QFETCH(VerifyReport::Problem, problem);
    QFETCH(qint64, sequence);
    QFETCH(QString, detail);

    QVERIFY(!test::appendChain(m_path, test::numberedEntries(50)));
    QByteArray sql = test::dropTriggersSql() + damage;
    if (sql.contains("REHASH")) {
        // Give the forged event a hash that matches its new content.
        EventReader reader;
        QVERIFY(!reader.open(m_path));
        Event forged = *reader.events().event(30);
        forged.kind = u"forged"_s;
        sql.replace("REHASH", forged.computeHash().toLatin1());
    }
    const StoreError damaged = test::execSql(m_path, sql.constData());
    QVERIFY2(!damaged, qPrintable(damaged.value_or(QString())));

    const StoreResult<VerifyReport> report = verify();
    QVERIFY2(report, qPrintable(report.error()));
    QCOMPARE(report->problem, problem);
    QCOMPARE(report->brokenSequence, sequence);
    QVERIFY2(report->detail.contains(detail), qPrintable(report->detail));
    if (problem != VerifyReport::Problem::None && problem != VerifyReport::Problem::HeadMismatch)
        QCOMPARE(report->checked, sequence - 1);
}

void TestChainVerifier::triggersStopAccidentalEdits()
{
    QVERIFY(!test::appendChain(m_path, test::numberedEntries(3)));
    const StoreError update = test::execSql(m_path, "UPDATE events SET kind = 'x' WHERE seq = 2");
    QVERIFY(update);
    QVERIFY2(update->contains(u"append-only"_s), qPrintable(*update));
    QVERIFY(test::execSql(m_path, "DELETE FROM events WHERE seq = 2"));
    QVERIFY(verify()->intact());
}

void TestChainVerifier::reportsProgress()
{
    QVERIFY(!test::appendChain(m_path, test::numberedEntries(25)));
    QList<std::pair<qint64, qint64>> calls;
    const StoreResult<VerifyReport> report = verify(
        [&calls](qint64 checked, qint64 total) {
            calls.append({ checked, total });
        },
        10);
    QVERIFY(report && report->intact());
    const QList<std::pair<qint64, qint64>> expected { { 10, 25 }, { 20, 25 }, { 25, 25 } };
    QCOMPARE(calls, expected);
}

QTEST_GUILESS_MAIN(TestChainVerifier)
#include "tst_chainverifier.moc"
