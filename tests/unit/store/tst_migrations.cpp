// SPDX-License-Identifier: GPL-3.0-or-later
#include "storetestsupport.h"

#include "store/chainverifier.h"
#include "store/eventreader.h"
#include "store/eventstore.h"
#include "store/migrations.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace Qt::StringLiterals;

class TestMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void stepsAreNumberedWithoutGaps();
    void upgradesFromEveryEarlierVersion_data();
    void upgradesFromEveryEarlierVersion();
    void migratingTwiceChangesNothing();
    void refusesANewerStore();
    void refusesAForeignDatabase();
    void readerAsksForAnUpgrade();
};

void TestMigrations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const std::optional<QString> error = test::TestStores::instance().start();
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
}

void TestMigrations::stepsAreNumberedWithoutGaps()
{
    QVERIFY(Migrations::latestVersion() >= 3);
    for (int version = 1; version <= Migrations::latestVersion(); ++version)
        QVERIFY2(!Migrations::summary(version).isEmpty(), qPrintable(QString::number(version)));
}

void TestMigrations::upgradesFromEveryEarlierVersion_data()
{
    QTest::addColumn<int>("version");
    for (int version = 0; version < Migrations::latestVersion(); ++version)
        QTest::addRow("from %d", version) << version;
}

void TestMigrations::upgradesFromEveryEarlierVersion()
{
    QFETCH(int, version);
    QTemporaryDir directory;
    QString failure;
    const QString path = test::TestStores::instance().newStore(directory, u"store.db"_s, &failure);
    QVERIFY2(!path.isEmpty(), qPrintable(failure));

    // A store as a build at that version left it, with data in every table
    // that version has.
    qint64 eventsBefore = 0;
    {
        const std::unique_ptr<StoreDatabase> database = StoreDatabase::forAddress(path);
        QVERIFY(!database->open(StoreDatabase::Mode::ReadWrite));
        QVERIFY(!database->migrate(version));
        const StoreResult<int> current = database->schemaVersion();
        QVERIFY(current);
        QCOMPARE(current.value(), version);
    }
    if (version >= 1) {
        QList<test::ChainEntry> entries = test::numberedEntries(5);
        entries[2].payload.insert(u"text"_s, u"written before the upgrade"_s);
        const StoreError error = test::appendChain(path, entries, version);
        QVERIFY2(!error, qPrintable(error.value_or(QString())));
        eventsBefore = 5;
    }
    if (version >= 3) {
        QVERIFY(!test::execSql(path,
                               "INSERT INTO runs (id, task, state, created_at, updated_at) "
                               "VALUES ('run-1', '{}', 'running', 1, 2)"));
    }

    // Opening the store upgrades it; it takes appends right away.
    EventStoreOptions options;
    options.path = path;
    options.indexIdleDelay = std::chrono::milliseconds(0);
    EventStore store;
    const StoreError opened = store.open(options);
    QVERIFY2(!opened, qPrintable(opened.value_or(QString())));
    const AppendResult appended =
        store.appendAndWait(EventDraft { u"run-1"_s, u"system"_s, u"store.upgraded"_s, {} });
    QVERIFY2(appended.ok(), qPrintable(appended.error));
    QCOMPARE(appended.sequence, eventsBefore + 1);
    // Events from before the upgrade become searchable too.
    QVERIFY(store.waitForIndexed(appended.sequence, QDeadlineTimer(30'000)));
    store.close();

    EventReader reader;
    QVERIFY(!reader.open(path));
    QCOMPARE(reader.schemaVersion(), Migrations::latestVersion());
    QSqlQuery versions(reader.database().sqlDatabase());
    QVERIFY(versions.exec(u"SELECT version FROM schema_version ORDER BY version"_s));
    QList<int> applied;
    while (versions.next())
        applied.append(versions.value(0).toInt());
    QList<int> expected;
    for (int v = 1; v <= Migrations::latestVersion(); ++v)
        expected.append(v);
    QCOMPARE(applied, expected);

    const StoreResult<VerifyReport> report = ChainVerifier::verify(reader.events());
    QVERIFY(report);
    QVERIFY2(report->intact(), qPrintable(report->detail));
    QCOMPARE(report->checked, eventsBefore + 1);
    if (version >= 1) {
        const std::optional<Event> old = reader.events().event(3);
        QVERIFY(old);
        QCOMPARE(old->payload.value("text"_L1).toString(), u"written before the upgrade"_s);
        SearchRequest request;
        request.query = SearchRequest::fromWords(u"upgrade"_s);
        const StoreResult<SearchPage> found = reader.events().search(request);
        QVERIFY2(found, qPrintable(found.error()));
        QCOMPARE(found->hits.size(), 1);
        QCOMPARE(found->hits.first().event.sequence, 3);
    }
    // The index by run covers events from before and after the upgrade.
    QList<qint64> runEvents;
    EventFilter byRun;
    byRun.runId = u"run-1"_s;
    QVERIFY(!reader.events().forEach(byRun, [&runEvents](const EncodedEvent &event, QByteArrayView) {
        runEvents.append(event.sequence);
        return true;
    }));
    QCOMPARE(runEvents, version >= 1 ? QList<qint64>({ 1, 4, 6 }) : QList<qint64>({ 1 }));
    if (version >= 3) {
        QSqlQuery runs(reader.database().sqlDatabase());
        QVERIFY(runs.exec(u"SELECT state FROM runs WHERE id = 'run-1'"_s) && runs.next());
        QCOMPARE(runs.value(0).toString(), u"running"_s);
    }
}

void TestMigrations::migratingTwiceChangesNothing()
{
    QTemporaryDir directory;
    QString failure;
    const QString path = test::TestStores::instance().newStore(directory, u"store.db"_s, &failure);
    QVERIFY2(!path.isEmpty(), qPrintable(failure));
    const std::unique_ptr<StoreDatabase> database = StoreDatabase::forAddress(path);
    QVERIFY(!database->open(StoreDatabase::Mode::ReadWrite));
    QVERIFY(!database->migrate());
    QVERIFY(!database->migrate());
    QSqlQuery count(database->sqlDatabase());
    QVERIFY(count.exec(u"SELECT count(*) FROM schema_version"_s) && count.next());
    QCOMPARE(count.value(0).toInt(), Migrations::latestVersion());
}

void TestMigrations::refusesANewerStore()
{
    QTemporaryDir directory;
    QString failure;
    const QString path = test::TestStores::instance().newStore(directory, u"store.db"_s, &failure);
    QVERIFY2(!path.isEmpty(), qPrintable(failure));
    {
        const std::unique_ptr<StoreDatabase> database = StoreDatabase::forAddress(path);
        QVERIFY(!database->open(StoreDatabase::Mode::ReadWrite));
        QVERIFY(!database->migrate());
        QVERIFY(!database->execute(u"INSERT INTO schema_version VALUES (999, 0, 'from the future')"_s));
    }
    EventStore store;
    EventStoreOptions options;
    options.path = path;
    const StoreError error = store.open(options);
    QVERIFY(error);
    QVERIFY2(error->contains(u"schema version 999, newer than this build"_s), qPrintable(*error));
}

void TestMigrations::refusesAForeignDatabase()
{
    QTemporaryDir directory;
    QString failure;
    const QString path = test::TestStores::instance().newStore(directory, u"other.db"_s, &failure);
    QVERIFY2(!path.isEmpty(), qPrintable(failure));
    QVERIFY(!test::execSql(path, "CREATE TABLE contacts (name TEXT)"));
    EventStore store;
    EventStoreOptions options;
    options.path = path;
    const StoreError error = store.open(options);
    QVERIFY(error);
    QVERIFY2(error->contains(u"not a Delegate event store"_s), qPrintable(*error));
}

void TestMigrations::readerAsksForAnUpgrade()
{
    QTemporaryDir directory;
    QString failure;
    const QString path = test::TestStores::instance().newStore(directory, u"store.db"_s, &failure);
    QVERIFY2(!path.isEmpty(), qPrintable(failure));
    QVERIFY(!test::appendChain(path, test::numberedEntries(2), 1));
    EventReader reader;
    QVERIFY(!reader.open(path, 1));
    const StoreError error = reader.open(path, 2);
    QVERIFY(error);
    QVERIFY2(error->contains(u"start delegated once"_s), qPrintable(*error));
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
