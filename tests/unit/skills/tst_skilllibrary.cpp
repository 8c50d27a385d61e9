// SPDX-License-Identifier: GPL-3.0-or-later
// The skills library on real folders: importing checks a folder by the Agent
// Skills rules and refuses with errors that name the file, the field and
// the fix; nothing in the library is ever overwritten; exports and saved
// skills read back as they were.
#include "domain/skillfolder.h"
#include "skills/skilllibrary.h"
#include "skills/skillwriter.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

namespace {

const QString builtInDirectory = QStringLiteral(DELEGATE_SOURCE_DIR "/resources/skills");

bool writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

const QByteArray validMarkdown = "---\nname: summarise-changes\n"
                                 "description: Summarises what changed on a branch for release notes.\n"
                                 "---\n\nRead the log and write the notes.\n";
const QByteArray validBounds = "parameters:\n  - name: branch\n    required: true\n"
                               "expected_artifact: {kind: report, description: \"notes for {{branch}}\"}\n";

} // namespace

class TestSkillLibrary final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_temp.emplace();
        QVERIFY(m_temp->isValid());
    }

    void refusesInvalidFolders_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QByteArray>("markdown");
        QTest::addColumn<QByteArray>("bounds");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::addRow("upper-case name")
            << u"Summarise"_s << QByteArray("---\nname: Summarise\ndescription: d\n---\nbody\n")
            << QByteArray() << u"SKILL.md"_s << u"name"_s
            << u"use lower-case letters, digits and single hyphens"_s;
        QTest::addRow("name differs from the folder")
            << u"summarise"_s << QByteArray("---\nname: summarize\ndescription: d\n---\nbody\n")
            << QByteArray() << u"SKILL.md"_s << u"name"_s
            << u"must equal the folder's name 'summarise'; rename one of them"_s;
        QTest::addRow("name too long")
            << u"a"_s.repeated(65) << (("---\nname: " + QByteArray(65, 'a') + "\ndescription: d\n---\n"))
            << QByteArray() << u"SKILL.md"_s << u"name"_s << u"a name has 1 to 64 characters"_s;
        QTest::addRow("no description")
            << u"summarise"_s << QByteArray("---\nname: summarise\n---\nbody\n") << QByteArray()
            << u"SKILL.md"_s << u"description"_s << u"in 1 to 1024 characters"_s;
        QTest::addRow("description too long")
            << u"summarise"_s
            << ("---\nname: summarise\ndescription: " + QByteArray(1025, 'x') + "\n---\nbody\n")
            << QByteArray() << u"SKILL.md"_s << u"description"_s << u"in 1 to 1024 characters"_s;
        QTest::addRow("unknown frontmatter key")
            << u"summarise"_s << QByteArray("---\nname: summarise\ndescription: d\nversion: 2\n---\nbody\n")
            << QByteArray() << u"SKILL.md"_s << u"version"_s
            << u"unknown frontmatter key; allowed are name"_s;
        QTest::addRow("no frontmatter")
            << u"summarise"_s << QByteArray("# Summarise\n") << QByteArray() << u"SKILL.md"_s << QString()
            << u"must start with YAML frontmatter"_s;
        QTest::addRow("unknown sidecar key")
            << u"summarise"_s << QByteArray("---\nname: summarise\ndescription: d\n---\nbody\n")
            << QByteArray("checkpoint: review-plan\n") << u"delegate.yaml"_s << u"checkpoint"_s
            << u"unknown key `checkpoint`"_s;
        QTest::addRow("placeholder without a parameter")
            << u"summarise"_s << QByteArray("---\nname: summarise\ndescription: d\n---\nbody\n")
            << QByteArray("verify: [\"make check-{{target}}\"]\n") << u"delegate.yaml"_s << u"verify"_s
            << u"{{target}} names no parameter of the skill (it declares: none); declare it under parameters"_s;
    }
    void refusesInvalidFolders()
    {
        QFETCH(QString, folder);
        QFETCH(QByteArray, markdown);
        QFETCH(QByteArray, bounds);
        QFETCH(QString, file);
        QFETCH(QString, field);
        QFETCH(QString, message);
        const QString source = m_temp->filePath(u"incoming/"_s + folder);
        QVERIFY(writeFile(source + u"/SKILL.md"_s, markdown));
        if (!bounds.isEmpty())
            QVERIFY(writeFile(source + u"/delegate.yaml"_s, bounds));
        const SkillLibrary library({ builtInDirectory }, m_temp->filePath(u"user"_s));
        const LoadResult<Skill> imported = library.importFolder(source);
        QVERIFY(!imported.ok());
        const auto it = std::find_if(imported.errors.cbegin(), imported.errors.cend(),
                                     [&](const SourceError &e) { return e.message.contains(message); });
        QVERIFY2(it != imported.errors.cend(), qPrintable(imported.errors.value(0).toString()));
        QVERIFY2(it->file.endsWith(file), qPrintable(it->file));
        QCOMPARE(it->path, field);
        // Nothing reached the library.
        QVERIFY(!QFileInfo::exists(m_temp->filePath(u"user"_s))
                || QDir(m_temp->filePath(u"user"_s)).isEmpty());
    }

    void importsExportsAndNeverOverwrites()
    {
        const QString source = m_temp->filePath(u"incoming/summarise-changes"_s);
        QVERIFY(writeFile(source + u"/SKILL.md"_s, validMarkdown));
        QVERIFY(writeFile(source + u"/delegate.yaml"_s, validBounds));
        QVERIFY(writeFile(source + u"/scripts/log.sh"_s, "git log --oneline\n"));
        const SkillLibrary library({ builtInDirectory }, m_temp->filePath(u"user"_s));

        const LoadResult<Skill> imported = library.importFolder(source);
        QVERIFY2(imported.ok(), qPrintable(imported.errors.value(0).toString()));
        const std::optional<SkillEntry> entry = library.find(u"summarise-changes"_s);
        QVERIFY(entry);
        QCOMPARE(entry->origin, SkillOrigin::User);
        QVERIFY(QFileInfo::exists(entry->folder + u"/scripts/log.sh"_s));

        // The same name again, or a built-in's name: refused, nothing replaced.
        QVERIFY(writeFile(source + u"/SKILL.md"_s,
                          "---\nname: summarise-changes\ndescription: Another one.\n---\nbody\n"));
        const LoadResult<Skill> again = library.importFolder(source);
        QVERIFY(!again.ok());
        QVERIFY2(again.errors.value(0).message.contains(u"is in the library already"_s),
                 qPrintable(again.errors.value(0).message));
        QCOMPARE(library.load(u"summarise-changes"_s).value->description,
                 u"Summarises what changed on a branch for release notes."_s);
        const QString builtInCopy = m_temp->filePath(u"incoming/diagnose-issue"_s);
        QVERIFY(writeFile(builtInCopy + u"/SKILL.md"_s,
                          "---\nname: diagnose-issue\ndescription: Mine.\n---\nbody\n"));
        const LoadResult<Skill> shadow = library.importFolder(builtInCopy);
        QVERIFY(!shadow.ok());
        QVERIFY(shadow.errors.value(0).message.contains(u"a built-in skill called diagnose-issue"_s));

        // Export: a copy with every file; a second export is refused.
        QString error;
        QVERIFY2(library.exportSkill(u"summarise-changes"_s, m_temp->filePath(u"out"_s), &error),
                 qPrintable(error));
        QVERIFY(SkillFolder::load(m_temp->filePath(u"out/summarise-changes"_s)).ok());
        QVERIFY(QFileInfo::exists(m_temp->filePath(u"out/summarise-changes/scripts/log.sh"_s)));
        QVERIFY(!library.exportSkill(u"summarise-changes"_s, m_temp->filePath(u"out"_s), &error));
        QVERIFY2(error.contains(u"exists already"_s), qPrintable(error));
        QVERIFY(!library.exportSkill(u"no-such-skill"_s, m_temp->filePath(u"out"_s), &error));
    }

    // "Save as skill": a composed task becomes a skill that reads back the same.
    void savesATaskAsASkill()
    {
        Skill skill;
        skill.name = u"checkout-latency"_s;
        skill.description = u"Diagnoses checkout latency in a service."_s;
        skill.instructions = u"# Checkout latency\n\nLook at the traces first."_s;
        skill.parameters = { { u"service"_s, u"the service to look at"_s, true, {} },
                             { u"since"_s, u"how far back"_s, false, u"24h"_s } };
        skill.expectedArtifact = { ArtifactKind::Report, u"a diagnosis for {{service}}"_s };
        skill.checkpointPolicy = CheckpointPolicy::ReviewBeforeAction;
        skill.requiredCapabilities.repository = Capabilities::RepositoryAccess::Read;
        skill.requiredCapabilities.tools = { u"git"_s, u"rg"_s };
        TaskSpec task;
        task.title = u"Latency of {{service}}"_s;
        task.objective = u"Find out why {{service}} got slower over the last {{since}} and report why."_s;
        task.scope.repository = u"https://git.example.com/shop.git"_s;
        task.scope.include = { u"services/{{service}}/"_s };
        task.acceptanceCriteria = { u"Every claim cites a trace or a line."_s };
        task.limits.wallTime = std::chrono::minutes(30);
        task.limits.tokens = 200000;
        task.limits.costUsd = 2.5;
        skill.task = task;

        const QString written = QString::fromUtf8(SkillWriter::boundsYaml(skill));
        QVERIFY2(written.contains(u"wall_time: 30m"_s) && written.contains(u"tokens: 200k"_s),
                 qPrintable(written));
        const SkillLibrary library({ builtInDirectory }, m_temp->filePath(u"user"_s));
        const LoadResult<Skill> saved = library.save(skill);
        QVERIFY2(saved.ok(), qPrintable(saved.errors.value(0).toString()));
        QCOMPARE(*saved.value, skill);
        QVERIFY(SkillLibrary::check(m_temp->filePath(u"user/checkout-latency"_s)).ok());

        // Taken names and bad placeholders are refused before anything is written.
        const LoadResult<Skill> twice = library.save(skill);
        QVERIFY(!twice.ok());
        QVERIFY(twice.errors.value(0).message.contains(u"exists already"_s));
        Skill broken = skill;
        broken.name = u"broken-latency"_s;
        broken.task->objective += u" Use {{sevice}}."_s;
        const LoadResult<Skill> refused = library.save(broken);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errors.value(0).message.contains(u"{{sevice}} names no parameter"_s),
                 qPrintable(refused.errors.value(0).message));
        QVERIFY(!QFileInfo::exists(m_temp->filePath(u"user/broken-latency"_s)));
        Skill badName = skill;
        badName.name = u"Checkout Latency"_s;
        QVERIFY(!library.save(badName).ok());
    }

private:
    std::optional<QTemporaryDir> m_temp;
};

QTEST_GUILESS_MAIN(TestSkillLibrary)
#include "tst_skilllibrary.moc"
