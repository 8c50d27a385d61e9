// SPDX-License-Identifier: GPL-3.0-or-later
// delegatectl skill list|show|check|import|export on real folders, with the
// user's skills in the test-mode data folder.
#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "exitcodes.h"

#include "skills/skilllibrary.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::cli;

namespace {

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

Outcome delegatectl(const QStringList &arguments)
{
    QBuffer out;
    QBuffer err;
    out.open(QIODevice::WriteOnly);
    err.open(QIODevice::WriteOnly);
    Outcome outcome;
    {
        Console console(&out, &err);
        CommandRegistry registry;
        registerAllCommands(registry);
        outcome.exitCode = QCoro::waitFor(registry.dispatch(arguments, console));
        console.out().flush();
        console.err().flush();
    }
    outcome.out = QString::fromUtf8(out.data());
    outcome.err = QString::fromUtf8(err.data());
    return outcome;
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

} // namespace

class TestSkillCommands final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(SkillLibrary::defaultUserDirectory()).removeRecursively();
        QVERIFY(m_temp.isValid());
    }
    void cleanupTestCase() { QDir(SkillLibrary::defaultUserDirectory()).removeRecursively(); }

    void listsTheBuiltInSkills()
    {
        const Outcome outcome = delegatectl({ u"skill"_s, u"list"_s, u"--json"_s });
        QCOMPARE(outcome.exitCode, int(ExitOk));
        const QJsonArray skills =
            QJsonDocument::fromJson(outcome.out.toUtf8()).object().value("skills"_L1).toArray();
        QCOMPARE(skills.size(), 10);
        QCOMPARE(skills.at(0).toObject().value("name"_L1).toString(), u"diagnose-issue"_s);
        QCOMPARE(skills.at(0).toObject().value("origin"_L1).toString(), u"built-in"_s);
    }

    void showsASkillByName()
    {
        const Outcome shown = delegatectl({ u"skill"_s, u"show"_s, u"generate-tests"_s });
        QCOMPARE(shown.exitCode, int(ExitOk));
        QVERIFY2(shown.out.contains(u"test_command  yes"_s) && shown.out.contains(u"artifact     patch"_s),
                 qPrintable(shown.out));
        const Outcome missing = delegatectl({ u"skill"_s, u"show"_s, u"no-such-skill"_s });
        QCOMPARE(missing.exitCode, int(ExitNotFound));
        QVERIFY(missing.err.contains(u"no skill is called no-such-skill"_s));
    }

    void checksImportsAndExports()
    {
        const QString folder = m_temp.filePath(u"in/weekly-report"_s);
        QVERIFY(writeFile(
            folder + u"/SKILL.md"_s,
            "---\nname: weekly-report\ndescription: Sums up a week of commits.\nauthor: ada\n---\nGo.\n"));
        const Outcome invalid = delegatectl({ u"skill"_s, u"check"_s, folder });
        QCOMPARE(invalid.exitCode, int(ExitInputError));
        QVERIFY2(invalid.err.contains(
                     u"SKILL.md: author: unknown frontmatter key; allowed are name, description"_s),
                 qPrintable(invalid.err));
        QCOMPARE(delegatectl({ u"skill"_s, u"import"_s, folder }).exitCode, int(ExitInputError));

        QVERIFY(writeFile(folder + u"/SKILL.md"_s,
                          "---\nname: weekly-report\ndescription: Sums up a week of commits.\n---\nGo.\n"));
        QCOMPARE(delegatectl({ u"skill"_s, u"check"_s, folder }).exitCode, int(ExitOk));
        const Outcome imported = delegatectl({ u"skill"_s, u"import"_s, folder });
        QVERIFY2(imported.exitCode == ExitOk, qPrintable(imported.err));
        const Outcome again = delegatectl({ u"skill"_s, u"import"_s, folder });
        QCOMPARE(again.exitCode, int(ExitConflict));
        QVERIFY(again.err.contains(u"is in the library already"_s));

        const QString destination = m_temp.filePath(u"out"_s);
        QCOMPARE(delegatectl({ u"skill"_s, u"export"_s, u"weekly-report"_s, destination }).exitCode,
                 int(ExitOk));
        QVERIFY(QFileInfo::exists(destination + u"/weekly-report/SKILL.md"_s));
        QCOMPARE(delegatectl({ u"skill"_s, u"export"_s, u"weekly-report"_s, destination }).exitCode,
                 int(ExitConflict));
        QCOMPARE(delegatectl({ u"skill"_s, u"export"_s, u"nothing-here"_s, destination }).exitCode,
                 int(ExitNotFound));
        QCOMPARE(delegatectl({ u"skill"_s, u"export"_s, u"weekly-report"_s }).exitCode, int(ExitUsage));
    }

private:
    QTemporaryDir m_temp;
};

QTEST_GUILESS_MAIN(TestSkillCommands)
#include "tst_skillcommands.moc"
