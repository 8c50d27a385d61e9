// SPDX-License-Identifier: GPL-3.0-or-later
// delegatectl secret set, status and remove, in-process. Without a keychain
// they say so (exit 69); under tests/unit/secrets/with-secret-service.sh they
// store, report and remove values in a real Secret Service.
#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "exitcodes.h"
#include "secrets/keychainsecrets.h"

#include <QBuffer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace delegate::cli;
using namespace Qt::StringLiterals;

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

bool withSecretService()
{
    return qEnvironmentVariable("DELEGATE_TEST_SECRET_SERVICE") == u"1";
}

const QString value = u"cli-secret-51be0c3d"_s;

} // namespace

class TestSecretCommands final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void wrongArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addRow("no name") << QStringList { u"secret"_s, u"set"_s };
        QTest::addRow("two names") << QStringList { u"secret"_s, u"remove"_s, u"A"_s, u"B"_s };
        QTest::addRow("bad name") << QStringList { u"secret"_s, u"status"_s, u"not-a-variable"_s };
    }

    void wrongArguments()
    {
        QFETCH(QStringList, arguments);
        const Outcome outcome = delegatectl(arguments);
        QCOMPARE(outcome.exitCode, int(ExitUsage));
        QVERIFY2(outcome.err.contains(u"Usage: delegatectl secret"), qPrintable(outcome.err));
    }

    void anEmptyValueIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"value"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\n");
        file.close();
        const Outcome outcome = delegatectl({ u"secret"_s, u"set"_s, u"A_TOKEN"_s, u"--from-file"_s, path });
        QCOMPARE(outcome.exitCode, int(ExitInputError));
        QVERIFY2(outcome.err.contains(u"empty"), qPrintable(outcome.err));
    }

    void withoutKeychainItSaysSo()
    {
        if (withSecretService())
            QSKIP("a Secret Service runs in this session");
        const Outcome outcome = delegatectl({ u"secret"_s, u"status"_s, u"A_TOKEN"_s });
        QCOMPARE(outcome.exitCode, int(ExitUnavailable));
        QVERIFY2(outcome.err.contains(u"no keychain service"), qPrintable(outcome.err));
    }

    void setStatusRemove()
    {
        if (!withSecretService())
            QSKIP("needs a Secret Service: run through tests/unit/secrets/with-secret-service.sh");
        QTemporaryDir dir;
        const QString path = dir.filePath(u"value"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(value.toUtf8() + '\n');
        file.close();

        Outcome outcome = delegatectl({ u"secret"_s, u"status"_s, u"CLI_TOKEN"_s });
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.out, u"CLI_TOKEN: not set\n"_s);
        outcome = delegatectl({ u"secret"_s, u"set"_s, u"CLI_TOKEN"_s, u"--from-file"_s, path });
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY(!outcome.out.contains(value));
        // The trailing newline is not part of the value; the engine's source reads it back.
        const KeychainSecrets keychain;
        const QString name = u"CLI_TOKEN"_s;
        QCOMPARE(QCoro::waitFor(keychain.read(name)).value, value);
        outcome = delegatectl({ u"secret"_s, u"status"_s, u"CLI_TOKEN"_s });
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(outcome.out, u"CLI_TOKEN: set\n"_s);
        outcome = delegatectl({ u"secret"_s, u"remove"_s, u"CLI_TOKEN"_s });
        QCOMPARE(outcome.exitCode, 0);
        QCOMPARE(delegatectl({ u"secret"_s, u"status"_s, u"CLI_TOKEN"_s }).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestSecretCommands)
#include "tst_secretcommands.moc"
