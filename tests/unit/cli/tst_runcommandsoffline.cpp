// SPDX-License-Identifier: GPL-3.0-or-later
// What the engine commands decide before they reach an engine: arguments,
// task, environment and skill files, targets, and how they write numbers.
// tst_runcommands runs them against a real engine.
#include "commandregistry.h"
#include "commands.h"
#include "console.h"
#include "exitcodes.h"
#include "humanformat.h"

#include "domain/repositorypath.h"
#include "skills/batchtargets.h"
#include "skills/skilltask.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
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

Skill flakySkill()
{
    Skill skill;
    skill.name = u"flaky-check"_s;
    skill.description = u"Runs a test command a few times."_s;
    skill.parameters = { { u"test_command"_s, u"the command that runs the tests"_s, true, {} },
                         { u"runs"_s, u"how many times"_s, false, u"2"_s } };
    skill.expectedArtifact.kind = ArtifactKind::Report;
    skill.expectedArtifact.description = u"counts over {{runs}} runs"_s;
    skill.checkpointPolicy = CheckpointPolicy::ReviewBeforeAction;
    skill.verifyCommands = { u"{{test_command}}"_s };
    PlaybookStep step;
    step.command = u"{{test_command}}"_s;
    skill.playbook = { step };
    return skill;
}

} // namespace

