// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "testresultparser.h"

#include <QJsonObject>
#include <QList>

namespace delegate {

// Per-test outcomes over repeated runs of the same test command: which tests
// flip between passing and failing, which always fail, and how long each
// takes.
class FlakinessReport final
{
public:
    struct TestStats
    {
        QString name;
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int missing = 0; // runs in which the test did not appear at all
        double meanSeconds = 0;
        double maxSeconds = 0;
        QString lastFailure;

        bool isFlaky() const { return passed > 0 && failed > 0; }
        bool alwaysFails() const { return failed > 0 && passed == 0; }
        double failureRate() const
        {
            return passed + failed == 0 ? 0.0 : double(failed) / double(passed + failed);
        }
    };

    void addRun(const QList<TestCaseResult> &results, int exitCode);

    int runs() const { return m_runs; }
    // Flaky tests first (most failures first), then always-failing, then the rest by name.
    QList<TestStats> tests() const;
    QList<TestStats> flakyTests() const;

    QString toMarkdown(const QString &command) const;
    QJsonObject toJson() const;

private:
    struct Accumulator
    {
        TestStats stats;
        int timed = 0;
        double totalSeconds = 0;
    };

    int m_runs = 0;
    QList<int> m_exitCodes;
    QList<Accumulator> m_tests; // in first-seen order
};

} // namespace delegate
