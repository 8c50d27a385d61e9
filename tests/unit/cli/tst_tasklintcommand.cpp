// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "exitcodes.h"
#include "tasklintcommand.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate::cli;

namespace {

struct Outcome
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs delegatectl in-process, as the executable would, with captured output.
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

QString example(const char *file)
{
    return QStringLiteral(DELEGATE_SOURCE_DIR "/resources/examples/tasks/") + QString::fromLatin1(file);
}

} // namespace

class TestTaskLintCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // The bounded diagnosis example without its environment.
        QFile bounded(example("diagnose-checkout-timeout.yaml"));
        QVERIFY(bounded.open(QIODevice::ReadOnly));
        QByteArray partial = bounded.readAll();
        partial.replace("environment: checkout-investigation\n", "");
        write(QStringLiteral("partial.yaml"), partial);
        write(QStringLiteral("invalid.yaml"),
              "title: t\nobjectve: Find out why.\nlimits:\n  wall_time: soon\n");
        write(QStringLiteral("syntax.yaml"), "objective: x\nscope: [a, b\n");
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("firstLine");

        const auto path = [this](const char *file) {
            return m_dir.filePath(QString::fromLatin1(file));
        };
        QTest::addRow("bounded") << QStringList { QStringLiteral("task"), QStringLiteral("lint"),
                                                  example("audit-findings-to-issues.yaml") }
                                 << 0
                                 << example("audit-findings-to-issues.yaml") + QStringLiteral(": bounded");
        QTest::addRow("partially bounded")
            << QStringList { QStringLiteral("task"), QStringLiteral("lint"), path("partial.yaml") } << 1
            << path("partial.yaml") + QStringLiteral(": partially-bounded (score 79/100)");
        QTest::addRow("unbounded") << QStringList { QStringLiteral("task"), QStringLiteral("lint"),
                                                    example("improve-agent-workflow.yaml") }
                                   << 2
                                   << example("improve-agent-workflow.yaml") + QStringLiteral(": unbounded");
        QTest::addRow("invalid") << QStringList { QStringLiteral("task"), QStringLiteral("lint"),
                                                  path("invalid.yaml") }
                                 << 3 << QString();
        QTest::addRow("syntax error")
            << QStringList { QStringLiteral("task"), QStringLiteral("lint"), path("syntax.yaml") } << 3
            << QString();
        QTest::addRow("no such file")
            << QStringList { QStringLiteral("task"), QStringLiteral("lint"), path("absent.yaml") } << 3
            << QString();
        QTest::addRow("no file") << QStringList { QStringLiteral("task"), QStringLiteral("lint") }
                                 << int(ExitUsage) << QString();
        QTest::addRow("two files") << QStringList { QStringLiteral("task"), QStringLiteral("lint"),
                                                    path("partial.yaml"), path("invalid.yaml") }
                                   << int(ExitUsage) << QString();
        QTest::addRow("unknown option") << QStringList { QStringLiteral("task"), QStringLiteral("lint"),
                                                         QStringLiteral("--yaml"), path("partial.yaml") }
                                        << int(ExitUsage) << QString();
        QTest::addRow("help") << QStringList { QStringLiteral("task"), QStringLiteral("lint"),
                                               QStringLiteral("--help") }
                              << 0 << QStringLiteral("Usage: delegatectl task lint FILE [--json]");
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, firstLine);
        const Outcome outcome = delegatectl(arguments);
        QVERIFY2(outcome.exitCode == exitCode, qPrintable(outcome.out + outcome.err));
        if (!firstLine.isEmpty())
            QVERIFY2(outcome.out.section(u'\n', 0, 0).startsWith(firstLine), qPrintable(outcome.out));
        if (exitCode == int(ExitUsage))
            QVERIFY2(outcome.err.contains(QStringLiteral("Usage: delegatectl task lint")),
                     qPrintable(outcome.err));
    }

    void printsEachFindingAsABlock()
    {
        const Outcome outcome = delegatectl({ QStringLiteral("task"), QStringLiteral("lint"),
                                              m_dir.filePath(QStringLiteral("partial.yaml")) });
        QCOMPARE(outcome.exitCode, 1);
        QVERIFY2(outcome.out.contains(QStringLiteral("  missing  an environment that fits")),
                 qPrintable(outcome.out));
        QVERIFY2(outcome.out.contains(QStringLiteral("  ok       bounded scope and context")),
                 qPrintable(outcome.out));
        const qsizetype block =
            outcome.out.indexOf(QStringLiteral("\nerror: environment  [environment-missing, environment]\n"));
        QVERIFY2(block >= 0, qPrintable(outcome.out));
        const QStringList lines = outcome.out.mid(block + 1).split(u'\n');
        QCOMPARE(lines.at(1), QStringLiteral("  problem  No environment is named."));
        QVERIFY(lines.at(2).startsWith(QStringLiteral("  why      The agent needs")));
        // Long lines wrap under their text.
        qsizetype fix = 3;
        while (fix < lines.size() && lines.at(fix).startsWith(QString(11, u' ')))
            ++fix;
        QVERIFY2(fix < lines.size()
                     && lines.at(fix).startsWith(QStringLiteral("  fix      Set `environment:`")),
                 qPrintable(outcome.out));
        QVERIFY(outcome.err.isEmpty());
    }

    void printsFileErrors()
    {
        const QString path = m_dir.filePath(QStringLiteral("invalid.yaml"));
        const Outcome outcome = delegatectl({ QStringLiteral("task"), QStringLiteral("lint"), path });
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY(outcome.out.isEmpty());
        const QStringList lines = outcome.err.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(
            lines.at(0),
            path
                + QStringLiteral(":1:1: objective: is required: expected text (is `objectve` meant to be "
                                 "`objective`?)"));
        QCOMPARE(lines.at(1),
                 path + QStringLiteral(":2:1: objectve: unknown key `objectve`; did you mean `objective`?"));
        QVERIFY2(
            lines.at(2).startsWith(path + QStringLiteral(":4:14: limits.wall_time: expected a duration")),
            qPrintable(lines.at(2)));
        QVERIFY(lines.at(3).contains(QStringLiteral("not a valid task file")));
    }

    void json_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("verdict");
        QTest::addRow("bounded") << example("review-agent-harness.yaml") << 0 << QStringLiteral("bounded");
        QTest::addRow("partially bounded")
            << m_dir.filePath(QStringLiteral("partial.yaml")) << 1 << QStringLiteral("partially-bounded");
        QTest::addRow("unbounded") << example("fix-production-error.yaml") << 2
                                   << QStringLiteral("unbounded");
        QTest::addRow("invalid") << m_dir.filePath(QStringLiteral("invalid.yaml")) << 3
                                 << QStringLiteral("invalid");
    }

    void json()
    {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, verdict);
        // The option may come before or after the file.
        const Outcome outcome =
            delegatectl({ QStringLiteral("task"), QStringLiteral("lint"), QStringLiteral("--json"), file });
        QCOMPARE(outcome.exitCode, exitCode);
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(outcome.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(outcome.out));
        QCOMPARE(json.value(QLatin1String("file")).toString(), file);
        QCOMPARE(json.value(QLatin1String("verdict")).toString(), verdict);
        QVERIFY(outcome.err.isEmpty());
        if (verdict == QLatin1String("invalid")) {
            const QJsonArray errors = json.value(QLatin1String("errors")).toArray();
            QCOMPARE(errors.size(), 3);
            const QJsonObject last = errors.at(2).toObject();
            QCOMPARE(last.value(QLatin1String("path")).toString(), QStringLiteral("limits.wall_time"));
            QCOMPARE(last.value(QLatin1String("line")).toInt(), 4);
            QCOMPARE(last.value(QLatin1String("column")).toInt(), 14);
            return;
        }
        const int score = json.value(QLatin1String("score")).toInt(-1);
        QVERIFY(score >= 0 && score <= 100);
        QCOMPARE(json.value(QLatin1String("elements")).toArray().size(), 4);
        const QJsonArray findings = json.value(QLatin1String("findings")).toArray();
        for (const QJsonValue &finding : findings) {
            for (const char *key : { "severity", "element", "rule", "field", "problem", "why", "fix" })
                QVERIFY2(!finding.toObject().value(QLatin1String(key)).toString().isEmpty(), key);
        }
        if (verdict == QLatin1String("partially-bounded"))
            QCOMPARE(findings.at(0).toObject().value(QLatin1String("rule")).toString(),
                     QStringLiteral("environment-missing"));
    }

    void listedInHelp()
    {
        const Outcome outcome = delegatectl({ QStringLiteral("--help") });
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.out.contains(QStringLiteral("  task lint")), qPrintable(outcome.out));
    }

private:
    void write(const QString &name, const QByteArray &contents)
    {
        QFile file(m_dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(contents), contents.size());
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestTaskLintCommand)
#include "tst_tasklintcommand.moc"
