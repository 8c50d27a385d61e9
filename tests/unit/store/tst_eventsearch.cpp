// SPDX-License-Identifier: GPL-3.0-or-later
#include "storetestsupport.h"

#include "store/eventreader.h"
#include "store/eventstore.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace delegate;
using namespace Qt::StringLiterals;

class TestEventSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void findsNewestFirstWithSnippet();
    void pagesWithOffset();
    void pagesWithKeyset();
    void matchesKindAndNestedText();
    void indexCatchesUpWhenIdle();
    void fromWords_data();
    void fromWords();
    void invalidSyntaxIsAnError();

private:
    EventStoreOptions options(std::chrono::milliseconds idle = std::chrono::milliseconds(0)) const
    {
        EventStoreOptions options;
        options.path = m_path;
        options.indexIdleDelay = idle;
        return options;
    }
    StoreResult<SearchPage> search(const QString &words, int limit = 20, int offset = 0, qint64 before = 0);
    // 25 events mention "parser"; 15 others do not.
    void fill(EventStore &store, bool waitForIndex = true);

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_path;
};

void TestEventSearch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const std::optional<QString> error = test::TestStores::instance().start();
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
}

void TestEventSearch::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QString error;
    m_path = test::TestStores::instance().newStore(*m_directory, u"store.db"_s, &error);
    QVERIFY2(!m_path.isEmpty(), qPrintable(error));
}

StoreResult<SearchPage> TestEventSearch::search(const QString &words, int limit, int offset, qint64 before)
{
    EventReader reader;
    if (auto error = reader.open(m_path, 2))
        return StoreResult<SearchPage>::failure(*error);
    SearchRequest request;
    request.query = SearchRequest::fromWords(words);
    request.limit = limit;
    request.offset = offset;
    request.beforeSequence = before;
    return reader.events().search(request);
}

