// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/postgressearchquery.h"
#include "store/search.h"
#include "store/searchtext.h"

#include <QTest>

using namespace delegate;
using namespace Qt::StringLiterals;

// How search queries (FTS5 syntax) become PostgreSQL tsqueries, and how
// text is normalised for both sides. The queries themselves run against a
// real server in tst_eventsearch_postgresql.
class TestPostgresSearchQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void translates_data();
    void translates();
    void refusesWhatItCannotTranslate_data();
    void refusesWhatItCannotTranslate();
    void normalizesLikeUnicode61();
    void payloadTextInDocumentOrder();
};

void TestPostgresSearchQuery::translates_data()
{
    QTest::addColumn<QString>("words");
    QTest::addColumn<QString>("tsquery");
    QTest::addRow("one word") << u"parser"_s << u"'parser'"_s;
    QTest::addRow("words are all required") << u"parser loop"_s << u"('parser' & 'loop')"_s;
    QTest::addRow("dotted kind is a phrase")
        << u"run.state_changed"_s << u"('run' <-> 'state' <-> 'changed')"_s;
    QTest::addRow("prefix") << u"zeb*"_s << u"'zeb':*"_s;
    QTest::addRow("prefix of a phrase") << u"src/Zeb*"_s << u"('src' <-> 'zeb':*)"_s;
    QTest::addRow("or") << u"zebra OR running"_s << u"('zebra' | 'running')"_s;
    QTest::addRow("not binds tighter than or") << u"a OR b NOT c"_s << u"('a' | ('b' & !'c'))"_s;
    QTest::addRow("accents and case") << u"Über Café"_s << u"('uber' & 'cafe')"_s;
    QTest::addRow("quotes inside a word") << uR"(say "hi")"_s << u"('say' & 'hi')"_s;
    QTest::addRow("punctuation only matches nothing") << u"+++"_s << QString();
}

void TestPostgresSearchQuery::translates()
{
    QFETCH(QString, words);
    QFETCH(QString, tsquery);
    const StoreResult<QString> translated = PostgresSearchQuery::fromFts5(SearchRequest::fromWords(words));
    QVERIFY2(translated, qPrintable(translated.error()));
    QCOMPARE(translated.value(), tsquery);
}

void TestPostgresSearchQuery::refusesWhatItCannotTranslate_data()
{
    QTest::addColumn<QString>("query");
    QTest::addRow("open parenthesis") << u"AND ("_s;
    QTest::addRow("unclosed phrase") << uR"("parser)"_s;
    QTest::addRow("column filter") << u"kind:tool"_s;
    QTest::addRow("near") << u"NEAR(a b)"_s;
    QTest::addRow("trailing operator") << u"a OR"_s;
}

void TestPostgresSearchQuery::refusesWhatItCannotTranslate()
{
    QFETCH(QString, query);
    const StoreResult<QString> translated = PostgresSearchQuery::fromFts5(query);
    QVERIFY(!translated);
    QVERIFY2(translated.error().startsWith(u"syntax error"_s), qPrintable(translated.error()));
}

void TestPostgresSearchQuery::normalizesLikeUnicode61()
{
    QCOMPARE(SearchText::normalize(u"run.state_changed"_s), u"run state changed"_s);
    QCOMPARE(SearchText::normalize(u"  Ärger über src/Zebra.cpp!  "_s), u"arger uber src zebra cpp"_s);
    QCOMPARE(SearchText::normalize(u"step 40: ok"_s), u"step 40 ok"_s);
}

void TestPostgresSearchQuery::payloadTextInDocumentOrder()
{
    QCOMPARE(SearchText::ofPayload(R"({"a":"one","b":{"c":["two",3,"three"]},"d":true})"),
             u"one two three"_s);
    QCOMPARE(SearchText::ofPayload("not json"), u"not json"_s);
}

QTEST_GUILESS_MAIN(TestPostgresSearchQuery)
#include "tst_postgressearchquery.moc"
