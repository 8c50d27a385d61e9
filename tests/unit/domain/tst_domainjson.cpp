// SPDX-License-Identifier: GPL-3.0-or-later
#include "domainsamples.h"

#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

#include <functional>

using namespace delegate;

namespace {

// JSON written with single quotes, which keeps the test data readable here.
QByteArray json(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

// Through text as well as in memory: the store and the wire carry JSON text.
template<typename T> void checkRoundTrip(const T &original)
{
    const QByteArray text = QJsonDocument(original.toJson()).toJson();
    FieldErrors errors;
    const std::optional<T> read = T::fromJson(QJsonDocument::fromJson(text).object(), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).toString()));
    QVERIFY(read.has_value());
    QCOMPARE(QJsonDocument(read->toJson()).toJson(), text);
    QVERIFY(*read == original);
}

template<typename T> FieldErrors errorsOf(const QByteArray &text)
{
    FieldErrors errors;
    const std::optional<T> read = T::fromJson(QJsonDocument::fromJson(text).object(), &errors);
    if (read.has_value())
        return {};
    return errors;
}

const QHash<QString, std::function<FieldErrors(const QByteArray &)>> &readers()
{
    static const QHash<QString, std::function<FieldErrors(const QByteArray &)>> readers {
        { QStringLiteral("task"), &errorsOf<TaskSpec> },
        { QStringLiteral("environment"), &errorsOf<EnvironmentProfile> },
        { QStringLiteral("skill"), &errorsOf<Skill> },
        { QStringLiteral("run"), &errorsOf<Run> },
        { QStringLiteral("artifact"), &errorsOf<Artifact> },
        { QStringLiteral("checkpoint"), &errorsOf<Checkpoint> },
        { QStringLiteral("decision"), &errorsOf<Decision> },
    };
    return readers;
}

} // namespace

class TestDomainJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip_data()
    {
        QTest::addColumn<std::function<void()>>("check");
        QTest::addRow("task") << std::function<void()>([] { checkRoundTrip(samples::task()); });
        QTest::addRow("task with defaults") << std::function<void()>([] {
            TaskSpec task;
            task.objective = QStringLiteral("x");
            checkRoundTrip(task);
        });
        QTest::addRow("environment") << std::function<void()>([] { checkRoundTrip(samples::environment()); });
        QTest::addRow("environment with defaults") << std::function<void()>([] {
            EnvironmentProfile profile;
            profile.name = QStringLiteral("bare");
            checkRoundTrip(profile);
        });
        QTest::addRow("skill") << std::function<void()>([] { checkRoundTrip(samples::skill()); });
        QTest::addRow("run") << std::function<void()>([] { checkRoundTrip(samples::run()); });
        QTest::addRow("patch artifact")
            << std::function<void()>([] { checkRoundTrip(samples::patchArtifact()); });
        QTest::addRow("report artifact")
            << std::function<void()>([] { checkRoundTrip(samples::reportArtifact()); });
        QTest::addRow("issues artifact")
            << std::function<void()>([] { checkRoundTrip(samples::issuesArtifact()); });
        QTest::addRow("question artifact")
            << std::function<void()>([] { checkRoundTrip(samples::questionArtifact()); });
        QTest::addRow("checkpoint") << std::function<void()>([] { checkRoundTrip(samples::checkpoint()); });
        QTest::addRow("decision") << std::function<void()>([] { checkRoundTrip(samples::decision()); });
    }

    void roundTrip()
    {
        QFETCH(std::function<void()>, check);
        check();
    }

    void artifactKindFollowsContent_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("name");
        QTest::addRow("patch") << int(samples::patchArtifact().kind()) << QStringLiteral("patch");
        QTest::addRow("report") << int(samples::reportArtifact().kind()) << QStringLiteral("report");
        QTest::addRow("issues") << int(samples::issuesArtifact().kind()) << QStringLiteral("issues");
        QTest::addRow("question") << int(samples::questionArtifact().kind()) << QStringLiteral("question");
    }

    void artifactKindFollowsContent()
    {
        QFETCH(int, kind);
        QFETCH(QString, name);
        QCOMPARE(enumToString(ArtifactKind(kind)), name);
        QCOMPARE(enumFromString<ArtifactKind>(name), std::optional(ArtifactKind(kind)));
    }

    void invalidJson_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");

        const int missing = int(FieldError::Kind::Missing);
        const int invalid = int(FieldError::Kind::InvalidValue);
        QTest::addRow("task without objective")
            << QStringLiteral("task") << json("{'title': 'x'}") << QStringLiteral("objective") << missing
            << QStringLiteral("is required: expected text");
        QTest::addRow("task with null objective")
            << QStringLiteral("task") << json("{'objective': null}") << QStringLiteral("objective") << missing
            << QStringLiteral("needs a value");
        QTest::addRow("number for text")
            << QStringLiteral("task") << json("{'objective': 5}") << QStringLiteral("objective") << invalid
            << QStringLiteral("expected text, got a number");
        QTest::addRow("text for list")
            << QStringLiteral("task") << json("{'objective': 'x', 'scope': {'include': 'src/'}}")
            << QStringLiteral("scope.include") << invalid << QStringLiteral("expected a list, got text");
        QTest::addRow("mistyped enum")
            << QStringLiteral("task")
            << json("{'objective': 'x', 'checkpoint_policy': 'review-befor-action'}")
            << QStringLiteral("checkpoint_policy") << invalid
            << QStringLiteral("did you mean `review-before-action`?");
        QTest::addRow("attempts out of range")
            << QStringLiteral("task") << json("{'objective': 'x', 'attempts': 0}")
            << QStringLiteral("attempts") << invalid << QStringLiteral("from 1 to 32, got 0");
        QTest::addRow("fractional steps")
            << QStringLiteral("task") << json("{'objective': 'x', 'limits': {'steps': 2.5}}")
            << QStringLiteral("limits.steps") << invalid << QStringLiteral("expected a whole number");
        QTest::addRow("bad duration")
            << QStringLiteral("task") << json("{'objective': 'x', 'limits': {'wall_time': '30 minutes'}}")
            << QStringLiteral("limits.wall_time") << invalid
            << QStringLiteral("expected a duration such as 90s");
        QTest::addRow("zero duration")
            << QStringLiteral("task") << json("{'objective': 'x', 'limits': {'wall_time': '0m'}}")
            << QStringLiteral("limits.wall_time") << invalid << QStringLiteral("longer than zero");
        QTest::addRow("bad token count")
            << QStringLiteral("task") << json("{'objective': 'x', 'limits': {'tokens': 'lots'}}")
            << QStringLiteral("limits.tokens") << invalid << QStringLiteral("expected a count such as");
        QTest::addRow("context with two kinds")
            << QStringLiteral("task")
            << json("{'objective': 'x', 'context': [{'file': 'a'}, {'file': 'a', 'url': 'https://x'}]}")
            << QStringLiteral("context[1]") << invalid
            << QStringLiteral("exactly one of `file`, `url` or `text`");
        QTest::addRow("context item not a mapping")
            << QStringLiteral("task") << json("{'objective': 'x', 'context': ['docs/a.md']}")
            << QStringLiteral("context[0]") << invalid << QStringLiteral("expected a mapping, got text");
        QTest::addRow("url without scheme")
            << QStringLiteral("task") << json("{'objective': 'x', 'context': [{'url': 'logs.example.com'}]}")
            << QStringLiteral("context[0].url") << invalid << QStringLiteral("is not a URL");
        QTest::addRow("path leaving the repository")
            << QStringLiteral("task") << json("{'objective': 'x', 'scope': {'include': ['../secrets']}}")
            << QStringLiteral("scope.include") << invalid << QStringLiteral("leaves the repository");
        QTest::addRow("skill without name")
            << QStringLiteral("task") << json("{'objective': 'x', 'skill': {'parameters': {'a': 'b'}}}")
            << QStringLiteral("skill.name") << missing << QStringLiteral("is required");
        QTest::addRow("environment without name")
            << QStringLiteral("environment") << json("{'sandbox': 'local'}") << QStringLiteral("name")
            << missing << QStringLiteral("is required");
        QTest::addRow("unknown sandbox")
            << QStringLiteral("environment") << json("{'name': 'e', 'sandbox': 'docker:x'}")
            << QStringLiteral("sandbox") << invalid << QStringLiteral("expected `local`, `ssh:<host>` or `ssh` (with a pool)");
        QTest::addRow("ssh without host")
            << QStringLiteral("environment") << json("{'name': 'e', 'sandbox': 'ssh:'}")
            << QStringLiteral("sandbox") << invalid << QStringLiteral("expected `local`, `ssh:<host>` or `ssh` (with a pool)");
        QTest::addRow("allowlist without hosts")
            << QStringLiteral("environment")
            << json("{'name': 'e', 'capabilities': {'network': {'mode': 'allowlist'}}}")
            << QStringLiteral("capabilities.network.hosts") << invalid << QStringLiteral("at least one host");
        QTest::addRow("hosts without allowlist")
            << QStringLiteral("environment")
            << json("{'name': 'e', 'capabilities': {'network': {'mode': 'full', 'hosts': ['a']}}}")
            << QStringLiteral("capabilities.network.hosts") << invalid << QStringLiteral("only apply to");
        QTest::addRow("relative mount")
            << QStringLiteral("environment")
            << json("{'name': 'e', 'capabilities': {'mounts': [{'host': 'logs', 'sandbox': '/logs'}]}}")
            << QStringLiteral("capabilities.mounts[0].host") << invalid
            << QStringLiteral("expected an absolute path");
        QTest::addRow("memory of zero")
            << QStringLiteral("environment") << json("{'name': 'e', 'limits': {'memory_mb': 0}}")
            << QStringLiteral("limits.memory_mb") << invalid << QStringLiteral("from 1 to");
        QTest::addRow("skill parameter without name")
            << QStringLiteral("skill") << json("{'name': 's', 'parameters': [{'required': true}]}")
            << QStringLiteral("parameters[0].name") << missing << QStringLiteral("is required");
        QTest::addRow("required flag as text")
            << QStringLiteral("skill")
            << json("{'name': 's', 'parameters': [{'name': 'p', 'required': 'yes'}]}")
            << QStringLiteral("parameters[0].required") << invalid
            << QStringLiteral("expected true or false");
        QTest::addRow("run without task")
            << QStringLiteral("run") << json("{'id': 'r', 'state': 'queued'}") << QStringLiteral("task")
            << missing << QStringLiteral("expected a mapping");
        QTest::addRow("unknown run state")
            << QStringLiteral("run") << json("{'id': 'r', 'task': {'objective': 'x'}, 'state': 'runing'}")
            << QStringLiteral("state") << invalid << QStringLiteral("did you mean `running`?");
        QTest::addRow("task inside run")
            << QStringLiteral("run") << json("{'id': 'r', 'task': {'attempts': 1}, 'state': 'queued'}")
            << QStringLiteral("task.objective") << missing << QStringLiteral("is required");
        QTest::addRow("bad time")
            << QStringLiteral("run")
            << json("{'id': 'r', 'task': {'objective': 'x'}, 'state': 'queued', 'created_at': 'yesterday'}")
            << QStringLiteral("created_at") << invalid << QStringLiteral("expected an ISO 8601 time");
        QTest::addRow("unknown artifact kind")
            << QStringLiteral("artifact") << json("{'run_id': 'r', 'version': 1, 'kind': 'pr'}")
            << QStringLiteral("kind") << invalid
            << QStringLiteral("expected one of patch, report, issues, question");
        QTest::addRow("version zero")
            << QStringLiteral("artifact") << json("{'run_id': 'r', 'version': 0, 'kind': 'report'}")
            << QStringLiteral("version") << invalid << QStringLiteral("from 1 to");
        QTest::addRow("file stat without path")
            << QStringLiteral("artifact")
            << json("{'run_id': 'r', 'version': 1, 'kind': 'patch', 'content': {'files': [{'added': 1}]}}")
            << QStringLiteral("content.files[0].path") << missing << QStringLiteral("is required");
        QTest::addRow("unknown test outcome")
            << QStringLiteral("artifact")
            << json("{'run_id': 'r', 'version': 1, 'kind': 'report', 'evidence': {'tests': [{'name': 't', "
                    "'outcome': 'flaky'}]}}")
            << QStringLiteral("evidence.tests[0].outcome") << invalid
            << QStringLiteral("expected one of passed");
        QTest::addRow("checkpoint kind")
            << QStringLiteral("checkpoint") << json("{'id': 'c', 'run_id': 'r', 'kind': 'approval'}")
            << QStringLiteral("kind") << invalid
            << QStringLiteral("expected one of question, plan, action, budget");
        QTest::addRow("decider not a user")
            << QStringLiteral("decision")
            << json("{'checkpoint_id': 'c', 'decider': 'agent', 'role': 'lead', 'verdict': 'approve'}")
            << QStringLiteral("decider") << invalid << QStringLiteral("expected `user:<name>`");
        QTest::addRow("verdict")
            << QStringLiteral("decision")
            << json("{'checkpoint_id': 'c', 'decider': 'user:a', 'role': 'lead', 'verdict': 'lgtm'}")
            << QStringLiteral("verdict") << invalid
            << QStringLiteral("approve, reject, answer, request_changes");
        QTest::addRow("comment line zero")
            << QStringLiteral("decision")
            << json("{'checkpoint_id': 'c', 'decider': 'user:a', 'role': 'reviewer', 'verdict': 'answer', "
                    "'comments': [{'file': 'a.cc', 'line': 0}]}")
            << QStringLiteral("comments[0].line") << invalid << QStringLiteral("from 1 to");
    }

    void invalidJson()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, json);
        QFETCH(QString, path);
        QFETCH(int, kind);
        QFETCH(QString, message);

        const FieldErrors errors = readers().value(type)(json);
        QVERIFY2(!errors.isEmpty(), "the JSON was accepted");
        const FieldError &first = errors.constFirst();
        QCOMPARE(first.path, path);
        QCOMPARE(int(first.kind), kind);
        QVERIFY2(first.message.contains(message), qPrintable(first.toString()));
    }

    void collectsEveryError()
    {
        const FieldErrors errors = errorsOf<TaskSpec>(
            json("{'attempts': 'two', 'scope': {'include': 3}, 'limits': {'cost_usd': -1}}"));
        QStringList paths;
        for (const FieldError &error : errors)
            paths.append(error.path);
        QCOMPARE(paths,
                 QStringList({ QStringLiteral("objective"), QStringLiteral("scope.include"),
                               QStringLiteral("limits.cost_usd"), QStringLiteral("attempts") }));
    }

    void secretValuesStayOutOfMessages()
    {
        const FieldErrors errors = errorsOf<EnvironmentProfile>(
            json("{'name': 'e', 'capabilities': {'secrets': ['API_TOKEN=hunter2']}}"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.constFirst().path, QStringLiteral("capabilities.secrets"));
        QVERIFY2(errors.constFirst().message.contains(QStringLiteral("API_TOKEN")),
                 qPrintable(errors.constFirst().message));
        QVERIFY(!errors.constFirst().message.contains(QStringLiteral("hunter2")));
    }

    void jsonIgnoresUnknownKeys()
    {
        // Stored and exchanged JSON may come from a newer version: it carries
        // fields this one does not know. YAML files, written by people, do not.
        FieldErrors errors;
        const std::optional<TaskSpec> task = TaskSpec::fromJson(
            QJsonDocument::fromJson(json("{'objective': 'x', 'priority': 2}")).object(), &errors);
        QVERIFY(task.has_value());
        QVERIFY(errors.isEmpty());
    }

    void networkShorthand()
    {
        const std::optional<EnvironmentProfile> profile = EnvironmentProfile::fromJson(
            QJsonDocument::fromJson(json("{'name': 'e', 'capabilities': {'network': 'full'}}")).object());
        QVERIFY(profile.has_value());
        QCOMPARE(profile->capabilities.network.mode, NetworkAccess::Mode::Full);
    }
};

QTEST_GUILESS_MAIN(TestDomainJson)
#include "tst_domainjson.moc"
