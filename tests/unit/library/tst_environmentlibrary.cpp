// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/environmentyaml.h"
#include "library/environmentlibrary.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace Qt::StringLiterals;

namespace {

const QString sourceExamples = QStringLiteral(DELEGATE_SOURCE_DIR "/resources/examples/environments");

EnvironmentProfile sampleProfile(const QString &name)
{
    EnvironmentProfile profile;
    profile.name = name;
    profile.description = QStringLiteral("Reads the code and the logs.");
    profile.capabilities.repository = Capabilities::RepositoryAccess::Read;
    profile.capabilities.tools = { QStringLiteral("git"), QStringLiteral("rg") };
    profile.capabilities.secrets = { QStringLiteral("LOGS_API_TOKEN") };
    profile.limits.memoryMb = 1024;
    return profile;
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

} // namespace

class TestEnvironmentLibrary final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        // Each case starts with an empty user folder.
        QDir(EnvironmentLibrary::defaultUserDirectory()).removeRecursively();
    }

    void cleanupTestCase() { QDir(EnvironmentLibrary::defaultUserDirectory()).removeRecursively(); }

    void userFolderIsTheConfigFolder()
    {
        const EnvironmentLibrary library;
        const QString expected =
            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/environments";
        QCOMPARE(library.userDirectory(), expected);
        QVERIFY(library.userDirectory().contains(u".qttest"));
    }

    void shippedExamplesAreFound()
    {
        const EnvironmentLibrary library;
        QVERIFY(library.exampleDirectories().contains(QDir(sourceExamples).canonicalPath()));
        const QStringList expected =
            QDir(sourceExamples).entryList({ QStringLiteral("*.yaml") }, QDir::Files);
        QVERIFY(expected.size() >= 3);
        for (const QString &file : expected) {
            const QString name = file.chopped(5);
            QVERIFY2(library.names().contains(name), qPrintable(name));
            QVERIFY(library.isExample(name));
            const LoadResult<EnvironmentProfile> loaded = library.load(name);
            QVERIFY2(loaded.ok(), qPrintable(loaded.errors.value(0).toString()));
            QCOMPARE(loaded.value->name, name);
            QCOMPARE(QFileInfo(library.filePath(name)).canonicalFilePath(),
                     QFileInfo(sourceExamples + u'/' + file).canonicalFilePath());
        }
    }

    void saveThenLoadGivesTheSameProfile()
    {
        const EnvironmentLibrary library;
        const EnvironmentProfile profile = sampleProfile(QStringLiteral("logs-reader"));
        QVERIFY(!library.contains(profile.name));
        QString error;
        QVERIFY2(library.save(profile, &error), qPrintable(error));
        QVERIFY(library.contains(profile.name));
        QVERIFY(!library.isExample(profile.name));
        QVERIFY(library.names().contains(profile.name));
        const QString expectedPath = library.userDirectory() + u"/logs-reader.yaml";
        QCOMPARE(library.filePath(profile.name), expectedPath);
        const LoadResult<EnvironmentProfile> loaded = library.load(profile.name);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errors.value(0).toString()));
        QCOMPARE(*loaded.value, profile);
        // The file is the YAML people write, not an opaque dump.
        QFile file(library.filePath(profile.name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), EnvironmentYaml::save(profile));
    }

    void savingReplacesTheFile()
    {
        const EnvironmentLibrary library;
        EnvironmentProfile profile = sampleProfile(QStringLiteral("logs-reader"));
        QVERIFY(library.save(profile));
        profile.capabilities.tools = { QStringLiteral("jq") };
        QVERIFY(library.save(profile));
        QCOMPARE(library.load(profile.name).value->capabilities.tools, QStringList { QStringLiteral("jq") });
        QCOMPARE(QDir(library.userDirectory()).entryList(QDir::Files), QStringList { u"logs-reader.yaml"_s });
    }

    void aFileEditedOutsideIsSeenAtOnce()
    {
        const EnvironmentLibrary library;
        QVERIFY(library.save(sampleProfile(QStringLiteral("edited"))));
        QVERIFY(writeFile(library.filePath(QStringLiteral("edited")),
                          "name: edited\ncapabilities:\n  repository: write\n"));
        QCOMPARE(library.load(QStringLiteral("edited")).value->capabilities.repository,
                 Capabilities::RepositoryAccess::Write);
    }

    void aUserProfileHidesTheExampleUntilRemoved()
    {
        const EnvironmentLibrary library;
        const QString name = QStringLiteral("repository-reader");
        QVERIFY(library.isExample(name));
        EnvironmentProfile mine = *library.load(name).value;
        mine.capabilities.tools.append(QStringLiteral("jq"));
        QVERIFY(library.save(mine));
        QVERIFY(!library.isExample(name));
        QCOMPARE(library.names().count(name), 1);
        QCOMPARE(library.load(name).value->capabilities.tools, mine.capabilities.tools);

        QString error;
        QVERIFY2(library.remove(name, &error), qPrintable(error));
        QVERIFY(library.isExample(name));
        QVERIFY(!library.load(name).value->capabilities.tools.contains(u"jq"_s));
    }

    void examplesCannotBeRemoved()
    {
        const EnvironmentLibrary library;
        QString error;
        QVERIFY(!library.remove(QStringLiteral("checkout-investigation"), &error));
        QVERIFY2(error.contains(u"example"), qPrintable(error));
        QVERIFY(QFileInfo::exists(sourceExamples + u"/checkout-investigation.yaml"));
    }

    void removingWhatIsNotThereSaysSo()
    {
        const EnvironmentLibrary library;
        QString error;
        QVERIFY(!library.remove(QStringLiteral("never-saved"), &error));
        QVERIFY2(error.contains(u"no environment `never-saved`"), qPrintable(error));
    }

    void badNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("empty") << QString();
        QTest::addRow("path") << QStringLiteral("../escape");
        QTest::addRow("space") << QStringLiteral("two words");
        QTest::addRow("hidden") << QStringLiteral(".hidden");
        QTest::addRow("slash") << QStringLiteral("a/b");
        QTest::addRow("too long") << QString(101, u'a');
    }

    void badNamesAreRefused()
    {
        QFETCH(QString, name);
        const EnvironmentLibrary library;
        QString error;
        QVERIFY(!library.save(sampleProfile(name), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!library.remove(name, &error));
        QVERIFY(!library.load(name).ok());
        QVERIFY(!QDir(library.userDirectory()).exists()
                || QDir(library.userDirectory()).entryList(QDir::Files).isEmpty());
    }

    void anInvalidProfileIsNotWritten()
    {
        const EnvironmentLibrary library;
        EnvironmentProfile profile = sampleProfile(QStringLiteral("nowhere"));
        profile.sandbox = SandboxTarget { SandboxTarget::Kind::Ssh, QString() };
        QString error;
        QVERIFY(!library.save(profile, &error));
        QVERIFY2(error.contains(u"sandbox"), qPrintable(error));
        QVERIFY(!library.contains(profile.name));
    }

    void aFileWhoseNameDisagreesIsAnError()
    {
        const EnvironmentLibrary library;
        QVERIFY(QDir().mkpath(library.userDirectory()));
        QVERIFY(writeFile(library.userDirectory() + u"/renamed.yaml", "name: original\n"));
        const LoadResult<EnvironmentProfile> loaded = library.load(QStringLiteral("renamed"));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.errors.size(), 1);
        QCOMPARE(loaded.errors.first().path, u"name"_s);
        QVERIFY2(loaded.errors.first().message.contains(u"original.yaml"),
                 qPrintable(loaded.errors.first().message));
    }

    void aBrokenFileReportsWhere()
    {
        const EnvironmentLibrary library;
        QVERIFY(QDir().mkpath(library.userDirectory()));
        QVERIFY(writeFile(library.userDirectory() + u"/broken.yaml",
                          "name: broken\ncapabilities:\n  repository: sideways\n"));
        QVERIFY(library.names().contains(u"broken"_s));
        const LoadResult<EnvironmentProfile> loaded = library.load(QStringLiteral("broken"));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.errors.first().line, 3);
        QCOMPARE(loaded.errors.first().path, u"capabilities.repository"_s);
    }

    void anUnknownNameListsTheKnownOnes()
    {
        const EnvironmentLibrary library;
        const LoadResult<EnvironmentProfile> loaded = library.load(QStringLiteral("missing"));
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.errors.first().message.contains(u"repository-reader"),
                 qPrintable(loaded.errors.first().message));
    }

    void explicitFoldersAreUsed()
    {
        QTemporaryDir user;
        QTemporaryDir examples;
        QVERIFY(writeFile(examples.filePath(QStringLiteral("shipped.yaml")), "name: shipped\n"));
        const EnvironmentLibrary library(user.path(), { examples.path() });
        QCOMPARE(library.names(), QStringList { u"shipped"_s });
        QVERIFY(library.save(sampleProfile(QStringLiteral("own"))));
        QCOMPARE(library.names(), (QStringList { u"own"_s, u"shipped"_s }));
        QVERIFY(QFileInfo::exists(user.filePath(QStringLiteral("own.yaml"))));
    }
};

QTEST_GUILESS_MAIN(TestEnvironmentLibrary)
#include "tst_environmentlibrary.moc"
