// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace delegate {

// One test's outcome in one run of a test command.
struct TestCaseResult
{
    enum class Outcome { Passed, Failed, Skipped };

    QString name; // suite-qualified where the format has suites
    Outcome outcome = Outcome::Passed;
    std::optional<double> seconds;
    QString detail; // the failure message, first lines

    friend bool operator==(const TestCaseResult &, const TestCaseResult &) = default;
};

// Reads per-test outcomes from what test runners print or write.
//   junit   JUnit XML (pytest --junitxml, ctest --output-junit, gradle, maven …)
//   ctest   CTest's console output
//   pytest  pytest's console output (-v lines or the -rA summary)
//   unittest  Python unittest's verbose output (python3 -m unittest -v)
//   auto    the first of the above that recognises the text
namespace testresults {

QList<TestCaseResult> parseJUnitXml(const QByteArray &xml, QString *error = nullptr);
QList<TestCaseResult> parseCTestOutput(const QByteArray &output);
QList<TestCaseResult> parsePytestOutput(const QByteArray &output);
QList<TestCaseResult> parseUnittestOutput(const QByteArray &output);

// parser is one of the names above; unknown names return nullopt.
std::optional<QList<TestCaseResult>> parse(const QString &parser, const QByteArray &output);
QStringList parserNames();

} // namespace testresults

} // namespace delegate
