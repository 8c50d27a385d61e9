// SPDX-License-Identifier: GPL-3.0-or-later
// Pull requests, Slack posts and GitHub and Linear issues against the local
// service receiver over real HTTP: what went over the wire, what previews
// leave alone, what errors say, and issue batches that fail half-way.
#include "engine/actions/actionexecutor.h"
#include "engine/actions/memorysecretsource.h"
#include "gittestsupport.h"
#include "servicereceiver.h"

#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using delegate::fixtures::ServiceReceiver;
using Endpoint = delegate::fixtures::ServiceReceiver::Endpoint;

namespace delegate {

namespace {

const QString kToken = u"ghp_fixturetoken"_s;
const QString kLinearKey = u"lin_api_fixturekey"_s;
const QString kRun = u"run-7"_s;

IssueDraft draft(int number)
{
    IssueDraft draft;
    draft.title = u"Flaky test number %1"_s.arg(number);
    draft.sourceContext = u"tests/test_login.py, nightly runs of last week"_s;
    draft.currentBehaviour = u"test_login fails one run in ten with a timeout."_s;
    draft.expectedBehaviour = u"test_login passes every run."_s;
    draft.scope = u"The login test and its fixture only."_s;
    draft.acceptanceCriteria = { u"100 consecutive runs pass"_s, u"no sleep() in the test"_s };
    draft.openQuestions = { u"Is the staging server slower at night?"_s };
    return draft;
}

} // namespace

class TestServiceActions final : public QObject
{
    Q_OBJECT

private:
    ServiceReceiver *m_receiver = nullptr;
    MemorySecretSource m_secrets;
    std::unique_ptr<ActionExecutor> m_executor;

    ActionSettings settings() const
    {
        ActionSettings settings;
        settings.gitHubApiUrl = QUrl(m_receiver->gitHubApiUrl());
        settings.linearApiUrl = QUrl(m_receiver->linearApiUrl());
        settings.requestTimeout = 10s;
        return settings;
    }

    static Artifact patchArtifact()
    {
        Artifact artifact;
        artifact.runId = kRun;
        artifact.summary = u"Retry the login request once on timeout. The test no longer flakes."_s;
        PatchContent patch;
        patch.diff = u"diff --git a/login.py b/login.py\n"_s;
        patch.files = { { u"login.py"_s, 4, 1 }, { u"tests/test_login.py"_s, 10, 0 } };
        artifact.content = patch;
        artifact.evidence.commands = { { u"pytest tests/test_login.py"_s, 0, u"10 passed"_s } };
        artifact.evidence.tests = { { u"test_login"_s, Evidence::Outcome::Passed, {} } };
        return artifact;
    }

    static Artifact reportArtifact()
    {
        Artifact artifact;
        artifact.runId = kRun;
        artifact.summary = u"Why the nightly build is red"_s;
        artifact.content =
            ReportContent { u"# Nightly build\n\nThe **cache** expired; see [the log](https://ci.example/"
                            u"42).\n\n- step one\n- step two\n"_s };
        return artifact;
    }

    static Artifact issuesArtifact(int count)
    {
        Artifact artifact;
        artifact.runId = kRun;
        artifact.summary = u"Three flaky tests"_s;
        IssuesContent issues;
        for (int i = 0; i < count; ++i)
            issues.drafts.append(draft(i));
        artifact.content = issues;
        return artifact;
    }

    static ActionRequest request(ActionKind kind, Artifact artifact, QJsonObject parameters)
    {
        ActionRequest request;
        request.runId = kRun;
        request.kind = kind;
        request.artifact = std::move(artifact);
        request.parameters = std::move(parameters);
        request.workspace.runId = kRun;
        request.workspace.branch = u"delegate/run-7"_s;
        request.workspace.baseRef = u"origin/main"_s;
        return request;
    }

    ActionRequest pullRequest(QJsonObject parameters = { { u"repository"_s, u"octo-org/widgets"_s } }) const
    {
        return request(ActionKind::GitHubPullRequest, patchArtifact(), parameters);
    }

    ActionRequest slackPost() const { return request(ActionKind::SlackPost, reportArtifact(), {}); }

