// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/taskyaml.h"
#include "policy/boundedtasklint.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#include <functional>

using namespace delegate;
using namespace std::chrono_literals;

using Change = std::function<void(TaskSpec &)>;
Q_DECLARE_METATYPE(Change)

namespace {

// A task with every element in place and nothing left to suggest.
TaskSpec boundedTask()
{
    TaskSpec task;
    task.title = QStringLiteral("Make checkout retries idempotent");
    task.objective =
        QStringLiteral("Change the payment client in services/checkout/payment.cc so that a retried "
                       "confirmation reuses its idempotency key, and add a test for a timeout "
                       "followed by a retry.");
    task.scope = { QStringLiteral("https://git.example.com/shop.git"),
                   QStringLiteral("main"),
                   { QStringLiteral("services/checkout/") },
                   {} };
    task.context = { { ContextItem::Kind::File, QStringLiteral("docs/payments.md"),
                       QStringLiteral("Payments") } };
    task.constraints = { QStringLiteral("No new dependencies.") };
    task.expectedArtifact = { ArtifactKind::Patch, QStringLiteral("A patch with the fix and its test.") };
    task.acceptanceCriteria = { QStringLiteral("A retried confirmation sends the same idempotency key.") };
    task.verifyCommands = { QStringLiteral("ctest -R payment") };
    task.checkpointPolicy = CheckpointPolicy::ReviewBeforeAction;
    task.limits = { 30min, 40, 200000, 2.5 };
    task.environment = QStringLiteral("build-host-writer");
    return task;
}

QStringList rulesOf(const LintReport &report, std::optional<LintSeverity> severity = std::nullopt)
{
    QStringList rules;
    for (const LintFinding &finding : report.findings) {
        if (!severity || finding.severity == *severity)
            rules.append(finding.rule);
    }
    rules.sort();
    return rules;
}

QString examplePath(const QString &file)
{
    return QStringLiteral(DELEGATE_SOURCE_DIR "/resources/examples/tasks/") + file;
}

} // namespace

