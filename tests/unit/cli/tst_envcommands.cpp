// SPDX-License-Identifier: GPL-3.0-or-later
// delegatectl env check and env capabilities, run in-process as the
// executable runs them: exit codes, text and JSON.
#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "envcommands.h"
#include "exitcodes.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

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

QString example(const QString &kind, const char *file)
{
    return QStringLiteral(DELEGATE_SOURCE_DIR "/resources/examples/") + kind + u'/'
        + QString::fromLatin1(file);
}

QString environmentFile(const char *file)
{
    return example(u"environments"_s, file);
}

QString taskFile(const char *file)
{
    return example(u"tasks"_s, file);
}

QJsonObject parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(error.errorString()), qPrintable(text));
    return document.object();
}

} // namespace

class TestEnvCommands final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &contents)
    {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            qWarning("cannot write %s", qPrintable(file.fileName()));
        file.write(contents);
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        write(u"reader.yaml"_s, "name: reader\ncapabilities: {repository: read, tools: [make]}\n");
        write(u"report.yaml"_s,
              "title: Explain the build failure\nobjective: Find out why the build fails.\n"
              "scope: {repository: ., base_ref: main}\nexpected_artifact: {kind: report}\n"
              "verify: [make check]\nenvironment: reader\n");
        write(u"invalid-env.yaml"_s, "name: broken\ncapabilities: {repository: maybe}\n");
        write(u"invalid-task.yaml"_s, "title: t\nobjectve: typo\n");
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("firstLine");

        const auto args = [](const QString &a, const QString &b) {
            return QStringList { u"env"_s, u"check"_s, a, b };
        };
        const QString reader = m_dir.filePath(u"reader.yaml"_s);
        const QString report = m_dir.filePath(u"report.yaml"_s);
        QTest::addRow("aligned") << args(reader, report) << 0
                                 << reader + u" for "_s + report + u": aligned"_s;
        QTest::addRow("excess") << args(environmentFile("checkout-investigation.yaml"),
                                        taskFile("diagnose-checkout-timeout.yaml"))
                                << 1
                                << environmentFile("checkout-investigation.yaml") + u" for "_s
                + taskFile("diagnose-checkout-timeout.yaml") + u": excess"_s;
        QTest::addRow("missing") << args(environmentFile("repository-reader.yaml"),
                                         taskFile("review-agent-harness.yaml"))
                                 << 2 << QString();
        QTest::addRow("invalid environment")
            << args(m_dir.filePath(u"invalid-env.yaml"_s), report) << 3 << QString();
        QTest::addRow("invalid task")
            << args(reader, m_dir.filePath(u"invalid-task.yaml"_s)) << 3 << QString();
        QTest::addRow("no such file") << args(reader, m_dir.filePath(u"absent.yaml"_s)) << 3 << QString();
        QTest::addRow("one file") << QStringList { u"env"_s, u"check"_s, reader } << int(ExitUsage)
                                  << QString();
        QTest::addRow("three files") << (args(reader, report) << report) << int(ExitUsage) << QString();
        QTest::addRow("unknown option")
            << (args(reader, report) << u"--yaml"_s) << int(ExitUsage) << QString();
        QTest::addRow("help") << QStringList { u"env"_s, u"check"_s, u"--help"_s } << 0
                              << u"Usage: delegatectl env check ENV.yaml TASK.yaml [--skill DIR] [--json]"_s;
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, firstLine);
        const Outcome outcome = delegatectl(arguments);
        QVERIFY2(outcome.exitCode == exitCode, qPrintable(outcome.out + outcome.err));
        if (!firstLine.isEmpty())
            QCOMPARE(outcome.out.section(u'\n', 0, 0), firstLine);
        if (exitCode == int(ExitUsage))
            QVERIFY2(outcome.err.contains(u"Usage: delegatectl env check"_s), qPrintable(outcome.err));
    }

    void printsEachFindingWithItsFix()
    {
        const Outcome outcome =
            delegatectl({ u"env"_s, u"check"_s, environmentFile("checkout-investigation.yaml"),
                          taskFile("review-agent-harness.yaml") });
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY(outcome.err.isEmpty());
        const QStringList lines = outcome.out.split(u'\n');
        QVERIFY2(lines.at(1).startsWith(u"The task cannot be done in this environment"_s),
                 qPrintable(outcome.out));
        const qsizetype block =
            lines.indexOf(u"missing network.allowlist  (Reach listed hosts): api.openai.com"_s);
        QVERIFY2(block > 0, qPrintable(outcome.out));
        QVERIFY(
            lines.at(block + 1).startsWith(u"  why      The task reaches hosts the allowlist does not"_s));
        qsizetype fix = block + 2;
        while (fix < lines.size() && lines.at(fix).startsWith(QString(11, u' ')))
            ++fix;
        QCOMPARE(
            lines.at(fix),
            u"  fix      set `network: {mode: allowlist, hosts: [api.openai.com]}` under capabilities"_s);
        // Excess findings say what the grant risks, from the catalogue.
        const qsizetype excess = lines.indexOf(u"excess  secrets  (Use a secret): LOGS_API_TOKEN"_s);
        QVERIFY2(excess > block, qPrintable(outcome.out));
        QVERIFY2(outcome.out.indexOf(u"  risk     A command can use the credential"_s)
                     > outcome.out.indexOf(lines.at(excess)),
                 qPrintable(outcome.out));
        QVERIFY2(
            outcome.out.contains(u"note: The task names the environment `repository-reader`; this one is "
                                 "`checkout-investigation`."_s),
            qPrintable(outcome.out));
        // Explanations wrap at 100 columns under their label.
        for (const QString &line : lines) {
            if (line.startsWith(u"  "_s))
                QVERIFY2(line.size() <= 100 || !line.trimmed().contains(u' '), qPrintable(line));
        }
    }

    void json_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("task");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<int>("findings");
        QTest::addRow("aligned") << m_dir.filePath(u"reader.yaml"_s) << m_dir.filePath(u"report.yaml"_s) << 0
                                 << u"aligned"_s << 0;
        QTest::addRow("excess") << environmentFile("checkout-investigation.yaml")
                                << taskFile("diagnose-checkout-timeout.yaml") << 1 << u"excess"_s << 2;
        QTest::addRow("missing") << environmentFile("repository-reader.yaml")
                                 << taskFile("review-agent-harness.yaml") << 2 << u"missing"_s << 4;
        QTest::addRow("invalid") << m_dir.filePath(u"invalid-env.yaml"_s)
                                 << m_dir.filePath(u"invalid-task.yaml"_s) << 3 << u"invalid"_s << 0;
    }

    void json()
    {
        QFETCH(QString, environment);
        QFETCH(QString, task);
        QFETCH(int, exitCode);
        QFETCH(QString, verdict);
        QFETCH(int, findings);
        const Outcome outcome = delegatectl({ u"env"_s, u"check"_s, u"--json"_s, environment, task });
        QCOMPARE(outcome.exitCode, exitCode);
        QVERIFY2(outcome.err.isEmpty(), qPrintable(outcome.err));
        const QJsonObject object = parseJson(outcome.out);
        QCOMPARE(object.value(u"verdict"_s).toString(), verdict);
        QCOMPARE(object.value(u"environment"_s).toObject().value(u"file"_s).toString(), environment);
        QCOMPARE(object.value(u"task"_s).toObject().value(u"file"_s).toString(), task);
        if (verdict == u"invalid"_s) {
            const QJsonArray errors = object.value(u"errors"_s).toArray();
            // Both files are read, so both files' errors are there.
            QCOMPARE(errors.size(), 3);
            QCOMPARE(errors.at(0).toObject().value(u"file"_s).toString(), environment);
            QCOMPARE(errors.at(1).toObject().value(u"file"_s).toString(), task);
            QCOMPARE(errors.at(2).toObject().value(u"file"_s).toString(), task);
            return;
        }
        const QJsonArray array = object.value(u"findings"_s).toArray();
        QCOMPARE(array.size(), findings);
        for (const QJsonValue &value : array) {
            const QJsonObject finding = value.toObject();
            const QStringList keys = finding.keys();
            QCOMPARE(keys,
                     (QStringList { u"capability"_s, u"explanation"_s, u"field"_s, u"fix"_s, u"items"_s,
                                    u"kind"_s, u"value"_s }));
            QVERIFY(finding.value(u"field"_s).toString().startsWith(u"capabilities."_s));
        }
        QVERIFY(object.value(u"needs"_s).isObject());
        QVERIFY(!object.value(u"environment"_s).toObject().value(u"name"_s).toString().isEmpty());
    }

    void invalidFilesSayWhere()
    {
        const QString environment = m_dir.filePath(u"invalid-env.yaml"_s);
        const Outcome outcome =
            delegatectl({ u"env"_s, u"check"_s, environment, m_dir.filePath(u"report.yaml"_s) });
        QCOMPARE(outcome.exitCode, 3);
        QVERIFY(outcome.out.isEmpty());
        QVERIFY2(outcome.err.startsWith(environment + u":2:"_s), qPrintable(outcome.err));
        QVERIFY2(outcome.err.contains(u"capabilities.repository"_s), qPrintable(outcome.err));
        QVERIFY2(outcome.err.contains(u"not a valid environment file"_s), qPrintable(outcome.err));
    }

    void skillNeedsCountWhenGiven()
    {
        const QString task = write(
            u"flaky.yaml"_s,
            "title: Find flaky tests\nobjective: Run the suite ten times and report the flaky tests.\n"
            "scope: {repository: ., base_ref: main}\nexpected_artifact: {kind: report}\n"
            "skill: {name: investigate-flaky-tests, parameters: {test_command: ctest --output-on-failure}}\n"
            "agent: {runtime: playbook}\nenvironment: reader\n");
        const QString environment = m_dir.filePath(u"reader.yaml"_s);
        const QString skill = QStringLiteral(DELEGATE_SOURCE_DIR "/resources/skills/investigate-flaky-tests");

        const Outcome with =
            delegatectl({ u"env"_s, u"check"_s, environment, task, u"--skill"_s, skill, u"--json"_s });
        QCOMPARE(with.exitCode, 2);
        const QJsonObject object = parseJson(with.out);
        QStringList findings;
        for (const QJsonValue &value : object.value(u"findings"_s).toArray()) {
            const QJsonObject finding = value.toObject();
            findings.append(finding.value(u"kind"_s).toString() + u' '
                            + finding.value(u"capability"_s).toString() + u' '
                            + finding.value(u"items"_s).toVariant().toStringList().join(u',') + u' '
                            + finding.value(u"value"_s).toString());
        }
        // The skill writes caches into the tree and runs the test command.
        QCOMPARE(findings,
                 (QStringList { u"missing repository.write  write"_s, u"missing tools ctest [ctest]"_s,
                                u"excess tools make [ctest]"_s }));
        QCOMPARE(object.value(u"skill"_s).toObject().value(u"name"_s).toString(),
                 u"investigate-flaky-tests"_s);
        QVERIFY(object.value(u"notes"_s).toArray().isEmpty());

        // Without the skill, the check says what it could not judge.
        const Outcome without = delegatectl({ u"env"_s, u"check"_s, environment, task });
        QCOMPARE(without.exitCode, 1);
        QVERIFY2(without.out.contains(
                     u"note: The task uses the skill `investigate-flaky-tests`, whose required"_s),
                 qPrintable(without.out));

        const Outcome invalid =
            delegatectl({ u"env"_s, u"check"_s, environment, task, u"--skill"_s, m_dir.path() });
        QCOMPARE(invalid.exitCode, 3);
        QVERIFY2(invalid.err.contains(u"not a valid skill folder"_s), qPrintable(invalid.err));
    }

    void capabilitiesCatalogue()
    {
        const Outcome text = delegatectl({ u"env"_s, u"capabilities"_s });
        QCOMPARE(text.exitCode, 0);
        for (const QString &key :
             { u"repository.read"_s, u"network.full"_s, u"secrets"_s, u"limits.wall_time"_s })
            QVERIFY2(text.out.contains(u'\n' + key) || text.out.startsWith(key), qPrintable(key));
        QVERIFY(text.out.contains(u"  grant    network: full\n"_s));

        const Outcome json = delegatectl({ u"env"_s, u"capabilities"_s, u"--json"_s });
        QCOMPARE(json.exitCode, 0);
        const QJsonArray catalogue = parseJson(json.out).value(u"capabilities"_s).toArray();
        QCOMPARE(catalogue.size(), 13);
        QCOMPARE(catalogue.at(0).toObject().value(u"level"_s).toString(), u"medium"_s);
    }

    void capabilitiesOfAnEnvironment()
    {
        const Outcome text =
            delegatectl({ u"env"_s, u"capabilities"_s, environmentFile("checkout-investigation.yaml") });
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(u"\n  high   Use a secret: LOGS_API_TOKEN\n"_s), qPrintable(text.out));
        QVERIFY2(text.out.contains(u"\n  medium Reach listed hosts: logs.example.com\n"_s),
                 qPrintable(text.out));

        const Outcome json = delegatectl(
            { u"env"_s, u"capabilities"_s, u"--json"_s, environmentFile("repository-reader.yaml") });
        QCOMPARE(json.exitCode, 0);
        const QJsonArray grants = parseJson(json.out).value(u"grants"_s).toArray();
        QCOMPARE(grants.size(), 8); // read, 4 tools, 3 limits
        QCOMPARE(grants.at(0).toObject().value(u"capability"_s).toString(), u"repository.read"_s);

        const Outcome invalid =
            delegatectl({ u"env"_s, u"capabilities"_s, m_dir.filePath(u"invalid-env.yaml"_s) });
        QCOMPARE(invalid.exitCode, int(ExitInputError));
    }
};

QTEST_GUILESS_MAIN(TestEnvCommands)
#include "tst_envcommands.moc"