void TestEventSearch::fill(EventStore &store, bool waitForIndex)
{
    for (int i = 1; i <= 40; ++i) {
        const QString text = i % 8 < 5 ? u"step %1: the parser loop reads the file"_s.arg(i)
                                       : u"step %1: nothing to see"_s.arg(i);
        store.post(
            EventDraft { u"run-1"_s, u"agent"_s, u"agent.message"_s, QJsonObject { { u"text"_s, text } } });
    }
    QVERIFY(store.waitUntilDurable(40, QDeadlineTimer(30'000)));
    if (waitForIndex)
        QVERIFY(store.waitForIndexed(40, QDeadlineTimer(30'000)));
}

void TestEventSearch::findsNewestFirstWithSnippet()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    fill(store);
    if (QTest::currentTestFailed())
        return;
    const StoreResult<SearchPage> page = search(u"parser"_s, 5);
    QVERIFY2(page, qPrintable(page.error()));
    QCOMPARE(page->hits.size(), 5);
    QVERIFY(page->hasMore);
    QCOMPARE(page->unindexed, 0);
    // 36..40: i % 8 in {4, 5, 6, 7, 0} -> only 36 and 40 mention the parser.
    QCOMPARE(page->hits.at(0).event.sequence, 40);
    QCOMPARE(page->hits.at(1).event.sequence, 36);
    QCOMPARE(page->hits.at(2).event.sequence, 35);
    QVERIFY2(page->hits.at(0).snippet.contains(u"the [parser] loop"_s), qPrintable(page->hits.at(0).snippet));
    QCOMPARE(page->hits.at(0).event.payload.value("text"_L1).toString(),
             u"step 40: the parser loop reads the file"_s);
    QVERIFY(!page->hits.at(0).event.hash.isEmpty());
}

void TestEventSearch::pagesWithOffset()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    fill(store);
    if (QTest::currentTestFailed())
        return;
    std::set<qint64> seen;
    qint64 previous = std::numeric_limits<qint64>::max();
    const QList<std::pair<int, bool>> expected { { 10, true }, { 10, true }, { 5, false } };
    for (int page = 0; page < 3; ++page) {
        const StoreResult<SearchPage> result = search(u"parser"_s, 10, page * 10);
        QVERIFY(result);
        QCOMPARE(result->hits.size(), expected.at(page).first);
        QCOMPARE(result->hasMore, expected.at(page).second);
        for (const SearchHit &hit : result->hits) {
            QVERIFY(hit.event.sequence < previous);
            previous = hit.event.sequence;
            seen.insert(hit.event.sequence);
        }
    }
    QCOMPARE(seen.size(), size_t(25));
    QCOMPARE(search(u"parser"_s, 10, 30)->hits.size(), 0);
}

void TestEventSearch::pagesWithKeyset()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    fill(store);
    if (QTest::currentTestFailed())
        return;
    const StoreResult<SearchPage> first = search(u"parser"_s, 10);
    const qint64 last = first->hits.last().event.sequence;
    const StoreResult<SearchPage> next = search(u"parser"_s, 10, 0, last);
    QVERIFY(next);
    QCOMPARE(next->hits.size(), 10);
    QVERIFY(next->hits.first().event.sequence < last);
    QCOMPARE(next->hits.first().event.sequence, search(u"parser"_s, 10, 10)->hits.first().event.sequence);
}

void TestEventSearch::matchesKindAndNestedText()
{
    EventStore store;
    QVERIFY(!store.open(options()));
    store.appendAndWait(
        EventDraft { u"run-1"_s, u"agent"_s, u"tool.call"_s,
                     QJsonObject { { u"tool"_s, u"read_file"_s },
                                   { u"arguments"_s, QJsonObject { { u"path"_s, u"src/Zebra.cpp"_s } } },
                                   { u"count"_s, 3 } } });
    const AppendResult last = store.appendAndWait(EventDraft { QString(), u"system"_s, u"run.state_changed"_s,
                                                               QJsonObject { { u"to"_s, u"running"_s } } });
    QVERIFY(store.waitForIndexed(last.sequence, QDeadlineTimer(30'000)));
    QCOMPARE(search(u"zebra"_s)->hits.size(), 1);
    QCOMPARE(search(u"tool.call"_s)->hits.size(), 1);
    QCOMPARE(search(u"run.state_changed"_s)->hits.first().event.sequence, 2);
    QCOMPARE(search(u"zeb*"_s)->hits.size(), 1);
    QCOMPARE(search(u"zebra OR running"_s)->hits.size(), 2);
    QCOMPARE(search(u"zebra running"_s)->hits.size(), 0);
}

void TestEventSearch::indexCatchesUpWhenIdle()
{
    {
        // An hour of idle delay: the writer never gets round to indexing.
        EventStore store;
        QVERIFY(!store.open(options(std::chrono::hours(1))));
        fill(store, false);
    }
    const StoreResult<SearchPage> before = search(u"parser"_s);
    QVERIFY(before);
    QCOMPARE(before->hits.size(), 0);
    QCOMPARE(before->unindexed, 40);

    EventStore store;
    QVERIFY(!store.open(options()));
    QVERIFY(store.waitForIndexed(40, QDeadlineTimer(30'000)));
    const StoreResult<SearchPage> after = search(u"parser"_s, 100);
    QCOMPARE(after->hits.size(), 25);
    QCOMPARE(after->unindexed, 0);
}

void TestEventSearch::fromWords_data()
{
    QTest::addColumn<QString>("words");
    QTest::addColumn<QString>("query");
    QTest::addRow("plain") << u"parser loop"_s << uR"("parser" "loop")"_s;
    QTest::addRow("dotted") << u"run.state_changed"_s << uR"("run.state_changed")"_s;
    QTest::addRow("prefix") << u"pars*"_s << uR"("pars"*)"_s;
    QTest::addRow("operators kept") << u"a OR b NOT c"_s << uR"("a" OR "b" NOT "c")"_s;
    QTest::addRow("stray operators are words") << u"OR a AND"_s << uR"("OR" "a" "AND")"_s;
    QTest::addRow("double operator") << u"a OR OR b"_s << uR"("a" OR "OR" "b")"_s;
    QTest::addRow("quotes escaped") << uR"(say "hi")"_s << uR"("say" """hi""")"_s;
    QTest::addRow("lower-case or is a word") << u"this or that"_s << uR"("this" "or" "that")"_s;
}

void TestEventSearch::fromWords()
{
    QFETCH(QString, words);
    QFETCH(QString, query);
    QCOMPARE(SearchRequest::fromWords(words), query);
}

void TestEventSearch::invalidSyntaxIsAnError()
{
    QVERIFY(!test::appendChain(m_path, test::numberedEntries(3)));
    EventReader reader;
    QVERIFY(!reader.open(m_path, 2));
    SearchRequest request;
    request.query = u"AND ("_s;
    const StoreResult<SearchPage> result = reader.events().search(request);
    QVERIFY(!result);
    QVERIFY2(result.error().contains(u"syntax error"_s), qPrintable(result.error()));
}

QTEST_GUILESS_MAIN(TestEventSearch)
#include "tst_eventsearch.moc"
