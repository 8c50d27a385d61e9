// SPDX-License-Identifier: GPL-3.0-or-later
// The action layer's value types and pure helpers: kind names, JSON round
// trips, remote URLs, masking, Slack's mrkdwn.
#include "engine/actions/actionexecutor.h"
#include "engine/actions/actionrequest.h"
#include "engine/actions/actionresult.h"
#include "engine/actions/githubrepository.h"
#include "engine/actions/httpcall.h"
#include "engine/actions/memorysecretsource.h"
#include "engine/actions/slackmessage.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace delegate {

class TestActionValues final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kindNames()
    {
        QCOMPARE(
            enumNameList<ActionKind>(),
            QStringList({ u"git.branch"_s, u"git.push"_s, u"github.pull_request"_s, u"report.write_file"_s,
                          u"slack.post"_s, u"github.issues"_s, u"linear.issues"_s }));
        for (const QString &name : enumNameList<ActionKind>())
            QCOMPARE(enumToString(*enumFromString<ActionKind>(name)), name);
    }

    void requestRoundTrip()
    {
        ActionRequest request;
        request.runId = u"run-1"_s;
        request.kind = ActionKind::GitHubIssues;
        request.parameters = { { u"repository"_s, u"octo-org/widgets"_s },
                               { u"created_drafts"_s, QJsonArray { 0 } } };
        request.artifact.runId = u"run-1"_s;
        IssueDraft draft;
        draft.title = u"A bug"_s;
        request.artifact.content = IssuesContent { { draft } };
        request.workspace.runId = u"run-1"_s;
        request.workspace.gitDir = u"/repo/.git/worktrees/run-1"_s;
        request.workspace.branch = u"delegate/run-1"_s;

        QString error;
        const std::optional<ActionRequest> read = ActionRequest::fromJson(request.toJson(), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->toJson(), request.toJson());
        QCOMPARE(read->artifact, request.artifact);

        QJsonObject wrongKind = request.toJson();
        wrongKind.insert(u"kind"_s, u"git.commit"_s);
        QVERIFY(!ActionRequest::fromJson(wrongKind, &error));
        QVERIFY2(error.contains(u"git.branch"_s), qPrintable(error));
    }

    void resultJson()
    {
        ActionResult result;
        result.kind = ActionKind::LinearIssues;
        result.createdIssues = { { 2, u"B"_s, u"https://linear.app/x/issue/ENG-2"_s, u"ENG-2"_s,
                                   u"id-2"_s } };
        result.skippedDrafts = { 0 };
        result.failedIssues = { { 1, u"A"_s, u"refused"_s, true } };
        const QJsonObject json = result.toJson();
        QCOMPARE(json.value("created_drafts"_L1).toArray(), QJsonArray({ 0, 2 }));
        QCOMPARE(json.value("created_issues"_L1).toArray().at(0).toObject().value("reference"_L1).toString(),
                 u"ENG-2"_s);
        QCOMPARE(json.value("ok"_L1).toBool(), false);
    }

    void remoteUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("repository");
        QTest::addRow("scp-like") << u"git@github.com:octo-org/widgets.git"_s << u"octo-org/widgets"_s;
        QTest::addRow("https with .git")
            << u"https://github.com/octo-org/widgets.git"_s << u"octo-org/widgets"_s;
        QTest::addRow("https, trailing slash")
            << u"https://github.com/octo-org/widgets/"_s << u"octo-org/widgets"_s;
        QTest::addRow("enterprise prefix")
            << u"https://git.example.com/scm/octo-org/widgets.git"_s << u"octo-org/widgets"_s;
        QTest::addRow("ssh URL with port")
            << u"ssh://git@github.com:22/octo-org/widgets.git"_s << u"octo-org/widgets"_s;
        QTest::addRow("dots in the name")
            << u"git@github.com:octo-org/widgets.js.git"_s << u"octo-org/widgets.js"_s;
        QTest::addRow("local path") << u"/srv/git/widgets.git"_s << QString();
        QTest::addRow("file URL") << u"file:///srv/git/widgets.git"_s << QString();
        QTest::addRow("owner only") << u"https://github.com/octo-org"_s << QString();
    }
    void remoteUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, repository);
        const std::optional<GitHubRepository> parsed = GitHubRepository::fromRemoteUrl(url);
        QCOMPARE(parsed ? parsed->fullName() : QString(), repository);
    }

    void repositoryNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::addRow("plain") << u"octo-org/widgets"_s << true;
        QTest::addRow("no owner") << u"widgets"_s << false;
        QTest::addRow("path traversal") << u"octo-org/.."_s << false;
        QTest::addRow("three parts") << u"a/b/c"_s << false;
        QTest::addRow("query") << u"octo-org/widgets?x=1"_s << false;
    }
    void repositoryNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(GitHubRepository::parse(name).has_value(), valid);
    }

    void masking()
    {
        QCOMPARE(HttpCall::maskedUrl(QUrl(u"https://hooks.slack.com/services/T000/B000/XXXX"_s)),
                 u"https://hooks.slack.com/services/********"_s);
        QCOMPARE(HttpCall::maskedUrl(QUrl(u"https://user:pw@example.com/hook?token=1"_s)),
                 u"https://example.com/********"_s);
        HttpCall call;
        call.url = QUrl(u"https://api.example.com/x"_s);
        call.headers = { { "Authorization", "Bearer abc" }, { "X-Key", "secret" }, { "Accept", "a/b" } };
        call.secretHeaders = { "authorization", "X-Key" };
        call.body = R"({"a":1})";
        const HttpRequestPreview preview = call.preview();
        QCOMPARE(preview.header(u"Authorization"_s), u"Bearer ********"_s);
        QCOMPARE(preview.header(u"X-Key"_s), u"********"_s);
        QCOMPARE(preview.header(u"Accept"_s), u"a/b"_s);
        QCOMPARE(preview.url, u"https://api.example.com/x"_s);
        QCOMPARE(preview.body.toObject().value("a"_L1).toInt(), 1);
    }

    void mrkdwn_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("expected");
        QTest::addRow("heading") << u"## Cause"_s << u"*Cause*"_s;
        QTest::addRow("bold") << u"a **b** and __c__"_s << u"a *b* and *c*"_s;
        QTest::addRow("link") << u"[log](https://ci/1)"_s << u"<https://ci/1|log>"_s;
        QTest::addRow("bullets") << u"- a\n  * b"_s << u"• a\n  • b"_s;
        QTest::addRow("escapes") << u"a < b & c > d"_s << u"a &lt; b &amp; c &gt; d"_s;
        QTest::addRow("code untouched") << u"```\n**x** <y>\n```"_s << u"```\n**x** &lt;y&gt;\n```"_s;
    }
    void mrkdwn()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, expected);
        QCOMPARE(SlackMessage::mrkdwn(markdown), expected);
    }

    void longReportsStayWithinSlackLimits()
    {
        Artifact artifact;
        artifact.summary = QString(200, u'x');
        QString markdown;
        for (int i = 0; i < 200; ++i)
            markdown += QString(1000, QChar(u'a' + i % 26)) + u"\n\n"_s;
        artifact.content = ReportContent { markdown };
        const QJsonObject payload = SlackMessage::payload(artifact, u"run-1"_s, artifact.summary);
        const QJsonArray blocks = payload.value("blocks"_L1).toArray();
        QVERIFY(blocks.size() <= 50);
        QVERIFY(blocks.at(0).toObject().value("text"_L1).toObject().value("text"_L1).toString().size()
                <= 150);
        for (const QJsonValue &block : blocks)
            QVERIFY(block.toObject().value("text"_L1).toObject().value("text"_L1).toString().size() <= 3000);
        QVERIFY(blocks.at(blocks.size() - 2)
                    .toObject()
                    .value("text"_L1)
                    .toObject()
                    .value("text"_L1)
                    .toString()
                    .contains(u"cut short"_s));
    }

    void kindsForArtifacts()
    {
        QCOMPARE(ActionExecutor::kindsFor(ArtifactKind::Patch),
                 QList<ActionKind>({ ActionKind::GitBranch, ActionKind::GitPush,
                                     ActionKind::GitHubPullRequest, ActionKind::SlackPost }));
        QVERIFY(ActionExecutor::kindsFor(ArtifactKind::Question).isEmpty());
        const MemorySecretSource secrets;
        ActionSettings settings;
        settings.gitHubTokenSecret = u"GH"_s;
        const ActionExecutor executor(secrets, settings);
        QCOMPARE(executor.secretNameFor(ActionKind::GitHubIssues, {}), u"GH"_s);
        QCOMPARE(executor.secretNameFor(ActionKind::GitHubIssues, { { u"token_secret"_s, u"OTHER"_s } }),
                 u"OTHER"_s);
        QCOMPARE(executor.secretNameFor(ActionKind::LinearIssues, {}), u"LINEAR_API_KEY"_s);
        QCOMPARE(executor.secretNameFor(ActionKind::GitPush, {}), QString());
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestActionValues)
#include "tst_actionvalues.moc"
