// SPDX-License-Identifier: GPL-3.0-or-later
#include "testresultparser.h"

#include <QHash>
#include <QRegularExpression>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace delegate::testresults {

namespace {

QString firstLines(const QString &text, int lines = 5)
{
    return text.trimmed().split(u'\n').mid(0, lines).join(u'\n');
}

} // namespace

QList<TestCaseResult> parseJUnitXml(const QByteArray &xml, QString *error)
{
    QList<TestCaseResult> results;
    QXmlStreamReader reader(xml);
    QString suite;
    std::optional<TestCaseResult> current;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const auto name = reader.name();
            const QXmlStreamAttributes attributes = reader.attributes();
            if (name == "testsuite"_L1) {
                suite = attributes.value("name"_L1).toString();
            } else if (name == "testcase"_L1) {
                TestCaseResult result;
                const QString className = attributes.value("classname"_L1).toString();
                const QString caseName = attributes.value("name"_L1).toString();
                const QString prefix = !className.isEmpty() ? className : suite;
                result.name = prefix.isEmpty() ? caseName : prefix + u"::"_s + caseName;
                bool ok = false;
                const double seconds = attributes.value("time"_L1).toDouble(&ok);
                if (ok)
                    result.seconds = seconds;
                // CTest marks skipped or not-run tests with a status attribute.
                const QString status = attributes.value("status"_L1).toString();
                if (status == "notrun"_L1 || status == "disabled"_L1)
                    result.outcome = TestCaseResult::Outcome::Skipped;
                current = result;
            } else if (current && (name == "failure"_L1 || name == "error"_L1)) {
                current->outcome = TestCaseResult::Outcome::Failed;
                const QString message = attributes.value("message"_L1).toString();
                const QString body = reader.readElementText(QXmlStreamReader::IncludeChildElements);
                current->detail = firstLines(message.isEmpty() ? body : message);
            } else if (current && name == "skipped"_L1) {
                current->outcome = TestCaseResult::Outcome::Skipped;
                current->detail = firstLines(attributes.value("message"_L1).toString());
            }
        } else if (reader.isEndElement() && reader.name() == "testcase"_L1 && current) {
            results.append(*current);
            current.reset();
        }
    }
    if (reader.hasError() && error)
        *error = u"Not valid JUnit XML at line %1: %2"_s.arg(reader.lineNumber()).arg(reader.errorString());
    return results;
}

QList<TestCaseResult> parseCTestOutput(const QByteArray &output)
{
    // "  2/3 Test  #2: flaky_test .......***Failed    0.02 sec"
    static const QRegularExpression line(
        uR"(^\s*\d+/\d+\s+Test\s+#\d+:\s+(\S+)\s+\.*\s*(\*{3})?(Passed|Failed|Not Run|Skipped|Timeout|Exception|\S+)[^\d]*([\d.]+)\s+sec)"_s,
        QRegularExpression::MultilineOption);
    QList<TestCaseResult> results;
    auto it = line.globalMatch(QString::fromUtf8(output));
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        TestCaseResult result;
        result.name = match.captured(1);
        const QString status = match.captured(3);
        if (status == "Passed"_L1)
            result.outcome = TestCaseResult::Outcome::Passed;
        else if (status == "Not Run"_L1 || status == "Skipped"_L1 || status == "Not"_L1)
            result.outcome = TestCaseResult::Outcome::Skipped;
        else
            result.outcome = TestCaseResult::Outcome::Failed;
        if (result.outcome == TestCaseResult::Outcome::Failed)
            result.detail = status;
        result.seconds = match.captured(4).toDouble();
        results.append(result);
    }
    return results;
}

