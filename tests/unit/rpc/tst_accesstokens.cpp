// SPDX-License-Identifier: GPL-3.0-or-later
// Who a token stands for, and how a local engine publishes itself.
#include "rpc/accesstokens.h"
#include "rpc/localengine.h"

#include <QCryptographicHash>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::rpc;

namespace {

QString writeTokens(const QTemporaryDir &dir, const QByteArray &contents)
{
    const QString path = dir.filePath(u"tokens"_s);
    QFile file(path);
    file.open(QIODevice::WriteOnly | QIODevice::Truncate);
    file.write(contents);
    return path;
}

mode_t modeOf(const QString &path)
{
    struct stat info
    {
    };
    ::stat(QFile::encodeName(path).constData(), &info);
    return info.st_mode & 0777;
}

} // namespace

class TestAccessTokens final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void generatedTokensAreLongAndDistinct()
    {
        const QString first = AccessTokens::generate();
        QCOMPARE(first.size(), 64);
        QVERIFY(first != AccessTokens::generate());
    }

    void authenticatesByDigest()
    {
        QTemporaryDir dir;
        const QByteArray digest = AccessTokens::digest(u"grace-secret"_s).toLatin1();
        // What `printf %s TOKEN | sha256sum` prints, as the docs tell people to write it.
        QCOMPARE(digest, QCryptographicHash::hash("grace-secret", QCryptographicHash::Sha256).toHex());
        const QString path =
            writeTokens(dir,
                        "# people of the team\n\ngrace reviewer " + digest + "  # the reviewer\nalan auditor "
                            + AccessTokens::digest(u"alan-secret"_s).toLatin1() + '\n');
        AccessTokens tokens;
        tokens.add(u"local-secret"_s, Identity { u"ada"_s, Role::Lead });
        QCOMPARE(tokens.loadFile(path), std::nullopt);
        QCOMPARE(tokens.size(), 3);
        QCOMPARE(tokens.authenticate(u"grace-secret"_s)->user, u"grace"_s);
        QCOMPARE(tokens.authenticate(u"grace-secret"_s)->role, Role::Reviewer);
        QCOMPARE(tokens.authenticate(u"alan-secret"_s)->role, Role::Auditor);
        QCOMPARE(tokens.authenticate(u"local-secret"_s)->role, Role::Lead);
        QVERIFY(!tokens.authenticate(u"grace-secre"_s));
        QVERIFY(!tokens.authenticate({}));
        // The digest itself is not a token.
        QVERIFY(!tokens.authenticate(QString::fromLatin1(digest)));
    }

    void badLinesNameTheFileLineAndFix_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("expected");
        const QByteArray digest = AccessTokens::digest(u"x"_s).toLatin1();
        QTest::addRow("two fields") << QByteArray("grace reviewer\n") << u"tokens:1: expected"_s;
        QTest::addRow("unknown role") << "\ngrace approver " + digest
                + '\n' << u"tokens:2: unknown role 'approver'; use lead, reviewer or auditor"_s;
        QTest::addRow("a token, not a digest")
            << QByteArray("grace reviewer my-plain-token\n") << u"tokens:1: the third field must be"_s;
        QTest::addRow("upper-case digest") << "grace reviewer " + digest.toUpper() + '\n' << u"sha256sum"_s;
    }
    void badLinesNameTheFileLineAndFix()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        AccessTokens tokens;
        const auto problem = tokens.loadFile(writeTokens(dir, contents));
        QVERIFY(problem);
        QVERIFY2(problem->contains(expected), qPrintable(*problem));
    }

    void missingFileIsAnError()
    {
        AccessTokens tokens;
        const auto problem = tokens.loadFile(u"/nonexistent/tokens"_s);
        QVERIFY(problem && problem->contains(u"/nonexistent/tokens"_s));
    }

    void publishesPrivatelyAndWithdraws()
    {
        QTemporaryDir dir;
        const LocalEngineDirectory directory(dir.filePath(u"delegate"_s));
        QVERIFY(!directory.read().endpoint);
        QVERIFY(directory.read().problem.contains(u"no engine"_s));

        LocalEndpoint endpoint;
        endpoint.url = QUrl(u"ws://127.0.0.1:4711"_s);
        endpoint.token = u"secret"_s;
        endpoint.pid = 42;
        endpoint.version = u"1.2.3"_s;
        endpoint.store = u"/data/delegate.db"_s;
        QCOMPARE(directory.publish(endpoint), std::nullopt);
        QCOMPARE(modeOf(directory.path()), mode_t(0700));
        QCOMPARE(modeOf(directory.tokenFile()), mode_t(0600));
        QCOMPARE(modeOf(directory.endpointFile()), mode_t(0600));

        const auto read = directory.read();
        QVERIFY(read.endpoint);
        QCOMPARE(read.endpoint->url, endpoint.url);
        QCOMPARE(read.endpoint->token, u"secret"_s);
        QCOMPARE(read.endpoint->pid, 42);
        QCOMPARE(read.endpoint->store, endpoint.store);

        directory.withdraw();
        QVERIFY(!directory.read().endpoint);
    }

    void unreadableEndpointSaysWhatToDo()
    {
        QTemporaryDir dir;
        const LocalEngineDirectory directory(dir.path());
        QFile garbage(directory.endpointFile());
        garbage.open(QIODevice::WriteOnly);
        garbage.write("not json");
        garbage.close();
        const auto read = directory.read();
        QVERIFY(!read.endpoint);
        QVERIFY2(read.problem.contains(u"remove it"_s), qPrintable(read.problem));
    }
};

QTEST_GUILESS_MAIN(TestAccessTokens)
#include "tst_accesstokens.moc"
