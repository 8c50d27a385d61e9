// SPDX-License-Identifier: GPL-3.0-or-later
#include "historytestdata.h"

#include "store/eventreader.h"
#include "store/eventstore.h"
#include "store/historyquery.h"
#include "store/sqliteconnection.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace delegate;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(delegate::HistoryFilter)

class TestHistoryQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void pagesCoverEveryEventOnce_data();
    void pagesCoverEveryEventOnce();
    void filters_data();
    void filters();
    void searchesWithFilters();
    void aShortScanLimitStillFindsEverything();
    void runFilterIncludesEventsNotIndexedYet();
    void offersFacets();
    void upgradeDerivesAttributesOfIndexedEvents();
    void filterJsonRoundTrips();
    void filterJsonErrorsNameTheField_data();
    void filterJsonErrorsNameTheField();

private:
    // Sequences of every event the request selects, page by page.
    QList<qint64> collect(HistoryRequest request, int *pages = nullptr);
    // Sequences of the entries the predicate keeps, in the given order.
    QList<qint64> expected(const std::function<bool(const test::ChainEntry &)> &keep,
                           bool oldestFirst = false) const;

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_path;
    QList<test::ChainEntry> m_entries;
};

void TestHistoryQuery::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestHistoryQuery::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    m_path = m_directory->filePath(u"store.db"_s);
    m_entries = test::historyEntries();
    const StoreError error = test::appendChain(m_path, m_entries);
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
    // The writer indexes what it finds when idle, as the engine's does.
    EventStore store;
    EventStoreOptions options;
    options.path = m_path;
    options.indexIdleDelay = std::chrono::milliseconds(0);
    QVERIFY(!store.open(options));
    QVERIFY(store.waitForIndexed(m_entries.size(), QDeadlineTimer(30'000)));
}

QList<qint64> TestHistoryQuery::collect(HistoryRequest request, int *pages)
{
    EventReader reader;
    if (auto error = reader.open(m_path)) {
        qWarning() << *error;
        return {};
    }
    HistoryQuery query(*reader.sqliteConnection(), reader.events());
    QList<qint64> sequences;
    int count = 0;
    for (;;) {
        const StoreResult<HistoryPage> page = query.page(request);
        if (!page) {
            qWarning() << page.error();
            return {};
        }
        ++count;
        for (const SearchHit &hit : page->entries)
            sequences.append(hit.event.sequence);
        if (!page->hasMore || count > 1000)
            break;
        request.cursor = page->nextCursor;
    }
    if (pages)
        *pages = count;
    return sequences;
}

QList<qint64> TestHistoryQuery::expected(const std::function<bool(const test::ChainEntry &)> &keep,
                                         bool oldestFirst) const
{
    QList<qint64> sequences;
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (keep(m_entries.at(i)))
            sequences.append(i + 1);
    }
    if (!oldestFirst)
        std::reverse(sequences.begin(), sequences.end());
    return sequences;
}

void TestHistoryQuery::pagesCoverEveryEventOnce_data()
{
    QTest::addColumn<bool>("oldestFirst");
    QTest::addColumn<int>("limit");
    QTest::addRow("newest first, 7 a page") << false << 7;
    QTest::addRow("oldest first, 7 a page") << true << 7;
    QTest::addRow("newest first, one page") << false << 500;
}

void TestHistoryQuery::pagesCoverEveryEventOnce()
{
    QFETCH(bool, oldestFirst);
    QFETCH(int, limit);
    HistoryRequest request;
    request.oldestFirst = oldestFirst;
    request.limit = limit;
    int pages = 0;
    const QList<qint64> all = collect(request, &pages);
    QCOMPARE(all, expected([](const test::ChainEntry &) { return true; }, oldestFirst));
    QCOMPARE(pages, (int(m_entries.size()) + limit - 1) / limit + (m_entries.size() % limit == 0 ? 1 : 0));
}

void TestHistoryQuery::filters_data()
{
    using Keep = std::function<bool(const test::ChainEntry &)>;
    QTest::addColumn<HistoryFilter>("filter");
    QTest::addColumn<Keep>("keep");
    const auto runA = [](const test::ChainEntry &e) {
        return e.runId == "run-a"_L1;
    };
    const auto runB = [](const test::ChainEntry &e) {
        return e.runId == "run-b"_L1;
    };
    HistoryFilter filter;

    filter = {};
    filter.kinds = { u"tool.call"_s };
    QTest::addRow("kind") << filter
                          << Keep([](const test::ChainEntry &e) { return e.kind == "tool.call"_L1; });
    filter = {};
    filter.kinds = { u"checkpoint.*"_s, u"engine.started"_s };
    QTest::addRow("kind prefix and exact") << filter << Keep([](const test::ChainEntry &e) {
        return e.kind.startsWith("checkpoint."_L1) || e.kind == "engine.started"_L1;
    });
    filter = {};
    filter.actor = u"user:ada"_s;
    QTest::addRow("actor") << filter
                           << Keep([](const test::ChainEntry &e) { return e.actor == "user:ada"_L1; });
    filter = {};
    filter.runId = u"run-b"_s;
    QTest::addRow("run") << filter << Keep(runB);
    filter = {};
    filter.skill = u"fix-tests"_s;
    QTest::addRow("skill") << filter << Keep(runA);
    filter = {};
    filter.agent = u"claude-code"_s;
    QTest::addRow("agent runtime") << filter << Keep(runB);
    filter = {};
    filter.agent = u"builtin/gpt-4o"_s;
    QTest::addRow("agent runtime and model") << filter << Keep(runA);
    filter = {};
    filter.agent = u"builtin/gpt"_s;
    QTest::addRow("agent is not a text prefix")
        << filter << Keep([](const test::ChainEntry &) { return false; });
    filter = {};
    filter.environment = u"ssh-build"_s;
    QTest::addRow("environment") << filter << Keep(runB);
    filter = {};
    filter.taskTitle = u"FLAKY"_s;
    QTest::addRow("task title, any case") << filter << Keep(runA);
    filter = {};
    filter.taskTitle = u"100%"_s;
    QTest::addRow("task title with a LIKE wildcard")
        << filter << Keep([](const test::ChainEntry &) { return false; });
    filter = {};
    filter.states = { u"waiting_for_human"_s };
    QTest::addRow("run state (the latest)") << filter << Keep(runB);
    filter = {};
    filter.states = { u"running"_s };
    QTest::addRow("a state the runs left") << filter << Keep([](const test::ChainEntry &) { return false; });
    filter = {};
    filter.sinceMs = m_entries.at(10).timeMs;
    filter.untilMs = m_entries.at(20).timeMs;
    const qint64 since = *filter.sinceMs;
    const qint64 until = *filter.untilMs;
    QTest::addRow("time range") << filter << Keep([=](const test::ChainEntry &e) {
        return e.timeMs >= since && e.timeMs < until;
    });
    filter = {};
    filter.kinds = { u"agent.message"_s };
    filter.environment = u"local-ci"_s;
    filter.sinceMs = m_entries.at(40).timeMs;
    const qint64 later = *filter.sinceMs;
    QTest::addRow("several at once") << filter << Keep([=](const test::ChainEntry &e) {
        return e.kind == "agent.message"_L1 && e.runId == "run-a"_L1 && e.timeMs >= later;
    });
}

void TestHistoryQuery::filters()
{
    QFETCH(HistoryFilter, filter);
    QFETCH(std::function<bool(const test::ChainEntry &)>, keep);
    for (const bool oldestFirst : { false, true }) {
        HistoryRequest request;
        request.filter = filter;
        request.limit = 5;
        request.oldestFirst = oldestFirst;
        QCOMPARE(collect(request), expected(keep, oldestFirst));
    }
}

void TestHistoryQuery::searchesWithFilters()
{
    HistoryRequest request;
    request.query = SearchRequest::fromWords(u"parser"_s);
    request.limit = 4;
    QCOMPARE(collect(request), expected([](const test::ChainEntry &e) {
                 return e.payload.value("text"_L1).toString().contains("parser"_L1)
                     || e.payload.value("run"_L1)
                            .toObject()
                            .value("task"_L1)
                            .toObject()
                            .value("title"_L1)
                            .toString()
                            .contains("parser"_L1);
             }));
    request.filter.runId = u"run-b"_s;
    QCOMPARE(collect(request), expected([](const test::ChainEntry &e) {
                 return e.runId == "run-b"_L1 && e.payload.value("text"_L1).toString().contains("parser"_L1);
             }));

    EventReader reader;
    QVERIFY(!reader.open(m_path));
    HistoryQuery query(*reader.sqliteConnection(), reader.events());
    const StoreResult<HistoryPage> page = query.page(request);
    QVERIFY(page);
    QVERIFY(!page->entries.isEmpty());
    QVERIFY2(page->entries.first().snippet.contains(u"[parser]"_s),
             qPrintable(page->entries.first().snippet));

    request.query = u"\"unbalanced"_s;
    const StoreResult<HistoryPage> broken = query.page(request);
    QVERIFY(!broken);
}

void TestHistoryQuery::aShortScanLimitStillFindsEverything()
{
    // A rare kind with a scan limit of one sequence: every page is short,
    // often empty, and says where to go on; together they find it all.
    HistoryRequest request;
    request.filter.kinds = { u"checkpoint.decided"_s, u"engine.started"_s };
    request.scanLimit = 1;
    int pages = 0;
    QCOMPARE(collect(request, &pages), expected([](const test::ChainEntry &e) {
                 return e.kind == "checkpoint.decided"_L1 || e.kind == "engine.started"_L1;
             }));
    QVERIFY2(pages > 2, qPrintable(QString::number(pages)));
    request.oldestFirst = true;
    request.query = SearchRequest::fromWords(u"parser"_s);
    request.filter = {};
    QCOMPARE(collect(request),
             expected(
                 [](const test::ChainEntry &e) {
                     return e.payload.value("text"_L1).toString().contains("parser"_L1)
                         || e.payload.value("run"_L1)
                                .toObject()
                                .value("task"_L1)
                                .toObject()
                                .value("title"_L1)
                                .toString()
                                .contains("parser"_L1);
                 },
                 true));
}

void TestHistoryQuery::runFilterIncludesEventsNotIndexedYet()
{
    // Appended without the writer, so nothing indexes them.
    QList<test::ChainEntry> more;
    for (int i = 0; i < 3; ++i)
        more.append(test::ChainEntry { m_entries.constLast().timeMs + 1000 * (i + 1), u"run-a"_s,
                                       u"agent.message"_s, QJsonObject { { u"text"_s, u"late"_s } },
                                       u"agent"_s });
    QVERIFY(!test::appendChain(m_path, more));
    m_entries += more;

    HistoryRequest request;
    request.filter.runId = u"run-a"_s;
    request.limit = 4;
    QCOMPARE(collect(request), expected([](const test::ChainEntry &e) { return e.runId == "run-a"_L1; }));
    request.oldestFirst = true;
    QCOMPARE(collect(request),
             expected([](const test::ChainEntry &e) { return e.runId == "run-a"_L1; }, true));

    EventReader reader;
    QVERIFY(!reader.open(m_path));
    HistoryQuery query(*reader.sqliteConnection(), reader.events());
    const StoreResult<HistoryPage> page = query.page(request);
    QVERIFY(page);
    QCOMPARE(page->unindexed, 3);
}

void TestHistoryQuery::offersFacets()
{
    EventReader reader;
    QVERIFY(!reader.open(m_path));
    HistoryQuery query(*reader.sqliteConnection(), reader.events());
    const StoreResult<HistoryFacets> facets = query.facets();
    QVERIFY2(facets, qPrintable(facets.error()));
    QCOMPARE(
        facets->kinds,
        (QStringList { u"agent.message"_s, u"checkpoint.decided"_s, u"checkpoint.opened"_s,
                       u"engine.started"_s, u"run.state_changed"_s, u"run.submitted"_s, u"tool.call"_s }));
    QCOMPARE(facets->actors, (QStringList { u"agent"_s, u"system"_s, u"user:ada"_s, u"user:bob"_s }));
    QCOMPARE(facets->skills, QStringList { u"fix-tests"_s });
    QCOMPARE(facets->agents, (QStringList { u"builtin/gpt-4o"_s, u"claude-code/sonnet"_s }));
    QCOMPARE(facets->environments, (QStringList { u"local-ci"_s, u"ssh-build"_s }));
    QCOMPARE(facets->tasks, (QStringList { u"Diagnose build timeout"_s, u"Fix flaky parser test"_s }));
}

void TestHistoryQuery::upgradeDerivesAttributesOfIndexedEvents()
{
    // A store at version 4 whose indexer had reached every event: the step
    // to version 5 derives the runs' attributes and the facets from them.
    const QString path = m_directory->filePath(u"old.db"_s);
    QVERIFY(!test::appendChain(path, m_entries, 4));
    QVERIFY(!test::execSql(path, "UPDATE events_fts_state SET indexed_seq = (SELECT max(seq) FROM events)"));
    {
        SqliteConnection connection;
        QVERIFY(!connection.open(path, SqliteConnection::Mode::ReadWrite));
        const StoreError migrated = Migrations::migrate(connection);
        QVERIFY2(!migrated, qPrintable(migrated.value_or(QString())));
    }
    EventReader reader;
    QVERIFY(!reader.open(path));
    HistoryQuery query(*reader.sqliteConnection(), reader.events());
    const StoreResult<HistoryFacets> facets = query.facets();
    QVERIFY(facets);
    QCOMPARE(facets->environments, (QStringList { u"local-ci"_s, u"ssh-build"_s }));
    QCOMPARE(facets->actors, (QStringList { u"agent"_s, u"system"_s, u"user:ada"_s, u"user:bob"_s }));
    HistoryRequest request;
    request.filter.states = { u"completed"_s };
    request.limit = 500;
    const StoreResult<HistoryPage> page = query.page(request);
    QVERIFY(page);
    QCOMPARE(page->entries.size(),
             expected([](const test::ChainEntry &e) { return e.runId == "run-a"_L1; }).size());
}

void TestHistoryQuery::filterJsonRoundTrips()
{
    HistoryFilter filter;
    filter.sinceMs = 1'714'564'800'123;
    filter.untilMs = 1'714'564'900'000;
    filter.runId = u"run-a"_s;
    filter.taskTitle = u"parser"_s;
    filter.skill = u"fix-tests"_s;
    filter.agent = u"builtin"_s;
    filter.environment = u"local-ci"_s;
    filter.states = { u"completed"_s, u"failed"_s };
    filter.kinds = { u"checkpoint.*"_s };
    filter.actor = u"user:ada"_s;
    QString error;
    const std::optional<HistoryFilter> back = HistoryFilter::fromJson(filter.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(*back, filter);
    QVERIFY(HistoryFilter {}.isEmpty());
    QVERIFY(!filter.isEmpty());
}

void TestHistoryQuery::filterJsonErrorsNameTheField_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("unknown key") << QJsonObject { { u"kinds"_s, u"x"_s } } << u"filter.kinds"_s;
    QTest::addRow("bad time") << QJsonObject { { u"since"_s, u"yesterday"_s } } << u"filter.since"_s;
    QTest::addRow("bad state") << QJsonObject { { u"state"_s, u"done"_s } } << u"filter.state 'done'"_s;
    QTest::addRow("bad kind") << QJsonObject { { u"kind"_s, u"has space"_s } } << u"filter.kind"_s;
    QTest::addRow("bad actor") << QJsonObject { { u"actor"_s, u"ada"_s } } << u"user:<name>"_s;
    QTest::addRow("until before since") << QJsonObject { { u"since"_s, u"2024-05-02T00:00:00Z"_s },
                                                         { u"until"_s, u"2024-05-01T00:00:00Z"_s } }
                                        << u"filter.until"_s;
}

void TestHistoryQuery::filterJsonErrorsNameTheField()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!HistoryFilter::fromJson(json, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestHistoryQuery)
#include "tst_historyquery.moc"
