// SPDX-License-Identifier: GPL-3.0-or-later
#include "flakinessreport.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace delegate {

void FlakinessReport::addRun(const QList<TestCaseResult> &results, int exitCode)
{
    ++m_runs;
    m_exitCodes.append(exitCode);
    QList<bool> seen(m_tests.size(), false);
    for (const TestCaseResult &result : results) {
        auto it = std::find_if(m_tests.begin(), m_tests.end(),
                               [&](const Accumulator &a) { return a.stats.name == result.name; });
        if (it == m_tests.end()) {
            Accumulator fresh;
            fresh.stats.name = result.name;
            fresh.stats.missing = m_runs - 1; // it was absent from the earlier runs
            m_tests.append(fresh);
            seen.append(false);
            it = m_tests.end() - 1;
        }
        seen[it - m_tests.begin()] = true;
        TestStats &stats = it->stats;
        switch (result.outcome) {
        case TestCaseResult::Outcome::Passed:
            ++stats.passed;
            break;
        case TestCaseResult::Outcome::Failed:
            ++stats.failed;
            if (!result.detail.isEmpty())
                stats.lastFailure = result.detail;
            break;
        case TestCaseResult::Outcome::Skipped:
            ++stats.skipped;
            break;
        }
        if (result.seconds) {
            ++it->timed;
            it->totalSeconds += *result.seconds;
            stats.meanSeconds = it->totalSeconds / it->timed;
            stats.maxSeconds = std::max(stats.maxSeconds, *result.seconds);
        }
    }
    for (qsizetype i = 0; i < seen.size(); ++i) {
        if (!seen.at(i))
            ++m_tests[i].stats.missing;
    }
}

QList<FlakinessReport::TestStats> FlakinessReport::tests() const
{
    QList<TestStats> all;
    for (const Accumulator &accumulator : m_tests)
        all.append(accumulator.stats);
    auto rank = [](const TestStats &stats) {
        return stats.isFlaky() ? 0 : stats.alwaysFails() ? 1 : 2;
    };
    std::stable_sort(all.begin(), all.end(), [&](const TestStats &a, const TestStats &b) {
        if (rank(a) != rank(b))
            return rank(a) < rank(b);
        if (a.failed != b.failed)
            return a.failed > b.failed;
        return a.name < b.name;
    });
    return all;
}

QList<FlakinessReport::TestStats> FlakinessReport::flakyTests() const
{
    QList<TestStats> flaky;
    for (const TestStats &stats : tests()) {
        if (stats.isFlaky())
            flaky.append(stats);
    }
    return flaky;
}

QString FlakinessReport::toMarkdown(const QString &command) const
{
    const QList<TestStats> all = tests();
    const QList<TestStats> flaky = flakyTests();
    const qsizetype failing =
        std::count_if(all.cbegin(), all.cend(), [](const TestStats &s) { return s.alwaysFails(); });
    QString text = u"# Flaky test investigation\n\n"_s;
    text += u"Ran `%1` %2 times; %3 tests seen.\n\n"_s.arg(command).arg(m_runs).arg(all.size());
    if (flaky.isEmpty()) {
        text += u"**No flaky test found**: every test gave the same outcome in every run."_s;
    } else {
        QStringList names;
        for (const TestStats &stats : flaky)
            names.append(u"`%1` (failed %2 of %3)"_s.arg(stats.name)
                             .arg(stats.failed)
                             .arg(stats.passed + stats.failed));
        text += u"**Flaky: "_s + names.join(u", "_s) + u"**."_s;
    }
    if (failing > 0)
        text += u" %1 test(s) failed in every run."_s.arg(failing);
    text +=
        u"\n\n| test | verdict | passed | failed | skipped | mean s | max s |\n|---|---|---:|---:|---:|---:|---:|\n"_s;
    for (const TestStats &stats : all) {
        const QString verdict = stats.isFlaky() ? u"flaky"_s : stats.alwaysFails() ? u"fails"_s : u"stable"_s;
        text += u"| `%1` | %2 | %3 | %4 | %5 | %6 | %7 |\n"_s.arg(stats.name, verdict)
                    .arg(stats.passed)
                    .arg(stats.failed)
                    .arg(stats.skipped)
                    .arg(stats.meanSeconds, 0, 'f', 3)
                    .arg(stats.maxSeconds, 0, 'f', 3);
    }
    for (const TestStats &stats : flaky) {
        if (!stats.lastFailure.isEmpty())
            text += u"\n### `%1`\nLast failure:\n```\n%2\n```\n"_s.arg(stats.name, stats.lastFailure);
    }
    return text;
}

QJsonObject FlakinessReport::toJson() const
{
    QJsonArray tests;
    for (const TestStats &stats : this->tests()) {
        tests.append(QJsonObject { { u"name"_s, stats.name },
                                   { u"passed"_s, stats.passed },
                                   { u"failed"_s, stats.failed },
                                   { u"skipped"_s, stats.skipped },
                                   { u"missing"_s, stats.missing },
                                   { u"flaky"_s, stats.isFlaky() },
                                   { u"mean_seconds"_s, stats.meanSeconds },
                                   { u"max_seconds"_s, stats.maxSeconds },
                                   { u"last_failure"_s, stats.lastFailure } });
    }
    QJsonArray exitCodes;
    for (int code : m_exitCodes)
        exitCodes.append(code);
    return { { u"runs"_s, m_runs }, { u"exit_codes"_s, exitCodes }, { u"tests"_s, tests } };
}

} // namespace delegate