    ActionRequest gitHubIssues(int count = 3,
                               QJsonObject parameters = { { u"repository"_s, u"octo-org/widgets"_s } })
    {
        return request(ActionKind::GitHubIssues, issuesArtifact(count), parameters);
    }

    ActionRequest linearIssues(int count = 3, QJsonObject parameters = { { u"team_id"_s, u"team-eng"_s } })
    {
        return request(ActionKind::LinearIssues, issuesArtifact(count), parameters);
    }

    ActionRequest requestNamed(const QString &name)
    {
        if (name == "pull request"_L1)
            return pullRequest();
        if (name == "slack"_L1)
            return slackPost();
        if (name == "github issues"_L1)
            return gitHubIssues();
        return linearIssues();
    }

    ActionPreview preview(const ActionRequest &request)
    {
        return QCoro::waitFor(m_executor->preview(request));
    }
    ActionResult execute(const ActionRequest &request)
    {
        return QCoro::waitFor(m_executor->execute(request));
    }

    static void verifyAccepted(const ServiceReceiver::RecordedRequest &recorded)
    {
        QVERIFY2(recorded.rejection.isEmpty(), qPrintable(recorded.rejection));
    }

    static void addServiceRows()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("secretName");
        for (const auto &[action, secret] :
             { std::pair { "pull request", "GITHUB_TOKEN" }, std::pair { "slack", "SLACK_WEBHOOK_URL" },
               std::pair { "github issues", "GITHUB_TOKEN" },
               std::pair { "linear issues", "LINEAR_API_KEY" } })
            QTest::addRow("%s", action) << QString::fromLatin1(action) << QString::fromLatin1(secret);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_receiver = new ServiceReceiver(this);
        QVERIFY(m_receiver->listen());
        m_receiver->addBranch(u"octo-org/widgets"_s, u"delegate/run-7"_s);
        m_secrets = MemorySecretSource({ { u"GITHUB_TOKEN"_s, kToken },
                                         { u"SLACK_WEBHOOK_URL"_s, m_receiver->slackWebhookUrl() },
                                         { u"LINEAR_API_KEY"_s, kLinearKey } });
        m_executor = std::make_unique<ActionExecutor>(m_secrets, settings());
    }

    void cleanup()
    {
        m_executor.reset();
        delete m_receiver;
        m_receiver = nullptr;
    }

    void pullRequestIsOpened()
    {
        const ActionResult result = execute(pullRequest());
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.pullRequestNumber, 1);
        QCOMPARE(result.pullRequestUrl, u"https://github.com/octo-org/widgets/pull/1"_s);
        QCOMPARE(result.httpStatus, 201);