class TestRunCommandsOffline final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;

    QString path(const QString &relative) const { return m_root.filePath(relative); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_root.isValid());
        qunsetenv("DELEGATE_ENGINE_URL");
        qunsetenv("DELEGATE_TOKEN");
        qunsetenv("DELEGATE_TOKEN_FILE");
        // An empty runtime directory: no test may find (or start) the user's engine.
        qputenv("DELEGATE_RUNTIME_DIR", QFile::encodeName(path(u"runtime"_s)));
        QVERIFY(writeFile(path(u"tasks/elsewhere.yaml"_s),
                          "objective: Fix it somewhere.\nenvironment: nowhere\n"));
        QVERIFY(writeFile(path(u"tasks/unnamed.yaml"_s), "objective: Fix it somewhere.\n"));
        QVERIFY(writeFile(path(u"tasks/broken.yaml"_s), "objectve: Fix it.\n"));
        QVERIFY(writeFile(path(u"environments/python.yaml"_s), "name: python\n"));
        QVERIFY(writeFile(
            path(u"skills/flaky-check/SKILL.md"_s),
            "---\nname: flaky-check\ndescription: Runs a test command a few times.\n---\nRun it.\n"));
        QVERIFY(
            writeFile(path(u"skills/flaky-check/delegate.yaml"_s),
                      "parameters:\n  - name: test_command\n    description: the tests\n    required: true\n"
                      "playbook:\n  - command: \"{{test_command}}\"\n"));
        QVERIFY(writeFile(path(u"targets.txt"_s), "# commands\npytest -v\n\nctest\n"));
    }

    void formatsNumbersForPeople_data()
    {
        QTest::addColumn<qint64>("tokens");
        QTest::addColumn<QString>("text");
        QTest::addRow("few") << qint64(950) << u"950"_s;
        QTest::addRow("thousands") << qint64(12'400) << u"12.4k"_s;
        QTest::addRow("round thousands") << qint64(3'000) << u"3k"_s;
        QTest::addRow("hundreds of thousands") << qint64(124'456) << u"124k"_s;
        QTest::addRow("almost a million") << qint64(999'960) << u"1M"_s;
        QTest::addRow("millions") << qint64(1'200'000) << u"1.2M"_s;
    }
    void formatsNumbersForPeople()
    {
        QFETCH(qint64, tokens);
        QFETCH(QString, text);
        QCOMPARE(HumanFormat::tokens(tokens), text);
    }

    void formatsCostsAndAges()
    {
        QCOMPARE(HumanFormat::cost(0.75), u"$0.75"_s);
        QCOMPARE(HumanFormat::cost(0), u"-"_s);
        QCOMPARE(HumanFormat::cost(0.001), u"<$0.01"_s);
        const QDateTime now = QDateTime::fromString(u"2024-05-01T12:00:00.000Z"_s, Qt::ISODateWithMs);
        QCOMPARE(HumanFormat::age(now.addSecs(-45), now), u"45s"_s);
        QCOMPARE(HumanFormat::age(now.addSecs(-3 * 3600 - 5), now), u"3h"_s);
        QCOMPARE(HumanFormat::age(now.addDays(-2), now), u"2d"_s);
    }

    void readsTargets_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("csv");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("firstValue");
        QTest::addColumn<QString>("error");
        QTest::addRow("lines, comments and blanks")
            << u"# commands\npytest -v\n\n  ctest  \n"_s << false << 2 << u"pytest -v"_s << QString();
        QTest::addRow("csv with quotes") << u"cmd,runs\n\"pytest -k \"\"a, b\"\"\",3\n"_s << true << 1
                                         << u"pytest -k \"a, b\""_s << QString();
        QTest::addRow("csv, short row") << u"cmd,runs\npytest\n"_s << true << 0 << QString()
                                        << u":2: 1 fields, but the header row has 2 columns (cmd, runs)"_s;
        QTest::addRow("csv, open quote") << u"cmd\n\"pytest\n"_s << true << 0 << QString()
                                         << u":2: a quoted field is not closed (fields cannot span lines)"_s;
        QTest::addRow("nothing") << u"# only a comment\n"_s << false << 0 << QString()
                                 << u": no targets (one a line; # starts a comment)"_s;
    }
    void readsTargets()
    {
        QFETCH(QString, text);
        QFETCH(bool, csv);
        QFETCH(int, count);
        QFETCH(QString, firstValue);
        QFETCH(QString, error);
        QString problem;
        const auto targets = BatchTargets::parse(text, csv, u"cmd"_s, &problem);
        QCOMPARE(problem, error);
        QCOMPARE(targets ? int(targets->size()) : 0, count);
        if (count > 0)
            QCOMPARE(targets->constFirst().values.value(u"cmd"_s), firstValue);
    }

    void resolvesRepositories_data()
    {
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("resolved");
        QTest::addRow("relative") << u"../repos/app"_s << u"/work/repos/app"_s;
        QTest::addRow("absolute") << u"/srv/git/app"_s << u"/srv/git/app"_s;
        QTest::addRow("home") << u"~/src/app"_s << QDir::homePath() + u"/src/app"_s;
        QTest::addRow("https") << u"https://git.example.com/app.git"_s
                               << u"https://git.example.com/app.git"_s;
        QTest::addRow("scp-like") << u"git@example.com:team/app.git"_s << u"git@example.com:team/app.git"_s;
        QTest::addRow("none") << QString() << QString();
    }
    void resolvesRepositories()
    {
        QFETCH(QString, repository);
        QFETCH(QString, resolved);
        QCOMPARE(RepositoryPath::resolve(repository, u"/work/tasks"_s), resolved);
    }

    void makesATaskFromASkill()
    {
        TaskSpec base;
        base.title = u"Flaky tests in {{test_command}}"_s;
        base.limits.steps = 10;
        QString problem;
        const auto task =
            SkillTask::make(flakySkill(), base, { { u"test_command"_s, u"pytest -v"_s } }, &problem);
        QVERIFY2(task, qPrintable(problem));
        QCOMPARE(task->title, u"Flaky tests in pytest -v"_s);
        QVERIFY(task->objective.contains(u"flaky-check"_s));
        QVERIFY(task->objective.contains(u"runs = 2"_s));
        QCOMPARE(task->skill.name, u"flaky-check"_s);
        QCOMPARE(task->skill.parameters.value(u"runs"_s), u"2"_s);
        QCOMPARE(task->expectedArtifact.kind, ArtifactKind::Report);
        QCOMPARE(task->expectedArtifact.description, u"counts over 2 runs"_s);
        QCOMPARE(task->checkpointPolicy, CheckpointPolicy::ReviewBeforeAction);
        QCOMPARE(task->verifyCommands, QStringList { u"pytest -v"_s });
        QCOMPARE(task->agent.runtime, AgentSpec::Runtime::Playbook);
        QCOMPARE(task->limits.steps, 10);

        // A template that names a model keeps its agent.
        base.agent.model = u"gpt-4.1"_s;
        const auto withModel =
            SkillTask::make(flakySkill(), base, { { u"test_command"_s, u"ctest"_s } }, &problem);
        QVERIFY(withModel);
        QCOMPARE(withModel->agent.runtime, AgentSpec::Runtime::Builtin);
    }

    void refusesWhatASkillDoesNotTake_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QStringList>("given");
        QTest::addColumn<QString>("error");
        QTest::addRow("a missing required value")
            << QString() << QStringList()
            << u"the skill flaky-check needs a value for its parameter 'test_command' (the command that runs "
               "the tests)"_s;
        QTest::addRow("an unknown parameter")
            << QString() << QStringList { u"test_command=ctest"_s, u"since=monday"_s }
            << u"the skill flaky-check has no parameter 'since'; it takes: test_command, runs"_s;
        QTest::addRow("an unknown placeholder")
            << u"{{service}} tests"_s << QStringList { u"test_command=ctest"_s }
            << u"{{service}} is not a parameter of the skill; it takes: runs, test_command"_s;
    }
    void refusesWhatASkillDoesNotTake()
    {
        QFETCH(QString, title);
        QFETCH(QStringList, given);
        QFETCH(QString, error);
        TaskSpec base;
        base.title = title;
        QMap<QString, QString> values;
        for (const QString &value : std::as_const(given))
            values.insert(value.section(u'=', 0, 0), value.section(u'=', 1));
        QString problem;
        QVERIFY(!SkillTask::make(flakySkill(), base, values, &problem));
        QCOMPARE(problem, error);
    }

    // Everything that goes wrong before a connection: no engine needed, and
    // none is started.
    void refusesBeforeConnecting_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::addRow("no engine runs") << QStringList { u"ls"_s, u"--no-start"_s } << int(ExitUnavailable)
                                        << u"delegatectl ls: No engine is running"_s;
        QTest::addRow("not a verdict") << QStringList { u"review"_s, u"run-1"_s, u"lgtm"_s } << int(ExitUsage)
                                       << u"the verdict is approve, changes or reject, not 'lgtm'"_s;
        QTest::addRow("changes without a word") << QStringList { u"review"_s, u"run-1"_s, u"changes"_s }
                                                << int(ExitUsage) << u"say what to change"_s;
        QTest::addRow("a comment without a line")
            << QStringList { u"review"_s, u"run-1"_s, u"changes"_s, u"--comment"_s, u"sum.py:six:Hm."_s }
            << int(ExitUsage) << u"--comment expects FILE:LINE:TEXT"_s;
        QTest::addRow("a parameter before its action") << QStringList { u"act"_s, u"run-1"_s, u"message=x"_s }
                                                       << int(ExitUsage) << u"no action comes before it"_s;
        QTest::addRow("an answer without text")
            << QStringList { u"answer"_s, u"run-1:call_1"_s } << int(ExitUsage) << u"what is the answer?"_s;
        QTest::addRow("two verdicts")
            << QStringList { u"answer"_s, u"run-1:call_1"_s, u"--approve"_s, u"--reject"_s } << int(ExitUsage)
            << u"one of --approve, --changes and --reject"_s;
        QTest::addRow("a token for no engine") << QStringList { u"ls"_s, u"--token"_s, u"secret"_s }
                                               << int(ExitUsage) << u"--token goes with --engine URL"_s;
        QTest::addRow("not a WebSocket URL")
            << QStringList { u"ls"_s, u"--engine"_s, u"http://localhost:1"_s } << int(ExitUsage)
            << u"--engine expects a ws:// or wss:// URL"_s;
        QTest::addRow("too many attempts")
            << QStringList { u"submit"_s, u"%ROOT%/tasks/elsewhere.yaml"_s, u"--attempts"_s, u"33"_s }
            << int(ExitUsage) << u"--attempts must be a number from 1 to 32"_s;
        QTest::addRow("a missing environment file")
            << QStringList { u"submit"_s, u"%ROOT%/tasks/elsewhere.yaml"_s } << int(ExitInputError)
            << u"delegatectl submit: cannot find the environment 'nowhere' that %ROOT%/tasks/elsewhere.yaml "
               "names; looked for\n  %ROOT%/tasks/nowhere.yaml\n  %ROOT%/environments/nowhere.yaml\n"
               "Pass --env ENV.yaml to name its file.\n"_s;
        QTest::addRow("no environment named") << QStringList { u"submit"_s, u"%ROOT%/tasks/unnamed.yaml"_s }
                                              << int(ExitInputError) << u"names no environment"_s;
        QTest::addRow("an invalid task file")
            << QStringList { u"submit"_s, u"%ROOT%/tasks/broken.yaml"_s } << int(ExitInputError)
            << u"broken.yaml:1:1: objectve: unknown key `objectve`; did you mean `objective`?"_s;
        QTest::addRow("a batch without targets")
            << QStringList { u"batch"_s, u"%ROOT%/skills/flaky-check"_s, u"--env"_s,
                             u"%ROOT%/environments/python.yaml"_s }
            << int(ExitUsage) << u"--targets FILE is required"_s;
        QTest::addRow("a batch with a wrong parameter")
            << QStringList { u"batch"_s,     u"%ROOT%/skills/flaky-check"_s,
                             u"--env"_s,     u"%ROOT%/environments/python.yaml"_s,
                             u"--targets"_s, u"%ROOT%/targets.txt"_s,
                             u"--param"_s,   u"runs=3"_s }
            << int(ExitInputError)
            << u"%ROOT%/targets.txt:2: the skill flaky-check has no parameter 'runs'; it takes: test_command."_s;
    }
    void refusesBeforeConnecting()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, message);
        for (QString &argument : arguments)
            argument.replace(u"%ROOT%"_s, m_root.path());
        message.replace(u"%ROOT%"_s, m_root.path());
        const Outcome outcome = delegatectl(arguments);
        QVERIFY2(outcome.exitCode == code,
                 qPrintable(u"exit %1: %2"_s.arg(outcome.exitCode).arg(outcome.err)));
        QVERIFY2(outcome.err.contains(message), qPrintable(outcome.err));
        QVERIFY(outcome.out.isEmpty());
        // Nothing was started on the way.
        QVERIFY(!QFileInfo::exists(path(u"runtime/engine.json"_s)));
    }

    void previewsABatch()
    {
        const Outcome outcome = delegatectl({ u"batch"_s, path(u"skills/flaky-check"_s), u"--env"_s,
                                              path(u"environments/python.yaml"_s), u"--targets"_s,
                                              path(u"targets.txt"_s), u"--dry-run"_s });
        QVERIFY2(outcome.exitCode == ExitOk, qPrintable(outcome.err));
        QCOMPARE(outcome.out,
                 u"2 task(s) from skill flaky-check in environment python:\n"
                 "  LINE  LINT               TITLE                   PARAMETERS\n"
                 "  2     partially-bounded  flaky-check: pytest -v  test_command=pytest -v\n"
                 "  4     partially-bounded  flaky-check: ctest      test_command=ctest\n"
                 "Dry run: nothing was submitted.\n"_s);
    }

    void helpShowsUsageWithAnExample_data()
    {
        QTest::addColumn<QStringList>("command");
        for (const char *name : { "submit", "batch", "ls", "show", "watch", "checkpoints", "answer", "review",
                                  "act", "cancel", "pause", "resume", "steer" })
            QTest::addRow("%s", name) << QStringList { QString::fromLatin1(name) };
        QTest::addRow("engine status") << QStringList { u"engine"_s, u"status"_s };
    }
    void helpShowsUsageWithAnExample()
    {
        QFETCH(QStringList, command);
        const Outcome help = delegatectl(command + QStringList { u"--help"_s });
        QCOMPARE(help.exitCode, int(ExitOk));
        QVERIFY(help.out.startsWith(u"Usage: delegatectl "_s + command.join(u' ')));
        QVERIFY2(help.out.contains(u"Example"_s), qPrintable(help.out));
        QVERIFY(help.out.contains(u"--engine URL"_s));
        QVERIFY(help.err.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRunCommandsOffline)
#include "tst_runcommandsoffline.moc"