class TestBoundedTaskLint final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void examples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("verdict");
        QTest::addRow("one-liner: production error")
            << QStringLiteral("fix-production-error.yaml") << QStringLiteral("unbounded");
        QTest::addRow("one-liner: issues")
            << QStringLiteral("file-these-issues.yaml") << QStringLiteral("unbounded");
        QTest::addRow("one-liner: workflow")
            << QStringLiteral("improve-agent-workflow.yaml") << QStringLiteral("unbounded");
        QTest::addRow("rewrite: diagnosis")
            << QStringLiteral("diagnose-checkout-timeout.yaml") << QStringLiteral("bounded");
        QTest::addRow("rewrite: issue drafts")
            << QStringLiteral("audit-findings-to-issues.yaml") << QStringLiteral("bounded");
        QTest::addRow("rewrite: harness gaps")
            << QStringLiteral("review-agent-harness.yaml") << QStringLiteral("bounded");
    }

    void examples()
    {
        QFETCH(QString, file);
        QFETCH(QString, verdict);
        const LoadResult<TaskSpec> loaded = TaskYaml::load(examplePath(file));
        QVERIFY(loaded.ok());
        const LintReport report = BoundedTaskLint().lint(*loaded.value);
        QVERIFY2(enumToString(report.verdict) == verdict,
                 qPrintable(enumToString(report.verdict) + u' ' + rulesOf(report).join(u' ')));
        if (report.verdict == LintVerdict::Bounded) {
            QVERIFY2(rulesOf(report, LintSeverity::Warning).isEmpty(),
                     qPrintable(rulesOf(report).join(u' ')));
            QVERIFY(report.score >= 90);
        } else {
            // An environment alone (one of the one-liners names one) does not
            // bound a task: scope and artifact fail whatever else is there.
            QVERIFY2(report.score <= 25, qPrintable(QString::number(report.score)));
            QVERIFY(!report.isSatisfied(TaskElement::ScopeAndContext));
            QVERIFY(!report.isSatisfied(TaskElement::Limits));
            QVERIFY(!report.isSatisfied(TaskElement::ReviewableArtifact));
            QCOMPARE(report.elementScore(TaskElement::ReviewableArtifact), 0);
            QCOMPARE(report.elementScore(TaskElement::ScopeAndContext), 0);
            QVERIFY(rulesOf(report).contains(QStringLiteral("objective-too-short")));
        }
    }

    void oneLinersSayWhy_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("rules");
        QTest::addRow("production error")
            << QStringLiteral("fix-production-error.yaml")
            << QStringList { QStringLiteral("objective-too-short"), QStringLiteral("objective-vague-verb"),
                             QStringLiteral("context-refers-to-nothing"), QStringLiteral("scope-missing") };
        // "file" is not vague in itself; "these" with nothing attached is the problem.
        QTest::addRow("issues") << QStringLiteral("file-these-issues.yaml")
                                << QStringList { QStringLiteral("objective-too-short"),
                                                 QStringLiteral("context-refers-to-nothing"),
                                                 QStringLiteral("environment-missing") };
        QTest::addRow("workflow") << QStringLiteral("improve-agent-workflow.yaml")
                                  << QStringList { QStringLiteral("objective-vague-verb"),
                                                   QStringLiteral("context-missing") };
    }

    void oneLinersSayWhy()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, rules);
        const LintReport report = BoundedTaskLint().lint(*TaskYaml::load(examplePath(file)).value);
        const QStringList found = rulesOf(report);
        for (const QString &rule : rules)
            QVERIFY2(found.contains(rule), qPrintable(rule + QStringLiteral(" not in ") + found.join(u' ')));
        QVERIFY(!found.contains(QStringLiteral("objective-vague-verb"))
                || file != QLatin1String("file-these-issues.yaml"));
    }

    void judges_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QStringList>("errors");
        QTest::addColumn<QString>("rule"); // one finding to look at closely
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("element");
        QTest::addColumn<QString>("severity");

        const auto row = [](const char *name, Change change, const char *verdict, QStringList errors,
                            const char *rule, const char *field, const char *element, const char *severity) {
            QTest::addRow("%s", name) << change << QString::fromLatin1(verdict) << errors
                                      << QString::fromLatin1(rule) << QString::fromLatin1(field)
                                      << QString::fromLatin1(element) << QString::fromLatin1(severity);
        };
        const auto errors = [](std::initializer_list<const char *> rules) {
            QStringList list;
            for (const char *rule : rules)
                list.append(QString::fromLatin1(rule));
            list.sort();
            return list;
        };

        row(
            "complete", [](TaskSpec &) {}, "bounded", {}, "", "", "", "");
        row(
            "no environment", [](TaskSpec &t) { t.environment.clear(); }, "partially-bounded",
            errors({ "environment-missing" }), "environment-missing", "environment", "environment", "error");
        row(
            "no limits", [](TaskSpec &t) { t.limits = {}; }, "partially-bounded",
            errors({ "wall-time-missing", "budget-missing" }), "wall-time-missing", "limits.wall_time",
            "limits", "error");
        row(
            "time but no budget",
            [](TaskSpec &t) {
                t.limits = { 30min, {}, {}, {} };
            },
            "partially-bounded", errors({ "budget-missing" }), "budget-missing", "limits", "limits", "error");
        row(
            "budget but no time",
            [](TaskSpec &t) {
                t.limits = { {}, {}, {}, 1.0 };
            },
            "partially-bounded", errors({ "wall-time-missing" }), "wall-time-missing", "limits.wall_time",
            "limits", "error");
        row(
            "no review point for a patch", [](TaskSpec &t) { t.checkpointPolicy = CheckpointPolicy::None; },
            "partially-bounded", errors({ "review-point-missing" }), "review-point-missing",
            "checkpoint_policy", "reviewable-artifact", "error");
        row(
            "no acceptance criteria", [](TaskSpec &t) { t.acceptanceCriteria.clear(); }, "partially-bounded",
            errors({ "acceptance-criteria-missing" }), "acceptance-criteria-missing", "acceptance_criteria",
            "reviewable-artifact", "error");
        row(
            "no artifact kind", [](TaskSpec &t) { t.expectedArtifact = {}; }, "partially-bounded",
            errors({ "artifact-kind-missing" }), "artifact-kind-missing", "expected_artifact.kind",
            "reviewable-artifact", "error");
        row(
            "vague objective, but scope and artifact",
            [](TaskSpec &t) {
                t.objective = QStringLiteral("Fix the bug.");
                t.scope.include.clear();
            },
            "partially-bounded", errors({ "objective-too-short", "objective-vague-verb" }),
            "objective-vague-verb", "objective", "scope-and-context", "error");
        row(
            "vague objective, an artifact but no scope",
            [](TaskSpec &t) {
                t.objective = QStringLiteral("Improve performance.");
                t.scope = {};
                t.verifyCommands.clear();
                t.expectedArtifact.kind = ArtifactKind::Report;
            },
            "partially-bounded", errors({ "objective-too-short", "objective-vague-verb", "scope-missing" }),
            "scope-missing", "scope", "scope-and-context", "error");
        row(
            "vague objective, a scope but no artifact",
            [](TaskSpec &t) {
                t.objective = QStringLiteral("Handle errors better.");
                t.expectedArtifact = {};
            },
            "partially-bounded", errors({ "objective-too-short", "artifact-kind-missing" }),
            "objective-too-short", "objective", "scope-and-context", "error");
        row(
            "vague, no scope, no artifact",
            [](TaskSpec &t) {
                t.objective = QStringLiteral("Clean up the code.");
                t.scope = {};
                t.verifyCommands.clear();
                t.expectedArtifact = {};
            },
            "unbounded",
            errors(
                { "objective-too-short", "objective-vague-verb", "scope-missing", "artifact-kind-missing" }),
            "scope-missing", "scope", "scope-and-context", "error");
        row(
            "a vague verb is fine with paths in scope",
            [](TaskSpec &t) {
                t.objective =
                    QStringLiteral("Improve the error messages of the command-line parser so that each one "
                                   "names the offending option");
            },
            "bounded", {}, "", "", "", "");
        row(
            "a vague verb is fine with a concrete object",
            [](TaskSpec &t) {
                t.scope.include.clear();
                t.objective =
                    QStringLiteral("Fix the crash in parse_header() when the input ends after the colon");
            },
            "bounded", {}, "scope-unnarrowed", "scope.include", "scope-and-context", "info");
        row(
            "the objective points at missing context",
            [](TaskSpec &t) {
                t.objective =
                    QStringLiteral("Triage these failing tests and return the likely cause of each one");
                t.context.clear();
            },
            "partially-bounded", errors({ "context-refers-to-nothing" }), "context-refers-to-nothing",
            "context", "scope-and-context", "error");
        row(
            "a patch without a repository", [](TaskSpec &t) { t.scope.repository.clear(); },
            "partially-bounded", errors({ "patch-without-repository", "verify-without-repository" }),
            "patch-without-repository", "scope.repository", "environment", "error");
        row(
            "a question needs no review point",
            [](TaskSpec &t) {
                t.expectedArtifact = { ArtifactKind::Question,
                                       QStringLiteral("Which of the two designs to keep.") };
                t.checkpointPolicy = CheckpointPolicy::None;
                t.verifyCommands.clear();
            },
            "bounded", {}, "", "", "", "");
        row(
            "a report without a review point",
            [](TaskSpec &t) {
                t.expectedArtifact.kind = ArtifactKind::Report;
                t.checkpointPolicy = CheckpointPolicy::None;
            },
            "partially-bounded", errors({ "review-point-missing" }), "review-point-missing",
            "checkpoint_policy", "reviewable-artifact", "error");
        row(
            "no context, no description: warnings only",
            [](TaskSpec &t) {
                t.context.clear();
                t.expectedArtifact.description.clear();
            },
            "bounded", {}, "context-missing", "context", "scope-and-context", "warning");
        row(
            "a patch without checks", [](TaskSpec &t) { t.verifyCommands.clear(); }, "bounded", {},
            "verify-missing", "verify", "reviewable-artifact", "warning");
        row(
            "a report without checks",
            [](TaskSpec &t) {
                t.expectedArtifact.kind = ArtifactKind::Report;
                t.verifyCommands.clear();
            },
            "bounded", {}, "verify-missing", "verify", "reviewable-artifact", "info");
        row(
            "best-of-three without a cost limit",
            [](TaskSpec &t) {
                t.attempts = 3;
                t.limits.costUsd.reset();
            },
            "bounded", {}, "attempts-without-cost-limit", "limits.cost_usd", "limits", "warning");
        row(
            "no base ref", [](TaskSpec &t) { t.scope.baseRef.clear(); }, "bounded", {}, "base-ref-missing",
            "scope.base_ref", "scope-and-context", "info");
        row(
            "empty objective", [](TaskSpec &t) { t.objective = QStringLiteral("  "); }, "partially-bounded",
            errors({ "objective-missing" }), "objective-missing", "objective", "scope-and-context", "error");
    }

    void judges()
    {
        QFETCH(Change, change);
        QFETCH(QString, verdict);
        QFETCH(QStringList, errors);
        QFETCH(QString, rule);
        QFETCH(QString, field);
        QFETCH(QString, element);
        QFETCH(QString, severity);

        TaskSpec task = boundedTask();
        change(task);
        const LintReport report = BoundedTaskLint().lint(task);
        QCOMPARE(enumToString(report.verdict), verdict);
        QCOMPARE(rulesOf(report, LintSeverity::Error), errors);
        if (rule.isEmpty()) {
            QCOMPARE(rulesOf(report), QStringList());
            QCOMPARE(report.score, 100);
            return;
        }
        const auto found = std::find_if(report.findings.cbegin(), report.findings.cend(),
                                        [&](const LintFinding &f) { return f.rule == rule; });
        QVERIFY2(found != report.findings.cend(), qPrintable(rulesOf(report).join(u' ')));
        QCOMPARE(found->field, field);
        QCOMPARE(enumToString(found->element), element);
        QCOMPARE(enumToString(found->severity), severity);
        QVERIFY(report.score < 100);
    }

    void findingsAreActionable_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *file :
             { "fix-production-error.yaml", "file-these-issues.yaml", "improve-agent-workflow.yaml" })
            QTest::addRow("%s", file) << QString::fromLatin1(file);
    }

    void findingsAreActionable()
    {
        QFETCH(QString, file);
        const LintReport report = BoundedTaskLint().lint(*TaskYaml::load(examplePath(file)).value);
        QVERIFY(!report.findings.isEmpty());
        QVERIFY(!report.summary.isEmpty());
        for (const LintFinding &finding : report.findings) {
            QVERIFY2(!finding.rule.isEmpty() && !finding.field.isEmpty(), qPrintable(finding.rule));
            QVERIFY2(finding.problem.endsWith(u'.') && finding.why.endsWith(u'.') && !finding.fix.isEmpty(),
                     qPrintable(finding.rule));
            QVERIFY(finding.points > 0);
        }
        // Ordered by element, errors first within one.
        for (qsizetype i = 1; i < report.findings.size(); ++i) {
            const LintFinding &a = report.findings.at(i - 1);
            const LintFinding &b = report.findings.at(i);
            QVERIFY(std::pair(a.element, a.severity) <= std::pair(b.element, b.severity));
        }
    }

    void scoreGrowsWithEachElement()
    {
        // From nothing to a bounded task, element by element: the meter never
        // goes down and ends at 100.
        TaskSpec task;
        task.objective = boundedTask().objective;
        const TaskSpec complete = boundedTask();
        const QList<Change> steps = {
            [&](TaskSpec &t) {
                t.scope = complete.scope;
                t.context = complete.context;
                t.constraints = complete.constraints;
            },
            [&](TaskSpec &t) { t.environment = complete.environment; },
            [&](TaskSpec &t) { t.limits = complete.limits; },
            [&](TaskSpec &t) {
                t.expectedArtifact = complete.expectedArtifact;
                t.acceptanceCriteria = complete.acceptanceCriteria;
                t.checkpointPolicy = complete.checkpointPolicy;
                t.verifyCommands = complete.verifyCommands;
            },
        };
        const BoundedTaskLint lint;
        int previous = lint.lint(task).score;
        int satisfied = 0;
        for (const Change &step : steps) {
            step(task);
            const LintReport report = lint.lint(task);
            QVERIFY2(report.score > previous, qPrintable(QString::number(report.score)));
            previous = report.score;
            ++satisfied;
            int count = 0;
            for (const EnumName<TaskElement> &element : enumNames<TaskElement>())
                count += report.isSatisfied(element.value) ? 1 : 0;
            QCOMPARE(count, satisfied);
        }
        QCOMPARE(previous, 100);
    }

    void reportAsJson()
    {
        TaskSpec task = boundedTask();
        task.environment.clear();
        const QJsonObject json = BoundedTaskLint().lint(task).toJson();
        QCOMPARE(json.value(QLatin1String("verdict")).toString(), QStringLiteral("partially-bounded"));
        QCOMPARE(json.value(QLatin1String("score")).toInt(), 80);
        const QJsonArray elements = json.value(QLatin1String("elements")).toArray();
        QCOMPARE(elements.size(), 4);
        QCOMPARE(elements.at(1).toObject().value(QLatin1String("element")).toString(),
                 QStringLiteral("environment"));
        QCOMPARE(elements.at(1).toObject().value(QLatin1String("satisfied")).toBool(), false);
        QCOMPARE(elements.at(1).toObject().value(QLatin1String("score")).toInt(), 5);
        const QJsonObject finding = json.value(QLatin1String("findings")).toArray().at(0).toObject();
        QCOMPARE(finding.value(QLatin1String("rule")).toString(), QStringLiteral("environment-missing"));
        QCOMPARE(finding.value(QLatin1String("field")).toString(), QStringLiteral("environment"));
        QCOMPARE(finding.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
        for (const char *key : { "problem", "why", "fix" })
            QVERIFY(!finding.value(QLatin1String(key)).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBoundedTaskLint)
#include "tst_boundedtasklint.moc"
