// SPDX-License-Identifier: GPL-3.0-or-later
// Every skill that ships with Delegate is a valid Agent Skills folder, and
// a task made from it with its parameters filled is bounded.
#include "domain/skillfolder.h"
#include "policy/boundedtasklint.h"
#include "skills/skilllibrary.h"
#include "skills/skilltask.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

namespace {

const QString builtInDirectory = QStringLiteral(DELEGATE_SOURCE_DIR "/resources/skills");

// A plausible value for a parameter, as a person would fill the form.
QString exampleValue(const SkillParameter &parameter)
{
    static const QMap<QString, QString> examples {
        { u"repository"_s, u"https://git.example.com/shop/storefront.git"_s },
        { u"test_command"_s, u"pytest -q tests/"_s },
        { u"issue"_s,
          u"#482: POST /api/checkout/confirm times out after 30 s for carts with over 50 items"_s },
        { u"bug"_s, u"Export to CSV drops the last row when the table has exactly 100 rows"_s },
        { u"findings"_s,
          u"1. Passwords are logged at debug level in auth/session.py.\n2. No rate limit on /login."_s },
        { u"concern"_s, u"thread safety of the session cache"_s },
        { u"head_ref"_s, u"feature/session-cache"_s },
        { u"target"_s, u"src/billing/invoice.py"_s },
        { u"path"_s, u"src/importers/"_s },
        { u"from"_s, u"requests"_s },
        { u"to"_s, u"httpx"_s },
    };
    return examples.value(parameter.name, u"example-"_s + parameter.name);
}

} // namespace

class TestBuiltInSkills final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theLibraryShipsTheSkills()
    {
        const SkillLibrary library({ builtInDirectory }, QDir::tempPath() + u"/no-user-skills"_s);
        SourceErrors problems;
        QStringList names;
        const QList<SkillEntry> entries = library.list(&problems);
        for (const SkillEntry &entry : entries)
            names.append(entry.name);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
        const QStringList expected { u"diagnose-issue"_s,
                                     u"docs-drift-check"_s,
                                     u"file-issues"_s,
                                     u"generate-tests"_s,
                                     u"improve-harness-engineering"_s,
                                     u"investigate-flaky-tests"_s,
                                     u"migration-plan"_s,
                                     u"refactor-duplication"_s,
                                     u"review-pr-concern"_s,
                                     u"triage-bug"_s };
        QCOMPARE(names, expected);
    }

    void isBoundedOnceFilled_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<bool>("withOptional");
        const QStringList folders =
            QDir(builtInDirectory).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY(folders.size() >= 10);
        for (const QString &folder : folders) {
            QTest::addRow("%s, required only", qPrintable(folder)) << folder << false;
            QTest::addRow("%s, every parameter", qPrintable(folder)) << folder << true;
        }
    }
    void isBoundedOnceFilled()
    {
        QFETCH(QString, folder);
        QFETCH(bool, withOptional);
        const LoadResult<Skill> loaded = SkillLibrary::check(QDir(builtInDirectory).filePath(folder));
        QVERIFY2(loaded.ok(), qPrintable(loaded.errors.value(0).toString()));
        const Skill &skill = *loaded.value;
        QVERIFY(!skill.instructions.isEmpty());
        QVERIFY(skill.expectedArtifact.kind.has_value());
        QVERIFY(skill.task.has_value());

        QMap<QString, QString> values;
        for (const SkillParameter &parameter : skill.parameters) {
            // Every task runs somewhere: a batch or the composer names the repository.
            if (parameter.required || parameter.name == "repository"_L1
                || (withOptional && parameter.defaultValue.isEmpty()))
                values.insert(parameter.name, exampleValue(parameter));
        }
        TaskSpec base;
        base.environment = u"storefront-reader"_s; // a batch or the composer names one
        QString problem;
        const std::optional<TaskSpec> task = SkillTask::make(skill, base, values, &problem);
        QVERIFY2(task, qPrintable(problem));
        const LintReport report = BoundedTaskLint().lint(*task);
        QStringList findings;
        for (const LintFinding &finding : report.findings) {
            if (finding.severity == LintSeverity::Error)
                findings.append(finding.rule + u": "_s + finding.problem);
        }
        QVERIFY2(report.verdict == LintVerdict::Bounded, qPrintable(findings.join(u"\n"_s)));
        // Nothing of the template is left unfilled.
        QVERIFY2(!task->objective.contains(u"{{"_s), qPrintable(task->objective));
        QVERIFY(!task->title.contains(u"{{"_s));
        QCOMPARE(task->skill.name, skill.name);
        // An optional value left empty takes its line with it.
        for (const QString &entry : std::as_const(task->scope.include))
            QVERIFY(!entry.trimmed().isEmpty());
        for (const QString &command : std::as_const(task->verifyCommands))
            QVERIFY(!command.trimmed().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBuiltInSkills)
#include "tst_builtinskills.moc"
