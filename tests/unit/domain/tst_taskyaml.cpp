// SPDX-License-Identifier: GPL-3.0-or-later
#include "domainsamples.h"

#include "domain/environmentyaml.h"
#include "domain/quantities.h"
#include "domain/taskyaml.h"
#include "domain/yamldocument.h"
#include "domain/yamlwriter.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(delegate::TaskSpec)
Q_DECLARE_METATYPE(delegate::EnvironmentProfile)

using namespace delegate;
using namespace std::chrono_literals;

namespace {

QString examples(const char *kind)
{
    return QStringLiteral(DELEGATE_SOURCE_DIR "/resources/examples/") + QString::fromLatin1(kind);
}

QString describe(const SourceErrors &errors)
{
    QStringList lines;
    for (const SourceError &error : errors)
        lines.append(error.toString());
    return lines.join(u'\n');
}

} // namespace

class TestTaskYaml final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void exampleTasksLoad_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(examples("tasks"));
        const QStringList files = dir.entryList({ QStringLiteral("*.yaml") }, QDir::Files);
        QVERIFY(files.size() >= 6);
        for (const QString &file : files)
            QTest::addRow("%s", qPrintable(file)) << dir.filePath(file);
    }

    void exampleTasksLoad()
    {
        QFETCH(QString, path);
        const LoadResult<TaskSpec> loaded = TaskYaml::load(path);
        QVERIFY2(loaded.ok(), qPrintable(describe(loaded.errors)));
        QVERIFY(!loaded.value->title.isEmpty());
        QVERIFY(!loaded.value->objective.isEmpty());
    }

    void exampleEnvironmentsLoad_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(examples("environments"));
        const QStringList files = dir.entryList({ QStringLiteral("*.yaml") }, QDir::Files);
        QVERIFY(files.size() >= 2);
        for (const QString &file : files)
            QTest::addRow("%s", qPrintable(file)) << dir.filePath(file);
    }

    void exampleEnvironmentsLoad()
    {
        QFETCH(QString, path);
        const LoadResult<EnvironmentProfile> loaded = EnvironmentYaml::load(path);
        QVERIFY2(loaded.ok(), qPrintable(describe(loaded.errors)));
        // Tasks refer to environments by name; the file is named after it.
        QCOMPARE(loaded.value->name + QStringLiteral(".yaml"), QFileInfo(path).fileName());
    }

    void readsWhatPeopleWrite()
    {
        const LoadResult<TaskSpec> loaded = TaskYaml::load(examples("tasks/diagnose-checkout-timeout.yaml"));
        QVERIFY2(loaded.ok(), qPrintable(describe(loaded.errors)));
        const TaskSpec &task = *loaded.value;
        QCOMPARE(task.scope.baseRef, QStringLiteral("main"));
        QCOMPARE(task.scope.include,
                 QStringList({ QStringLiteral("services/checkout/"), QStringLiteral("deploy/checkout/") }));
        QCOMPARE(task.context.size(), 3);
        QCOMPARE(task.context.at(0).kind, ContextItem::Kind::Text);
        QVERIFY(task.context.at(0).value.endsWith(QStringLiteral("in 15 minutes\n")));
        QCOMPARE(task.context.at(1).kind, ContextItem::Kind::File);
        QCOMPARE(task.context.at(2).kind, ContextItem::Kind::Url);
        QCOMPARE(task.expectedArtifact.kind, std::optional(ArtifactKind::Report));
        QCOMPARE(task.checkpointPolicy, CheckpointPolicy::ReviewBeforeAction);
        QCOMPARE(task.limits.wallTime, std::optional(30min));
        QCOMPARE(task.limits.steps, std::optional<qint64>(40));
        QCOMPARE(task.limits.tokens, std::optional<qint64>(200000));
        QCOMPARE(task.limits.costUsd, std::optional(2.5));
        QCOMPARE(task.agent.runtime, AgentSpec::Runtime::Builtin);

        const LoadResult<EnvironmentProfile> environment =
            EnvironmentYaml::load(examples("environments/checkout-investigation.yaml"));
        QVERIFY2(environment.ok(), qPrintable(describe(environment.errors)));
        QCOMPARE(environment.value->capabilities.network.mode, NetworkAccess::Mode::Allowlist);
        QCOMPARE(environment.value->limits.wallTime, std::optional(45min));
        QCOMPARE(environment.value->capabilities.mounts.constFirst().sandboxPath,
                 QStringLiteral("/mnt/runbooks"));
    }

    void scalarsKeepTheirText()
    {
        // To YAML `2024` is a number and `4.50` too, but to the person who
        // wrote them here they are a tag and a model name.
        const LoadResult<TaskSpec> loaded =
            TaskYaml::parse("objective: x\n"
                            "scope: {base_ref: 2024}\n"
                            "agent: {model: 4.50}\n"
                            "skill: {name: s, parameters: {days: 07, dry_run: true}}\n",
                            QStringLiteral("task.yaml"));
        QVERIFY2(loaded.ok(), qPrintable(describe(loaded.errors)));
        QCOMPARE(loaded.value->scope.baseRef, QStringLiteral("2024"));
        QCOMPARE(loaded.value->agent.model, QStringLiteral("4.50"));
        QCOMPARE(loaded.value->skill.parameters.value(QStringLiteral("days")), QStringLiteral("07"));
        QCOMPARE(loaded.value->skill.parameters.value(QStringLiteral("dry_run")), QStringLiteral("true"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");

        QTest::addRow("bad type") << QByteArray("objective: x\nscope:\n  include: src/\n") << 3 << 12
                                  << QStringLiteral("scope.include")
                                  << QStringLiteral("expected a list, got text");
        QTest::addRow("unknown key, close to a known one")
            << QByteArray("title: t\nobjectve: Find out why.\n") << 2 << 1 << QStringLiteral("objectve")
            << QStringLiteral("unknown key `objectve`; did you mean `objective`?");
        QTest::addRow("unknown nested key")
            << QByteArray("objective: x\nscope:\n  repository: .\n  base-ref: main\n") << 4 << 3
            << QStringLiteral("scope.base-ref") << QStringLiteral("did you mean `base_ref`?");
        QTest::addRow("unknown key, nothing close")
            << QByteArray("objective: x\npriority: high\n") << 2 << 1 << QStringLiteral("priority")
            << QStringLiteral("expected one of acceptance_criteria, agent, attempts");
        QTest::addRow("missing required field")
            << QByteArray("title: t\nscope:\n  repository: .\n") << 1 << 1 << QStringLiteral("objective")
            << QStringLiteral("is required: expected text");
        QTest::addRow("missing nested field")
            << QByteArray("objective: x\nskill:\n  parameters: {a: b}\n") << 2 << 1
            << QStringLiteral("skill.name") << QStringLiteral("is required");
        QTest::addRow("empty required field")
            << QByteArray("title: t\nobjective:\n") << 2 << 1 << QStringLiteral("objective")
            << QStringLiteral("needs a value");
        QTest::addRow("bad duration")
            << QByteArray("objective: x\nlimits:\n  wall_time: 30 minutes\n") << 3 << 14
            << QStringLiteral("limits.wall_time")
            << QStringLiteral("expected a duration such as 90s, 30m, 2h or 1h30m, got `30 minutes`");
        QTest::addRow("bad count") << QByteArray("objective: x\nlimits: {tokens: 200 thousand}\n") << 2 << 18
                                   << QStringLiteral("limits.tokens")
                                   << QStringLiteral("expected a count such as");
        QTest::addRow("mistyped value")
            << QByteArray("objective: x\ncheckpoint_policy: review\n") << 2 << 20
            << QStringLiteral("checkpoint_policy")
            << QStringLiteral("expected one of none, review-plan, review-before-action");
        QTest::addRow("text for number")
            << QByteArray("objective: x\nattempts: two\n") << 2 << 11 << QStringLiteral("attempts")
            << QStringLiteral("expected a whole number, got text");
        QTest::addRow("list element")
            << QByteArray("objective: x\ncontext:\n  - file: docs/a.md\n  - url: logs\n") << 4 << 10
            << QStringLiteral("context[1].url") << QStringLiteral("is not a URL");
        QTest::addRow("duplicate key") << QByteArray("objective: x\ntitle: a\ntitle: b\n") << 3 << 1
                                       << QStringLiteral("title") << QStringLiteral("duplicate key");
        QTest::addRow("syntax error") << QByteArray("objective: x\nscope: [a, b\ntitle: t\n") << 3 << 6
                                      << QString() << QStringLiteral("YAML syntax error: ");
        QTest::addRow("tab indentation") << QByteArray("objective: x\nscope:\n\trepository: .\n") << 3 << 12
                                         << QString() << QStringLiteral("YAML syntax error: ");
        QTest::addRow("empty file") << QByteArray("# nothing yet\n") << 0 << 0 << QString()
                                    << QStringLiteral("the file is empty");
        QTest::addRow("list at the top") << QByteArray("- objective: x\n") << 1 << 1 << QString()
                                         << QStringLiteral("expected a mapping of fields");
    }

    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, path);
        QFETCH(QString, message);

        const QString fileName = QStringLiteral("tasks/broken.yaml");
        const LoadResult<TaskSpec> loaded = TaskYaml::parse(yaml, fileName);
        QVERIFY(!loaded.ok());
        const auto found = std::find_if(loaded.errors.cbegin(), loaded.errors.cend(),
                                        [&](const SourceError &error) { return error.path == path; });
        QVERIFY2(found != loaded.errors.cend(), qPrintable(describe(loaded.errors)));
        QVERIFY2(found->message.contains(message), qPrintable(found->toString()));
        QCOMPARE(found->file, fileName);
        // Syntax errors are placed where yaml-cpp 0.7 reports them.
        QCOMPARE(found->line, line);
        QCOMPARE(found->column, column);
        const QString prefix =
            line > 0 ? QString(fileName + u':' + QString::number(found->line)) : QString(fileName + u':');
        QVERIFY2(found->toString().startsWith(prefix), qPrintable(found->toString()));
        if (!path.isEmpty())
            QVERIFY(found->toString().contains(path + QStringLiteral(": ")));
    }

    void errorsComeInFileOrder()
    {
        const LoadResult<TaskSpec> loaded = TaskYaml::parse("objective: x\n"
                                                            "attempts: 0\n"
                                                            "scope: {include: 3}\n"
                                                            "limits: {wall_time: soon}\n",
                                                            QStringLiteral("t.yaml"));
        QStringList paths;
        for (const SourceError &error : loaded.errors)
            paths.append(error.path);
        QCOMPARE(paths,
                 QStringList({ QStringLiteral("attempts"), QStringLiteral("scope.include"),
                               QStringLiteral("limits.wall_time") }));
    }

    void missingFile()
    {
        const QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("absent.yaml"));
        const LoadResult<TaskSpec> loaded = TaskYaml::load(path);
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.errors.size(), 1);
        QVERIFY(loaded.errors.constFirst().toString().startsWith(path + QStringLiteral(": cannot read")));
    }

    void environmentErrors()
    {
        const LoadResult<EnvironmentProfile> loaded =
            EnvironmentYaml::parse("name: e\n"
                                   "capabilities:\n"
                                   "  network: {mode: allowlist}\n"
                                   "  secrets: [GITHUB_TOKEN=ghp_123]\n"
                                   "  tool: [git]\n",
                                   QStringLiteral("env.yaml"));
        QCOMPARE(loaded.errors.size(), 3);
        QCOMPARE(loaded.errors.at(0).path, QStringLiteral("capabilities.network.hosts"));
        QCOMPARE(loaded.errors.at(0).line, 3);
        QCOMPARE(loaded.errors.at(1).path, QStringLiteral("capabilities.secrets"));
        QVERIFY(!loaded.errors.at(1).message.contains(QStringLiteral("ghp_123")));
        QCOMPARE(loaded.errors.at(2).path, QStringLiteral("capabilities.tool"));
        QVERIFY(loaded.errors.at(2).message.contains(QStringLiteral("did you mean `tools`?")));
    }

    void poolErrors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::addRow("pool on local") << QByteArray("name: e\nsandbox: local\npool: {hosts: [{host: a}]}\n")
                                       << QStringLiteral("pool") << QStringLiteral("needs `sandbox: ssh`");
        QTest::addRow("ssh without hosts") << QByteArray("name: e\nsandbox: ssh\n")
                                           << QStringLiteral("sandbox") << QStringLiteral("pool.hosts");
        QTest::addRow("host and pool") << QByteArray("name: e\nsandbox: ssh:a\npool: {hosts: [{host: b}]}\n")
                                       << QStringLiteral("sandbox") << QStringLiteral("write `sandbox: ssh`");
        QTest::addRow("zero capacity")
            << QByteArray("name: e\nsandbox: ssh\npool: {hosts: [{host: a, capacity: 0}]}\n")
            << QStringLiteral("pool.hosts[0].capacity") << QString();
        QTest::addRow("twice") << QByteArray("name: e\nsandbox: ssh\npool: {hosts: [{host: a}, {host: a}]}\n")
                               << QStringLiteral("pool.hosts") << QStringLiteral("listed twice");
    }

    void poolErrors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, path);
        QFETCH(QString, message);
        const LoadResult<EnvironmentProfile> loaded =
            EnvironmentYaml::parse(yaml, QStringLiteral("env.yaml"));
        QVERIFY(!loaded.ok());
        const auto found = std::find_if(loaded.errors.cbegin(), loaded.errors.cend(),
                                        [&](const SourceError &error) { return error.path == path; });
        QVERIFY2(found != loaded.errors.cend(), qPrintable(describe(loaded.errors)));
        QVERIFY2(found->message.contains(message), qPrintable(found->toString()));
    }

    void poolHosts()
    {
        const LoadResult<EnvironmentProfile> loaded =
            EnvironmentYaml::parse("name: e\nsandbox: ssh\npool:\n  ssh_config: /etc/x\n  hosts:\n    - "
                                   "{host: a, capacity: 3}\n    - host: b\n",
                                   QStringLiteral("env.yaml"));
        QVERIFY2(loaded.ok(), qPrintable(describe(loaded.errors)));
        QCOMPARE(loaded.value->sshHosts().size(), 2);
        QCOMPARE(loaded.value->sshHosts().at(0), (PoolHost { QStringLiteral("a"), 3 }));
        QCOMPARE(loaded.value->sshHosts().at(1).capacity, 1);
        QCOMPARE(loaded.value->pool.sshConfig, QStringLiteral("/etc/x"));
    }

    void taskRoundTrip_data()
    {
        QTest::addColumn<TaskSpec>("task");
        QTest::addRow("every field, awkward text") << samples::task();
        TaskSpec bare;
        bare.objective = QStringLiteral("x");
        QTest::addRow("objective only") << bare;
        TaskSpec odd = samples::task();
        odd.limits = { 59s, std::nullopt, 1500, std::nullopt };
        odd.title = QStringLiteral("null");
        odd.objective = QStringLiteral("  leading blanks\nand a second line");
        QTest::addRow("odd values") << odd;
        const QDir dir(examples("tasks"));
        for (const QString &file : dir.entryList({ QStringLiteral("*.yaml") }, QDir::Files)) {
            const LoadResult<TaskSpec> loaded = TaskYaml::load(dir.filePath(file));
            QVERIFY2(loaded.ok(), qPrintable(describe(loaded.errors)));
            QTest::addRow("%s", qPrintable(file)) << *loaded.value;
        }
    }

    void taskRoundTrip()
    {
        QFETCH(TaskSpec, task);
        const QByteArray yaml = TaskYaml::save(task);
        const LoadResult<TaskSpec> loaded = TaskYaml::parse(yaml, QStringLiteral("saved.yaml"));
        QVERIFY2(loaded.ok(), qPrintable(describe(loaded.errors) + u'\n' + QString::fromUtf8(yaml)));
        if (!(*loaded.value == task)) {
            QCOMPARE(QJsonDocument(loaded.value->toJson()).toJson(), QJsonDocument(task.toJson()).toJson());
            QFAIL("the tasks differ in a way their JSON does not show");
        }
    }

    void savedTaskReadsLikeAHumanWroteIt()
    {
        const QString yaml = QString::fromUtf8(TaskYaml::save(samples::task()));
        QVERIFY2(yaml.startsWith(
                     QStringLiteral("title: Diagnose the checkout timeout\nobjective: |-\n  Find out why")),
                 qPrintable(yaml));
        QVERIFY2(yaml.contains(QStringLiteral(
                     "\nlimits:\n  wall_time: 1h30m\n  steps: 40\n  tokens: 200k\n  cost_usd: 2.5\n")),
                 qPrintable(yaml));
        QVERIFY2(yaml.contains(QStringLiteral("  include: [services/checkout/, deploy/]\n")),
                 qPrintable(yaml));
        QVERIFY2(yaml.contains(QStringLiteral("  - label: Runbook\n    file: docs/runbook.md\n")),
                 qPrintable(yaml));
        QVERIFY2(yaml.contains(QStringLiteral("constraints:\n  - Change nothing.\n  - \"yes\"\n")),
                 qPrintable(yaml));
    }

    void environmentRoundTrip_data()
    {
        QTest::addColumn<EnvironmentProfile>("profile");
        QTest::addRow("every field") << samples::environment();
        EnvironmentProfile bare;
        bare.name = QStringLiteral("bare");
        QTest::addRow("name only") << bare;
        EnvironmentProfile pooled = samples::environment();
        pooled.sandbox = SandboxTarget { SandboxTarget::Kind::Ssh, QString() };
        pooled.pool.hosts = { PoolHost { QStringLiteral("build-01"), 4 },
                              PoolHost { QStringLiteral("build-02"), 1 } };
        pooled.pool.sshConfig = QStringLiteral("/etc/delegate/ssh_config");
        QTest::addRow("host pool") << pooled;
        EnvironmentProfile oneHost = bare;
        oneHost.sandbox = SandboxTarget { SandboxTarget::Kind::Ssh, QStringLiteral("build-03") };
        QTest::addRow("one ssh host") << oneHost;
        const QDir dir(examples("environments"));
        for (const QString &file : dir.entryList({ QStringLiteral("*.yaml") }, QDir::Files)) {
            const LoadResult<EnvironmentProfile> loaded = EnvironmentYaml::load(dir.filePath(file));
            QVERIFY2(loaded.ok(), qPrintable(describe(loaded.errors)));
            QTest::addRow("%s", qPrintable(file)) << *loaded.value;
        }
    }

    void environmentRoundTrip()
    {
        QFETCH(EnvironmentProfile, profile);
        const QByteArray yaml = EnvironmentYaml::save(profile);
        const LoadResult<EnvironmentProfile> loaded =
            EnvironmentYaml::parse(yaml, QStringLiteral("saved.yaml"));
        QVERIFY2(loaded.ok(), qPrintable(describe(loaded.errors) + u'\n' + QString::fromUtf8(yaml)));
        QCOMPARE(QJsonDocument(loaded.value->toJson()).toJson(), QJsonDocument(profile.toJson()).toJson());
        QVERIFY(*loaded.value == profile);
    }

    void writerKeepsText_data()
    {
        QTest::addColumn<QString>("text");
        const char *const texts[] = {
            "plain words",
            "yes",
            "No",
            "true",
            "FALSE",
            "null",
            "~",
            "123",
            "-7",
            "1.5",
            "1e3",
            ".5",
            "0x1F",
            "0o17",
            ".inf",
            "-lead",
            "- item",
            "a: b",
            "a:b",
            "a #b",
            "a#b",
            "#x",
            "ends:",
            " lead",
            "trail ",
            "?q",
            "[flow]",
            "{x: 1}",
            "a, b",
            "*alias",
            "&anchor",
            "!tag",
            "%percent",
            "@at",
            "`tick`",
            "'single'",
            "\"double\"",
            "back\\slash",
            "multi\nline",
            "ends\n",
            "ends twice\n\n",
            "\nstarts with a newline",
            "line\n  indented\n",
            "blank\n   \nline",
            "tab\there",
            "control \x01",
            "crlf\r\n",
            "unicode \u00fc \u2713",
            "---",
            "...",
        };
        for (const char *text : texts)
            QTest::addRow("%s", QByteArray(text).toPercentEncoding(" ").constData())
                << QString::fromUtf8(text);
    }

    void writerKeepsText()
    {
        QFETCH(QString, text);
        const QJsonObject tree {
            { QStringLiteral("value"), text },
            { QStringLiteral("list"), QJsonArray { text, QStringLiteral("x") } },
            { QStringLiteral("items"), QJsonArray { QJsonObject { { QStringLiteral("a"), text } } } },
            { text.isEmpty() ? QStringLiteral("k") : text, 1 },
        };
        const QByteArray yaml = YamlWriter().write(tree);
        const YamlDocument document = YamlDocument::parse(yaml, QStringLiteral("t.yaml"));
        QVERIFY2(document.errors().isEmpty(),
                 qPrintable(describe(document.errors()) + u'\n' + QString::fromUtf8(yaml)));
        QCOMPARE(QJsonDocument(document.root()).toJson(), QJsonDocument(tree).toJson());
    }

    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("formatted");
        QTest::addRow("seconds") << QStringLiteral("90s") << qint64(90) << QStringLiteral("1m30s");
        QTest::addRow("minutes") << QStringLiteral("30m") << qint64(1800) << QStringLiteral("30m");
        QTest::addRow("hours") << QStringLiteral("2h") << qint64(7200) << QStringLiteral("2h");
        QTest::addRow("days") << QStringLiteral("1d") << qint64(86400) << QStringLiteral("1d");
        QTest::addRow("combined") << QStringLiteral("1h30m") << qint64(5400) << QStringLiteral("1h30m");
        QTest::addRow("upper case") << QStringLiteral("2H") << qint64(7200) << QStringLiteral("2h");
        QTest::addRow("bare number") << QStringLiteral("45") << qint64(45) << QStringLiteral("45s");
        QTest::addRow("spaces around") << QStringLiteral(" 5m ") << qint64(300) << QStringLiteral("5m");
        QTest::addRow("words") << QStringLiteral("30 minutes") << qint64(-1) << QString();
        QTest::addRow("units out of order") << QStringLiteral("30m1h") << qint64(-1) << QString();
        QTest::addRow("unit twice") << QStringLiteral("1m1m") << qint64(-1) << QString();
        QTest::addRow("no number") << QStringLiteral("m") << qint64(-1) << QString();
        QTest::addRow("fraction") << QStringLiteral("1.5h") << qint64(-1) << QString();
        QTest::addRow("negative") << QStringLiteral("-5") << qint64(-1) << QString();
        QTest::addRow("empty") << QString() << qint64(-1) << QString();
    }

    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        QFETCH(QString, formatted);
        const std::optional<std::chrono::seconds> parsed = parseDuration(text);
        if (seconds < 0) {
            QCOMPARE(parsed, std::nullopt);
            return;
        }
        QCOMPARE(parsed, std::optional(std::chrono::seconds(seconds)));
        QCOMPARE(formatDuration(*parsed), formatted);
        QCOMPARE(parseDuration(formatted), parsed);
    }

    void counts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<QString>("formatted");
        QTest::addRow("plain") << QStringLiteral("40000") << qint64(40000) << QStringLiteral("40k");
        QTest::addRow("thousands") << QStringLiteral("200k") << qint64(200000) << QStringLiteral("200k");
        QTest::addRow("upper K") << QStringLiteral("200K") << qint64(200000) << QStringLiteral("200k");
        QTest::addRow("millions") << QStringLiteral("2M") << qint64(2000000) << QStringLiteral("2M");
        QTest::addRow("decimal thousands")
            << QStringLiteral("1.1k") << qint64(1100) << QStringLiteral("1100");
        QTest::addRow("decimal millions")
            << QStringLiteral("1.5m") << qint64(1500000) << QStringLiteral("1500k");
        QTest::addRow("odd") << QStringLiteral("1234") << qint64(1234) << QStringLiteral("1234");
        QTest::addRow("too precise") << QStringLiteral("1.2345k") << qint64(-1) << QString();
        QTest::addRow("fraction without unit") << QStringLiteral("1.5") << qint64(-1) << QString();
        QTest::addRow("words") << QStringLiteral("200 thousand") << qint64(-1) << QString();
        QTest::addRow("unknown unit") << QStringLiteral("2g") << qint64(-1) << QString();
        QTest::addRow("trailing dot") << QStringLiteral("2.k") << qint64(-1) << QString();
        QTest::addRow("negative") << QStringLiteral("-2k") << qint64(-1) << QString();
    }

    void counts()
    {
        QFETCH(QString, text);
        QFETCH(qint64, count);
        QFETCH(QString, formatted);
        const std::optional<qint64> parsed = parseCount(text);
        if (count < 0) {
            QCOMPARE(parsed, std::nullopt);
            return;
        }
        QCOMPARE(parsed, std::optional(count));
        QCOMPARE(formatCount(*parsed), formatted);
        QCOMPARE(parseCount(formatted), parsed);
    }
};

QTEST_GUILESS_MAIN(TestTaskYaml)
#include "tst_taskyaml.moc"