QList<TestCaseResult> parsePytestOutput(const QByteArray &output)
{
    // -v lines: "tests/test_a.py::test_x PASSED   [ 50%]"
    static const QRegularExpression verbose(uR"(^(\S+::\S+)\s+(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\b)"_s,
                                            QRegularExpression::MultilineOption);
    // -rA summary: "FAILED tests/test_a.py::test_y - AssertionError: ..."
    static const QRegularExpression summary(
        uR"(^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\s+(\S+::\S+)(?:\s+-\s+(.*))?$)"_s,
        QRegularExpression::MultilineOption);
    auto outcomeOf = [](const QString &word) {
        if (word == "PASSED"_L1 || word == "XPASS"_L1)
            return TestCaseResult::Outcome::Passed;
        if (word == "SKIPPED"_L1 || word == "XFAIL"_L1)
            return TestCaseResult::Outcome::Skipped;
        return TestCaseResult::Outcome::Failed;
    };
    const QString text = QString::fromUtf8(output);
    QList<TestCaseResult> results;
    QHash<QString, qsizetype> indexByName;
    auto take = [&](const QString &name, const QString &word, const QString &detail) {
        const auto found = indexByName.constFind(name);
        if (found != indexByName.cend()) {
            if (!detail.isEmpty())
                results[*found].detail = detail;
            return;
        }
        indexByName.insert(name, results.size());
        results.append({ name, outcomeOf(word), std::nullopt, detail });
    };
    auto verboseMatches = verbose.globalMatch(text);
    while (verboseMatches.hasNext()) {
        const auto match = verboseMatches.next();
        take(match.captured(1), match.captured(2), {});
    }
    auto summaryMatches = summary.globalMatch(text);
    while (summaryMatches.hasNext()) {
        const auto match = summaryMatches.next();
        take(match.captured(2), match.captured(1), match.captured(3).trimmed());
    }
    return results;
}

QList<TestCaseResult> parseUnittestOutput(const QByteArray &output)
{
    // "test_b (tests.test_x.T.test_b) ... FAIL"; Python before 3.11 prints
    // the class without the method in the parentheses.
    static const QRegularExpression line(
        uR"(^(\w+) \(([\w.]+)\) \.\.\. (ok|FAIL|ERROR|skipped|expected failure|unexpected success)\b)"_s,
        QRegularExpression::MultilineOption);
    // "FAIL: test_b (tests.test_x.T.test_b)", a rule, then the traceback up
    // to the next rule.
    static const QRegularExpression failure(
        uR"(^(?:FAIL|ERROR): \w+ \(([\w.]+)\)\n-+\n([\s\S]*?)\n(?:=|-){10,})"_s,
        QRegularExpression::MultilineOption);
    const QString text = QString::fromUtf8(output);
    QList<TestCaseResult> results;
    auto it = line.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QString name = match.captured(2);
        if (!name.endsWith(u'.' + match.captured(1)))
            name += u'.' + match.captured(1);
        const QString word = match.captured(3);
        TestCaseResult result;
        result.name = name;
        if (word == "ok"_L1 || word == "unexpected success"_L1)
            result.outcome = TestCaseResult::Outcome::Passed;
        else if (word == "skipped"_L1 || word == "expected failure"_L1)
            result.outcome = TestCaseResult::Outcome::Skipped;
        else
            result.outcome = TestCaseResult::Outcome::Failed;
        results.append(result);
    }
    auto failures = failure.globalMatch(text);
    while (failures.hasNext()) {
        const QRegularExpressionMatch match = failures.next();
        const QStringList lines = match.captured(2).trimmed().split(u'\n');
        for (TestCaseResult &result : results) {
            if (result.name == match.captured(1) || result.name.startsWith(match.captured(1) + u'.'))
                result.detail = lines.constLast();
        }
    }
    return results;
}

QStringList parserNames()
{
    return { u"auto"_s, u"junit"_s, u"ctest"_s, u"pytest"_s, u"unittest"_s };
}

std::optional<QList<TestCaseResult>> parse(const QString &parser, const QByteArray &output)
{
    if (parser == "junit"_L1)
        return parseJUnitXml(output);
    if (parser == "ctest"_L1)
        return parseCTestOutput(output);
    if (parser == "pytest"_L1)
        return parsePytestOutput(output);
    if (parser == "unittest"_L1)
        return parseUnittestOutput(output);
    if (parser == "auto"_L1) {
        if (output.trimmed().startsWith('<')) {
            QList<TestCaseResult> results = parseJUnitXml(output);
            if (!results.isEmpty())
                return results;
        }
        QList<TestCaseResult> results = parseCTestOutput(output);
        if (!results.isEmpty())
            return results;
        results = parseUnittestOutput(output);
        if (!results.isEmpty())
            return results;
        return parsePytestOutput(output);
    }
    return std::nullopt;
}

} // namespace delegate::testresults
