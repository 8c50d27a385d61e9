// SPDX-License-Identifier: GPL-3.0-or-later
// One skill over many targets: N targets make N tasks, each judged by the
// lint, and a target that cannot become a task says why and where.
#include "skills/batchplan.h"
#include "skills/skilllibrary.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

namespace {

const QString builtInDirectory = QStringLiteral(DELEGATE_SOURCE_DIR "/resources/skills");

Skill builtIn(const QString &name)
{
    return *SkillLibrary::check(builtInDirectory + u'/' + name).value;
}

} // namespace

class TestBatchPlan final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void plansOneTaskPerTarget()
    {
        QStringList lines;
        for (int i = 1; i <= 20; ++i)
            lines.append(u"repos/service-%1"_s.arg(i));
        QString error;
        const auto targets = BatchTargets::parse(lines.join(u'\n'), false, u"repository"_s, &error);
        QVERIFY2(targets, qPrintable(error));
        BatchPlan::Input input;
        input.base.environment = u"python"_s;
        input.shared = { { u"test_command"_s, u"pytest -q"_s } };
        input.targets = *targets;
        input.targetsFolder = u"/work/batches"_s;
        const BatchPlan plan = BatchPlan::make(builtIn(u"investigate-flaky-tests"_s), input);
        QCOMPARE(plan.tasks().size(), 20);
        QCOMPARE(plan.count(LintVerdict::Bounded), 20);
        QVERIFY(!plan.firstFailure());
        const PlannedTask &last = plan.tasks().constLast();
        QCOMPARE(last.line, 20);
        QCOMPARE(last.task->scope.repository, u"/work/batches/repos/service-20"_s);
        QCOMPARE(last.task->environment, u"python"_s);
        QCOMPARE(last.task->skill.parameters.value(u"test_command"_s), u"pytest -q"_s);
        QCOMPARE(last.task->title, u"Flaky tests of pytest -q over 10 runs"_s);
    }

    void keepsGoingPastABadTarget()
    {
        QString error;
        const auto targets = BatchTargets::parse(u"repository,concern,head_ref\n"
                                                 "/srv/a,locking,feature/a\n"
                                                 "/srv/b,,feature/b\n"_s,
                                                 true, {}, &error);
        QVERIFY2(targets, qPrintable(error));
        BatchPlan::Input input;
        input.targets = *targets;
        const BatchPlan plan = BatchPlan::make(builtIn(u"review-pr-concern"_s), input);
        QCOMPARE(plan.tasks().size(), 2);
        QVERIFY(plan.tasks().at(0).ok());
        // No environment named yet: the lint says so rather than the plan failing.
        QCOMPARE(plan.tasks().at(0).lint.verdict, LintVerdict::PartiallyBounded);
        const PlannedTask *failed = plan.firstFailure();
        QVERIFY(failed);
        QCOMPARE(failed->line, 3);
        QVERIFY2(failed->error.contains(u"needs a value for its parameter 'concern'"_s),
                 qPrintable(failed->error));
    }

    void scopeColumnsTheSkillDoesNotTake()
    {
        Skill skill = builtIn(u"triage-bug"_s);
        QString error;
        const auto targets =
            BatchTargets::parse(u"bug,repository\nCrash on save,/srv/editor\n"_s, true, {}, &error);
        QVERIFY(targets);
        BatchPlan::Input input;
        input.base.environment = u"reader"_s;
        input.targets = *targets;
        const BatchPlan plan = BatchPlan::make(skill, input);
        QVERIFY(plan.tasks().at(0).ok());
        QCOMPARE(plan.tasks().at(0).task->scope.repository, u"/srv/editor"_s);
        QCOMPARE(plan.tasks().at(0).task->title, u"Triage: Crash on save"_s);
        QCOMPARE(BatchPlan::defaultTargetParameter(skill, {}), u"repository"_s);
        QCOMPARE(BatchPlan::defaultTargetParameter(skill, { { u"repository"_s, u"/srv"_s } }), u"bug"_s);
    }
};

QTEST_GUILESS_MAIN(TestBatchPlan)
#include "tst_batchplan.moc"
