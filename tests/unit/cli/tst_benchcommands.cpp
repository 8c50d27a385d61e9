// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "exitcodes.h"

#include <QBuffer>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate::cli;
using namespace Qt::StringLiterals;

class TestBenchCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void printsBothRatesAndTheirRatio();
    void json();
    void usageErrors_data();
    void usageErrors();

private:
    int run(const QStringList &arguments, QByteArray *out, QByteArray *err = nullptr);
};

void TestBenchCommands::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

int TestBenchCommands::run(const QStringList &arguments, QByteArray *out, QByteArray *err)
{
    QBuffer outBuffer;
    QBuffer errBuffer;
    outBuffer.open(QIODevice::WriteOnly);
    errBuffer.open(QIODevice::WriteOnly);
    int exitCode = -1;
    {
        Console console(&outBuffer, &errBuffer);
        CommandRegistry registry;
        registerAllCommands(registry);
        exitCode = QCoro::waitFor(registry.dispatch(arguments, console));
    }
    *out = outBuffer.data();
    if (err)
        *err = errBuffer.data();
    return exitCode;
}

void TestBenchCommands::printsBothRatesAndTheirRatio()
{
    QTemporaryDir directory;
    QByteArray out;
    QByteArray err;
    const int exitCode = run({ u"bench"_s, u"store"_s, u"--events"_s, u"3000"_s, u"--batch"_s, u"500"_s,
                               u"--rounds"_s, u"2"_s, u"--dir"_s, directory.path() },
                             &out, &err);
    QCOMPARE(exitCode, int(ExitOk));
    QVERIFY2(out.contains("3000 events per round, 2 round(s), batches of up to 500"), out.constData());
    QVERIFY(out.contains("  store       "));
    QVERIFY(out.contains("  raw SQLite  "));
    QVERIFY(out.contains("  ratio       "));
    QVERIFY(out.contains("full-text index"));
    // The temporary databases are gone afterwards.
    QCOMPARE(QDir(directory.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
}

void TestBenchCommands::json()
{
    QTemporaryDir directory;
    QByteArray out;
    QCOMPARE(run({ u"bench"_s, u"store"_s, u"--events"_s, u"2000"_s, u"--producers"_s, u"2"_s, u"--dir"_s,
                   directory.path(), u"--json"_s },
                 &out),
             int(ExitOk));
    const QJsonObject json = QJsonDocument::fromJson(out).object();
    QCOMPARE(json.value("events"_L1).toInteger(), 2000);
    QCOMPARE(json.value("producers"_L1).toInteger(), 2);
    const double store = json.value("store"_L1).toObject().value("events_per_second"_L1).toDouble();
    const double raw = json.value("raw"_L1).toObject().value("events_per_second"_L1).toDouble();
    QVERIFY(store > 0 && raw > 0);
    QCOMPARE(json.value("rounds"_L1).toInteger(), 3);
    // The ratio is the median of the rounds' own ratios, so it lies within
    // their range rather than being the ratio of the two medians.
    const double ratio = json.value("ratio"_L1).toDouble();
    QVERIFY(ratio >= json.value("ratio_min"_L1).toDouble() && ratio <= json.value("ratio_max"_L1).toDouble());
    QVERIFY(json.value("store"_L1).toObject().value("commits"_L1).toInteger() >= 1);
}

void TestBenchCommands::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("events") << QStringList { u"--events"_s, u"lots"_s }
                            << QByteArray("--events must be a number");
    QTest::addRow("producers") << QStringList { u"--producers"_s, u"0"_s }
                               << QByteArray("--producers must be");
    QTest::addRow("rounds") << QStringList { u"--rounds"_s, u"0"_s }
                            << QByteArray("--rounds must be a number from 1");
    QTest::addRow("unknown") << QStringList { u"--turbo"_s } << QByteArray("Unknown option 'turbo'");
}

void TestBenchCommands::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    QByteArray out;
    QByteArray err;
    QCOMPARE(run(QStringList { u"bench"_s, u"store"_s } + arguments, &out, &err), int(ExitUsage));
    QVERIFY2(err.contains(message), err.constData());
    QVERIFY(err.contains("Usage: delegatectl bench store"));
}

QTEST_GUILESS_MAIN(TestBenchCommands)
#include "tst_benchcommands.moc"
