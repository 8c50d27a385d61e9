// SPDX-License-Identifier: GPL-3.0-or-later
// Per-test outcomes read from CTest, pytest and JUnit XML, and the flakiness
// report built from repeated runs.
#include "agents/playbook/flakinessreport.h"
#include "agents/playbook/testresultparser.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;
using Outcome = TestCaseResult::Outcome;

namespace {

const QByteArray ctestOutput = R"(Test project /work/demo/build
    Start 1: parse_config
1/4 Test #1: parse_config .....................   Passed    0.01 sec
    Start 2: network_retry
2/4 Test #2: network_retry ....................***Failed    0.52 sec
    Start 3: slow_io
3/4 Test #3: slow_io ..........................***Timeout   1.50 sec
    Start 4: optional_gpu
4/4 Test #4: optional_gpu .....................***Not Run   0.00 sec

50% tests passed, 2 tests failed out of 4
)";

const QByteArray pytestVerbose =
    R"(============================= test session starts ==============================
collected 3 items

tests/test_cache.py::test_hit PASSED                                     [ 33%]
tests/test_cache.py::test_expiry FAILED                                  [ 66%]
tests/test_cache.py::test_gpu SKIPPED (no gpu)                           [100%]

=========================== short test summary info ============================
FAILED tests/test_cache.py::test_expiry - AssertionError: assert 2 == 1
==================== 1 failed, 1 passed, 1 skipped in 0.12s ====================
)";

const QByteArray pytestSummaryOnly = R"(..F
=========================== short test summary info ============================
PASSED tests/test_a.py::test_one
PASSED tests/test_a.py::test_two
FAILED tests/test_a.py::test_three - ValueError: boom
1 failed, 2 passed in 0.03s
)";

const QByteArray junitXml = R"(<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4" time="0.30">
    <testcase classname="tests.test_queue" name="test_push" time="0.010"/>
    <testcase classname="tests.test_queue" name="test_pop" time="0.200">
      <failure message="AssertionError: queue empty">Traceback (most recent call last):
  ...</failure>
    </testcase>
    <testcase classname="tests.test_queue" name="test_setup" time="0.001"><error message="fixture failed"/></testcase>
    <testcase classname="tests.test_queue" name="test_big" time="0"><skipped message="too slow"/></testcase>
  </testsuite>
</testsuites>
)";

const QByteArray unittestVerbose = R"(test_a (tests.test_x.T.test_a) ... ok
test_b (tests.test_x.T.test_b) ... FAIL
test_c (tests.test_x.T.test_c) ... skipped 'no gpu'
test_d (tests.test_x.T.test_d) ... ERROR

======================================================================
ERROR: test_d (tests.test_x.T.test_d)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/tmp/ut/tests/test_x.py", line 7, in test_d
RuntimeError: x

======================================================================
FAIL: test_b (tests.test_x.T.test_b)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/tmp/ut/tests/test_x.py", line 4, in test_b
AssertionError: 1 != 2

----------------------------------------------------------------------
Ran 4 tests in 0.001s

FAILED (failures=1, errors=1, skipped=1)
)";

} // namespace

class TestTestResultParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formats_data()
    {
        QTest::addColumn<QString>("parser");
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QList<int>>("outcomes"); // Outcome values
        QTest::addRow("ctest") << u"ctest"_s << ctestOutput
                               << QStringList { u"parse_config"_s, u"network_retry"_s, u"slow_io"_s,
                                                u"optional_gpu"_s }
                               << QList<int> { int(Outcome::Passed), int(Outcome::Failed),
                                               int(Outcome::Failed), int(Outcome::Skipped) };
        QTest::addRow("pytest -v") << u"pytest"_s << pytestVerbose
                                   << QStringList { u"tests/test_cache.py::test_hit"_s,
                                                    u"tests/test_cache.py::test_expiry"_s,
                                                    u"tests/test_cache.py::test_gpu"_s }
                                   << QList<int> { int(Outcome::Passed), int(Outcome::Failed),
                                                   int(Outcome::Skipped) };
        QTest::addRow("pytest -rA") << u"pytest"_s << pytestSummaryOnly
                                    << QStringList { u"tests/test_a.py::test_one"_s,
                                                     u"tests/test_a.py::test_two"_s,
                                                     u"tests/test_a.py::test_three"_s }
                                    << QList<int> { int(Outcome::Passed), int(Outcome::Passed),
                                                    int(Outcome::Failed) };
        QTest::addRow("junit") << u"junit"_s << junitXml
                               << QStringList { u"tests.test_queue::test_push"_s,
                                                u"tests.test_queue::test_pop"_s,
                                                u"tests.test_queue::test_setup"_s,
                                                u"tests.test_queue::test_big"_s }
                               << QList<int> { int(Outcome::Passed), int(Outcome::Failed),
                                               int(Outcome::Failed), int(Outcome::Skipped) };
        QTest::addRow("auto finds ctest")
            << u"auto"_s << ctestOutput
            << QStringList { u"parse_config"_s, u"network_retry"_s, u"slow_io"_s, u"optional_gpu"_s }
            << QList<int> { int(Outcome::Passed), int(Outcome::Failed), int(Outcome::Failed),
                            int(Outcome::Skipped) };
        QTest::addRow("auto finds junit")
            << u"auto"_s << junitXml
            << QStringList { u"tests.test_queue::test_push"_s, u"tests.test_queue::test_pop"_s,
                             u"tests.test_queue::test_setup"_s, u"tests.test_queue::test_big"_s }
            << QList<int> { int(Outcome::Passed), int(Outcome::Failed), int(Outcome::Failed),
                            int(Outcome::Skipped) };
        QTest::addRow("auto finds pytest")
            << u"auto"_s << pytestVerbose
            << QStringList { u"tests/test_cache.py::test_hit"_s, u"tests/test_cache.py::test_expiry"_s,
                             u"tests/test_cache.py::test_gpu"_s }
            << QList<int> { int(Outcome::Passed), int(Outcome::Failed), int(Outcome::Skipped) };
        QTest::addRow("unittest") << u"unittest"_s << unittestVerbose
                                  << QStringList { u"tests.test_x.T.test_a"_s, u"tests.test_x.T.test_b"_s,
                                                   u"tests.test_x.T.test_c"_s, u"tests.test_x.T.test_d"_s }
                                  << QList<int> { int(Outcome::Passed), int(Outcome::Failed),
                                                  int(Outcome::Skipped), int(Outcome::Failed) };
        QTest::addRow("auto finds unittest")
            << u"auto"_s << unittestVerbose
            << QStringList { u"tests.test_x.T.test_a"_s, u"tests.test_x.T.test_b"_s,
                             u"tests.test_x.T.test_c"_s, u"tests.test_x.T.test_d"_s }
            << QList<int> { int(Outcome::Passed), int(Outcome::Failed), int(Outcome::Skipped),
                            int(Outcome::Failed) };
        QTest::addRow("nothing recognisable")
            << u"auto"_s << QByteArray("make: *** No rule to make target") << QStringList {} << QList<int> {};
    }
    void formats()
    {
        QFETCH(QString, parser);
        QFETCH(QByteArray, output);
        QFETCH(QStringList, names);
        QFETCH(QList<int>, outcomes);
        const auto results = testresults::parse(parser, output);
        QVERIFY(results);
        QStringList parsedNames;
        QList<int> parsedOutcomes;
        for (const TestCaseResult &result : *results) {
            parsedNames.append(result.name);
            parsedOutcomes.append(int(result.outcome));
        }
        QCOMPARE(parsedNames, names);
        QCOMPARE(parsedOutcomes, outcomes);
    }

    void detailsAndDurations()
    {
        const QList<TestCaseResult> junit = testresults::parseJUnitXml(junitXml);
        QCOMPARE(junit.at(1).detail, u"AssertionError: queue empty"_s);
        QCOMPARE(*junit.at(1).seconds, 0.2);
        const QList<TestCaseResult> pytest = testresults::parsePytestOutput(pytestVerbose);
        QCOMPARE(pytest.at(1).detail, u"AssertionError: assert 2 == 1"_s);
        const QList<TestCaseResult> ctest = testresults::parseCTestOutput(ctestOutput);
        QCOMPARE(*ctest.at(1).seconds, 0.52);
        QVERIFY(!testresults::parse(u"nunit"_s, {}));
        const QList<TestCaseResult> unittest = testresults::parseUnittestOutput(unittestVerbose);
        QCOMPARE(unittest.at(1).detail, u"AssertionError: 1 != 2"_s);
        QCOMPARE(unittest.at(3).detail, u"RuntimeError: x"_s);
    }

    void brokenXmlIsReported()
    {
        QString error;
        testresults::parseJUnitXml("<testsuite><testcase name=\"a\">", &error);
        QVERIFY(error.contains(u"JUnit XML"_s));
    }

    void flakinessOverRuns()
    {
        FlakinessReport report;
        auto run = [](Outcome network, Outcome cache, double seconds) {
            return QList<TestCaseResult> { { u"parse_config"_s, Outcome::Passed, 0.01, {} },
                                           { u"network_retry"_s, network, seconds,
                                             network == Outcome::Failed ? u"timeout"_s : QString() },
                                           { u"cache_expiry"_s, cache, 0.1, {} } };
        };
        report.addRun(run(Outcome::Passed, Outcome::Failed, 0.5), 1);
        report.addRun(run(Outcome::Failed, Outcome::Failed, 1.5), 1);
        report.addRun(run(Outcome::Passed, Outcome::Failed, 1.0), 1);
        report.addRun({ { u"parse_config"_s, Outcome::Passed, 0.01, {} } }, 1); // a run that crashed early

        QCOMPARE(report.runs(), 4);
        const auto flaky = report.flakyTests();
        QCOMPARE(flaky.size(), 1);
        QCOMPARE(flaky.at(0).name, u"network_retry"_s);
        QCOMPARE(flaky.at(0).passed, 2);
        QCOMPARE(flaky.at(0).failed, 1);
        QCOMPARE(flaky.at(0).missing, 1);
        QCOMPARE(flaky.at(0).meanSeconds, 1.0);
        QCOMPARE(flaky.at(0).maxSeconds, 1.5);
        QCOMPARE(flaky.at(0).lastFailure, u"timeout"_s);

        const auto all = report.tests();
        QCOMPARE(all.at(0).name, u"network_retry"_s); // flaky first
        QCOMPARE(all.at(1).name, u"cache_expiry"_s); // then always failing
        QVERIFY(all.at(1).alwaysFails());

        const QString markdown = report.toMarkdown(u"ctest"_s);
        QVERIFY(markdown.contains(u"**Flaky: `network_retry` (failed 1 of 3)**"_s));
        QVERIFY(markdown.contains(u"failed in every run"_s));
        QCOMPARE(report.toJson().value("tests"_L1).toArray().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestTestResultParser)
#include "tst_testresultparser.moc"