        QCOMPARE(m_receiver->requests().size(), 1);
        const ServiceReceiver::RecordedRequest &sent = m_receiver->requests().constFirst();
        verifyAccepted(sent);
        QCOMPARE(sent.endpoint, Endpoint::GitHubPulls);
        QCOMPARE(sent.method, "POST");
        QCOMPARE(sent.path, "/github/repos/octo-org/widgets/pulls");
        QCOMPARE(sent.header("Authorization"), "Bearer " + kToken.toUtf8());
        QCOMPARE(sent.header("Accept"), "application/vnd.github+json");
        QCOMPARE(sent.header("X-GitHub-Api-Version"), "2022-11-28");
        QVERIFY(sent.header("User-Agent").startsWith("Delegate/"));
        QVERIFY(sent.header("Content-Type").startsWith("application/json"));
        QCOMPARE(sent.json.value("head"_L1).toString(), u"delegate/run-7"_s);
        QCOMPARE(sent.json.value("base"_L1).toString(), u"main"_s);
        QCOMPARE(sent.json.value("title"_L1).toString(), u"Retry the login request once on timeout"_s);
        const QString body = sent.json.value("body"_L1).toString();
        QVERIFY2(body.contains(u"| `tests/test_login.py` | 10 | 0 |"_s), qPrintable(body));
        QVERIFY(body.contains(u"`pytest tests/test_login.py` exited with 0"_s));
        QVERIFY(body.contains(u"run `run-7`"_s));
        QCOMPARE(m_receiver->pullRequests().size(), 1);
    }

    void pullRequestParameters()
    {
        const ActionResult result = execute(pullRequest({ { u"repository"_s, u"octo-org/widgets"_s },
                                                          { u"base"_s, u"main"_s },
                                                          { u"title"_s, u"Fix the login flake"_s },
                                                          { u"body"_s, u"Closes #12."_s },
                                                          { u"draft"_s, true } }));
        QVERIFY2(result.ok, qPrintable(result.message));
        const QJsonObject sent = m_receiver->requests().constFirst().json;
        QCOMPARE(sent.value("title"_L1).toString(), u"Fix the login flake"_s);
        QCOMPARE(sent.value("body"_L1).toString(), u"Closes #12."_s);
        QCOMPARE(sent.value("draft"_L1).toBool(), true);
    }

    void repositoryFromTheRemote_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("repository");
        QTest::addRow("ssh, scp-like") << u"git@github.com:octo-org/widgets.git"_s << u"octo-org/widgets"_s;
        QTest::addRow("https") << u"https://github.com/octo-org/widgets"_s << u"octo-org/widgets"_s;
        QTest::addRow("ssh URL") << u"ssh://git@github.example.com/octo-org/widgets.git"_s
                                 << u"octo-org/widgets"_s;
        QTest::addRow("local path") << u"/srv/git/widgets.git"_s << QString();
    }
    void repositoryFromTheRemote()
    {
        QFETCH(QString, url);
        QFETCH(QString, repository);
        QTemporaryDir dir;
        testing::git(dir.path(), { u"init"_s, u"--quiet"_s });
        testing::git(dir.path(), { u"remote"_s, u"add"_s, u"origin"_s, url });
        ActionRequest pull = pullRequest({});
        pull.workspace.gitDir = dir.filePath(u".git"_s);
        const ActionPreview previewed = preview(pull);
        if (repository.isEmpty()) {
            QVERIFY(!previewed.ready);
            QVERIFY2(previewed.problems.join(u' ').contains(u"names no GitHub repository"_s),
                     qPrintable(previewed.problems.join(u' ')));
        } else {
            QVERIFY2(previewed.ready, qPrintable(previewed.problems.join(u' ')));
            QCOMPARE(previewed.details.value("repository"_L1).toString(), repository);
        }
        QVERIFY(m_receiver->requests().isEmpty());
    }

    void slackPostIsSent()
    {
        const ActionResult result = execute(slackPost());
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(m_receiver->requests().size(), 1);
        const ServiceReceiver::RecordedRequest &sent = m_receiver->requests().constFirst();
        verifyAccepted(sent);
        QCOMPARE(sent.method, "POST");
        QCOMPARE(sent.path, "/services/T0FIXTURE/B0FIXTURE/fixturesecret");
        QVERIFY(sent.header("Content-Type").startsWith("application/json"));
        QCOMPARE(sent.json.value("text"_L1).toString(), u"Why the nightly build is red"_s);
        const QJsonArray blocks = sent.json.value("blocks"_L1).toArray();
        QCOMPARE(blocks.size(), 3);
        QCOMPARE(blocks.at(0).toObject().value("type"_L1).toString(), u"header"_s);
        const QString section =
            blocks.at(1).toObject().value("text"_L1).toObject().value("text"_L1).toString();
        QCOMPARE(
            section,
            u"*Nightly build*\n\nThe *cache* expired; see <https://ci.example/42|the log>.\n\n• step one\n• "
            u"step two"_s);
        QCOMPARE(blocks.at(2).toObject().value("type"_L1).toString(), u"context"_s);
        QCOMPARE(m_receiver->slackMessages().size(), 1);
        QVERIFY(!result.message.contains(u"fixturesecret"_s));
    }

    void gitHubIssuesAreCreated()
    {
        const ActionResult result =
            execute(gitHubIssues(3,
                                 { { u"repository"_s, u"octo-org/widgets"_s },
                                   { u"labels"_s, QJsonArray { u"flaky"_s, u"tests"_s } } }));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.createdIssues.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(result.createdIssues.at(i).draft, i);
            QCOMPARE(result.createdIssues.at(i).url,
                     u"https://github.com/octo-org/widgets/issues/%1"_s.arg(i + 1));
            QCOMPARE(result.createdIssues.at(i).reference, u"#%1"_s.arg(i + 1));
        }
        QCOMPARE(result.createdDrafts(), QList<int>({ 0, 1, 2 }));

        const QList<ServiceReceiver::RecordedRequest> sent = m_receiver->requestsTo(Endpoint::GitHubIssues);
        QCOMPARE(sent.size(), 3);
        for (int i = 0; i < 3; ++i) {
            verifyAccepted(sent.at(i));
            QCOMPARE(sent.at(i).path, "/github/repos/octo-org/widgets/issues");
            QCOMPARE(sent.at(i).header("Authorization"), "Bearer " + kToken.toUtf8());
            QCOMPARE(sent.at(i).header("Accept"), "application/vnd.github+json");
            QCOMPARE(sent.at(i).json.value("title"_L1).toString(), draft(i).title);
            QCOMPARE(sent.at(i).json.value("labels"_L1).toArray(), QJsonArray({ u"flaky"_s, u"tests"_s }));
            const QString body = sent.at(i).json.value("body"_L1).toString();
            QVERIFY2(body.startsWith(u"## Context\n\ntests/test_login.py"_s), qPrintable(body));
            QVERIFY(body.contains(
                u"## Current behaviour\n\ntest_login fails one run in ten with a timeout.\n"_s));
            QVERIFY(body.contains(
                u"## Acceptance criteria\n\n- [ ] 100 consecutive runs pass\n- [ ] no sleep() in the "
                u"test\n"_s));
            QVERIFY(body.contains(u"## Open questions\n\n- Is the staging server slower at night?\n"_s));
        }
    }

    void linearIssuesAreCreated()
    {
        const ActionResult result = execute(linearIssues(2));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.createdIssues.size(), 2);
        QCOMPARE(result.createdIssues.at(0).reference, u"ENG-1"_s);
        QCOMPARE(result.createdIssues.at(1).reference, u"ENG-2"_s);
        QCOMPARE(result.createdIssues.at(1).url,
                 u"https://linear.app/fixture/issue/ENG-2/flaky-test-number-1"_s);
        QVERIFY(!result.createdIssues.at(0).id.isEmpty());

        const QList<ServiceReceiver::RecordedRequest> sent = m_receiver->requestsTo(Endpoint::LinearGraphQl);
        QCOMPARE(sent.size(), 2);
        for (int i = 0; i < 2; ++i) {
            verifyAccepted(sent.at(i));
            QCOMPARE(sent.at(i).method, "POST");
            QCOMPARE(sent.at(i).path, "/linear/graphql");
            QCOMPARE(sent.at(i).header("Authorization"), kLinearKey.toUtf8());
            QVERIFY(sent.at(i).header("Content-Type").startsWith("application/json"));
            QVERIFY(sent.at(i).json.value("query"_L1).toString().contains(u"issueCreate(input: $input)"_s));
            const QJsonObject input =
                sent.at(i).json.value("variables"_L1).toObject().value("input"_L1).toObject();
            QCOMPARE(input.value("teamId"_L1).toString(), u"team-eng"_s);
            QCOMPARE(input.value("title"_L1).toString(), draft(i).title);
            QVERIFY(input.value("description"_L1).toString().contains(u"## Expected behaviour"_s));
        }
    }

    void previewSendsNothing_data() { addServiceRows(); }
    void previewSendsNothing()
    {
        QFETCH(QString, action);
        const ActionPreview previewed = preview(requestNamed(action));
        QVERIFY2(previewed.ready, qPrintable(previewed.problems.join(u"; "_s)));
        QVERIFY(!previewed.requests.isEmpty());
        QVERIFY(!previewed.summary.isEmpty());
        const HttpRequestPreview &first = previewed.requests.constFirst();
        QCOMPARE(first.method, u"POST"_s);
        if (action == "slack"_L1) {
            QCOMPARE(first.url, m_receiver->baseUrl() + u"/services/********"_s);
        } else if (action == "linear issues"_L1) {
            QCOMPARE(first.url, m_receiver->linearApiUrl() + u"/graphql"_s);
            QCOMPARE(first.header(u"Authorization"_s), u"********"_s);
        } else {
            QVERIFY(first.url.startsWith(m_receiver->gitHubApiUrl() + u"/repos/octo-org/widgets/"_s));
            QCOMPARE(first.header(u"Authorization"_s), u"Bearer ********"_s);
            QCOMPARE(first.header(u"Accept"_s), u"application/vnd.github+json"_s);
        }
        QVERIFY(first.body.isObject());
        if (action.endsWith("issues"_L1)) {
            QCOMPARE(previewed.requests.size(), 3);
            const QJsonArray drafts = previewed.details.value("drafts"_L1).toArray();
            QCOMPARE(drafts.size(), 3);
            QCOMPARE(drafts.at(2).toObject().value("title"_L1).toString(), draft(2).title);
            QVERIFY(drafts.at(2).toObject().value("body"_L1).toString().contains(u"## Scope"_s));
        }
        const QByteArray everything = QJsonDocument(previewed.toJson()).toJson();
        QVERIFY(!everything.contains(kToken.toUtf8()));
        QVERIFY(!everything.contains(kLinearKey.toUtf8()));
        QVERIFY(!everything.contains("fixturesecret"));

        QVERIFY(m_receiver->requests().isEmpty());
        QVERIFY(m_receiver->pullRequests().isEmpty());
        QVERIFY(m_receiver->issues().isEmpty());
    }

    void missingSecretIsNamed_data() { addServiceRows(); }
    void missingSecretIsNamed()
    {
        QFETCH(QString, action);
        QFETCH(QString, secretName);
        m_secrets.remove(secretName);
        const QString expected =
            u"the secret %1 is not set: add the secret %1 to Delegate's secret store"_s.arg(secretName);

        const ActionPreview previewed = preview(requestNamed(action));
        QVERIFY(!previewed.ready);
        QVERIFY2(previewed.problems.join(u' ').contains(expected), qPrintable(previewed.problems.join(u' ')));
        const ActionResult result = execute(requestNamed(action));
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(expected), qPrintable(result.message));
        QVERIFY(m_receiver->requests().isEmpty());
    }

    void secretNameFromParameters()
    {
        m_secrets.set(u"WORK_GITHUB_TOKEN"_s, u"ghp_other"_s);
        m_receiver->setGitHubToken(u"ghp_other"_s);
        const ActionResult result = execute(pullRequest(
            { { u"repository"_s, u"octo-org/widgets"_s }, { u"token_secret"_s, u"WORK_GITHUB_TOKEN"_s } }));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(m_receiver->requests().constFirst().header("Authorization"), "Bearer ghp_other");
    }

    void errorsSayWhatToFix_data()
    {
        QTest::addColumn<QString>("situation");
        QTest::addColumn<int>("status");
        QTest::addColumn<QStringList>("expected");
        QTest::addRow("github 401") << u"bad token"_s << 401
                                    << QStringList { u"refused the token in the secret GITHUB_TOKEN"_s,
                                                     u"Bad credentials"_s, u"store it as GITHUB_TOKEN"_s };
        QTest::addRow("github 404") << u"unknown repository"_s << 404
                                    << QStringList { u"404 for octo-org/gadgets"_s, u"does not exist"_s,
                                                     u"base branch 'main'"_s };
        QTest::addRow("github 422 exists") << u"duplicate"_s << 422
                                           << QStringList { u"A pull request already exists for "
                                                            u"octo-org:delegate/run-7."_s,
                                                            u"find it on GitHub"_s };
        QTest::addRow("github 422 injected")
            << u"exists fault"_s << 422 << QStringList { u"A pull request already exists"_s };
        QTest::addRow("github 422 base")
            << u"unknown base"_s << 422
            << QStringList { u"PullRequest base is invalid"_s, u"base branch 'release-9' exists"_s };
        QTest::addRow("github timeout")
            << u"slow github"_s << 0
            << QStringList { u"GitHub did not answer within 300 ms"_s, u"may still have gone through"_s };
        QTest::addRow("github unreachable")
            << u"closed port"_s << 0 << QStringList { u"Could not reach GitHub"_s, u"Check the network"_s };
        QTest::addRow("slack 404") << u"revoked webhook"_s << 404
                                   << QStringList { u"no longer knows the webhook in SLACK_WEBHOOK_URL"_s,
                                                    u"no_service"_s };
        QTest::addRow("slack not a URL")
            << u"webhook not a url"_s << 0
            << QStringList { u"SLACK_WEBHOOK_URL does not hold a webhook URL"_s };
        QTest::addRow("linear key") << u"bad linear key"_s << 400
                                    << QStringList { u"refused the API key in the secret LINEAR_API_KEY"_s,
                                                     u"You need to authenticate"_s };
        QTest::addRow("linear team") << u"unknown team"_s << 400
                                     << QStringList { u"did not accept the team 'team-ops'"_s,
                                                      u"parameters.team_id"_s };
    }
    void errorsSayWhatToFix()
    {
        QFETCH(QString, situation);
        QFETCH(int, status);
        QFETCH(QStringList, expected);
        ActionRequest action = pullRequest();
        if (situation == "bad token"_L1) {
            m_secrets.set(u"GITHUB_TOKEN"_s, u"ghp_revoked"_s);
        } else if (situation == "unknown repository"_L1) {
            action.parameters.insert(u"repository"_s, u"octo-org/gadgets"_s);
        } else if (situation == "duplicate"_L1) {
            QVERIFY(execute(pullRequest()).ok);
        } else if (situation == "exists fault"_L1) {
            m_receiver->injectFault(ServiceReceiver::Fault::pullRequestExists());
        } else if (situation == "unknown base"_L1) {
            action.parameters.insert(u"base"_s, u"release-9"_s);
        } else if (situation == "slow github"_L1) {
            ActionSettings quick = settings();
            quick.requestTimeout = 300ms;
            m_executor->setSettings(quick);
            ServiceReceiver::Fault slow;
            slow.endpoint = Endpoint::GitHubPulls;
            slow.delayMs = 5000;
            m_receiver->injectFault(slow);
        } else if (situation == "closed port"_L1) {
            ServiceReceiver closed;
            QVERIFY(closed.listen());
            ActionSettings elsewhere = settings();
            elsewhere.gitHubApiUrl = QUrl(closed.gitHubApiUrl());
            m_executor->setSettings(elsewhere);
        } else if (situation == "revoked webhook"_L1) {
            action = slackPost();
            m_receiver->setSlackWebhookPath(u"/services/T0FIXTURE/B0FIXTURE/rotated"_s);
        } else if (situation == "webhook not a url"_L1) {
            action = slackPost();
            m_secrets.set(u"SLACK_WEBHOOK_URL"_s, u"xoxb-not-a-webhook"_s);
        } else if (situation == "bad linear key"_L1) {
            action = linearIssues();
            m_secrets.set(u"LINEAR_API_KEY"_s, u"lin_api_wrong"_s);
        } else if (situation == "unknown team"_L1) {
            action = linearIssues(3, { { u"team_id"_s, u"team-ops"_s } });
        }
        const qsizetype before = m_receiver->requests().size();

        const ActionResult result = execute(action);
        QVERIFY(!result.ok);
        QCOMPARE(result.httpStatus, status);
        for (const QString &text : std::as_const(expected))
            QVERIFY2(result.message.contains(text), qPrintable(result.message));
        QVERIFY(!result.message.contains(u"ghp_revoked"_s));
        QVERIFY(!result.message.contains(u"lin_api_wrong"_s));
        if (situation == "bad linear key"_L1 || situation == "unknown team"_L1) {
            // A failure every draft would meet stops the batch after the first.
            QCOMPARE(m_receiver->requests().size() - before, 1);
            QCOMPARE(result.failedIssues.size(), 3);
            QVERIFY(result.failedIssues.at(0).attempted);
            QVERIFY(!result.failedIssues.at(2).attempted);
        }
        if (situation == "webhook not a url"_L1)
            QCOMPARE(m_receiver->requests().size(), 0);
    }

    void partialFailureThenRetry_data()
    {
        QTest::addColumn<QString>("tracker");
        QTest::addColumn<int>("faultStatus");
        QTest::addColumn<QList<int>>("createdFirst");
        QTest::addColumn<QList<int>>("notSent");
        QTest::addRow("github, one draft refused")
            << u"github"_s << 422 << QList<int> { 0, 2 } << QList<int> {};
        QTest::addRow("github, service down") << u"github"_s << 502 << QList<int> { 0 } << QList<int> { 2 };
        QTest::addRow("linear, service down") << u"linear"_s << 500 << QList<int> { 0 } << QList<int> { 2 };
    }
    void partialFailureThenRetry()
    {
        QFETCH(QString, tracker);
        QFETCH(int, faultStatus);
        QFETCH(QList<int>, createdFirst);
        QFETCH(QList<int>, notSent);
        const bool gitHub = tracker == "github"_L1;
        ServiceReceiver::Fault fault;
        fault.endpoint = gitHub ? Endpoint::GitHubIssues : Endpoint::LinearGraphQl;
        fault.status = faultStatus;
        fault.skip = 1; // the second draft fails
        if (faultStatus == 422)
            fault.body =
                R"({"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"invalid"}]})";
        m_receiver->injectFault(fault);

        const ActionResult first = execute(gitHub ? gitHubIssues() : linearIssues());
        QVERIFY(!first.ok);
        QCOMPARE(first.createdDrafts(), createdFirst);
        QCOMPARE(first.failedIssues.constFirst().draft, 1);
        QVERIFY(first.failedIssues.constFirst().attempted);
        QList<int> unsent;
        for (const ActionResult::FailedIssue &failed : first.failedIssues) {
            if (!failed.attempted)
                unsent.append(failed.draft);
        }
        QCOMPARE(unsent, notSent);
        QCOMPARE(m_receiver->issues().size(), createdFirst.size());
        QStringList retryNumbers;
        for (int created : createdFirst)
            retryNumbers.append(QString::number(created));
        const QString retryHint = u"retry with created_drafts [%1]"_s.arg(retryNumbers.join(u", "_s));
        QVERIFY2(first.message.contains(retryHint), qPrintable(first.message));
        QVERIFY2(first.message.contains(u"draft 1 \"Flaky test number 1\""_s), qPrintable(first.message));
        for (const ActionResult::CreatedIssue &created : first.createdIssues)
            QVERIFY2(first.message.contains(created.url), qPrintable(first.message));

        QJsonArray createdDrafts;
        for (int created : first.createdDrafts())
            createdDrafts.append(created);
        QJsonObject parameters = gitHub ? QJsonObject { { u"repository"_s, u"octo-org/widgets"_s } }
                                        : QJsonObject { { u"team_id"_s, u"team-eng"_s } };
        parameters.insert(u"created_drafts"_s, createdDrafts);
        const ActionRequest retry = gitHub ? gitHubIssues(3, parameters) : linearIssues(3, parameters);

        const ActionPreview previewed = preview(retry);
        QVERIFY2(previewed.ready, qPrintable(previewed.problems.join(u' ')));
        QCOMPARE(previewed.requests.size(), 3 - createdFirst.size());
        const qsizetype sentBefore = m_receiver->requests().size();

        const ActionResult second = execute(retry);
        QVERIFY2(second.ok, qPrintable(second.message));
        QCOMPARE(second.skippedDrafts, createdFirst);
        QCOMPARE(second.createdDrafts(), QList<int>({ 0, 1, 2 }));
        QCOMPARE(m_receiver->requests().size() - sentBefore, 3 - createdFirst.size());
        // Every draft exists exactly once.
        QStringList titles;
        for (const ServiceReceiver::Issue &issue : m_receiver->issues())
            titles.append(issue.title);
        titles.sort();
        QCOMPARE(titles, QStringList({ draft(0).title, draft(1).title, draft(2).title }));
    }

    void createdDraftsMustExist()
    {
        const ActionPreview previewed = preview(gitHubIssues(
            3, { { u"repository"_s, u"octo-org/widgets"_s }, { u"created_drafts"_s, QJsonArray { 0, 5 } } }));
        QVERIFY(!previewed.ready);
        QVERIFY2(
            previewed.problems.join(u' ').contains(u"parameters.created_drafts: 5 is not a draft of this "
                                                   u"artifact: give numbers from 0 to 2"_s),
            qPrintable(previewed.problems.join(u' ')));
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestServiceActions)
#include "tst_serviceactions.moc"
