// SPDX-License-Identifier: GPL-3.0-or-later
// CLI agents found on a PATH made of the stub agents: versions, credentials
// from a variable or a login file, absent ones with their install hint, and
// one that is there but broken.
#include "onboarding/cliagentdetector.h"

#include <QCoro/QCoroTask>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

namespace {

const QString stubs = QStringLiteral(DELEGATE_SOURCE_DIR "/tests/fixtures/cli-agents/bin");

bool makeExecutable(const QString &path, const QByteArray &script)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(script);
    file.close();
    return file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

} // namespace

class TestCliAgentDetector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void findsTheStubs()
    {
        QTemporaryDir home;
        QDir().mkpath(home.filePath(u".gemini"_s));
        QFile login(home.filePath(u".gemini/oauth_creds.json"_s));
        QVERIFY(login.open(QIODevice::WriteOnly));
        login.write("{}");
        login.close();

        QProcessEnvironment environment;
        environment.insert(u"PATH"_s, u"/nonexistent:"_s + stubs + u":/usr/bin:/bin"_s);
        environment.insert(u"HOME"_s, home.path());
        environment.insert(u"ANTHROPIC_API_KEY"_s, u"sk-ant"_s);

        const QList<CliAgentStatus> agents = QCoro::waitFor(CliAgentDetector::detectAll(environment));
        QCOMPARE(agents.size(), 3);

        const CliAgentStatus &claude = agents.at(0);
        QCOMPARE(claude.profile.executable, u"claude"_s);
        QCOMPARE(claude.path, stubs + u"/claude"_s);
        QCOMPARE(claude.version, u"2.0.14 (Claude Code)"_s);
        QVERIFY(claude.problem.isEmpty());
        QVERIFY(claude.canAuthenticate());
        QCOMPARE(claude.credentials, u"ANTHROPIC_API_KEY is set"_s);
        QVERIFY2(claude.summary().contains(u"it can log in"_s), qPrintable(claude.summary()));

        const CliAgentStatus &codex = agents.at(1);
        QCOMPARE(codex.version, u"codex-cli 0.46.0"_s);
        QVERIFY(!codex.canAuthenticate());
        QVERIFY2(codex.summary().contains(u"no credentials: set OPENAI_API_KEY or CODEX_API_KEY"_s),
                 qPrintable(codex.summary()));

        const CliAgentStatus &gemini = agents.at(2);
        QCOMPARE(gemini.version, u"0.9.0"_s);
        QCOMPARE(gemini.credentials, u"logged in: ~/.gemini/oauth_creds.json"_s);
    }

    void absentAgentsSayHowToInstall()
    {
        QTemporaryDir empty;
        QProcessEnvironment environment;
        environment.insert(u"PATH"_s, empty.path());
        const QList<CliAgentStatus> agents = QCoro::waitFor(CliAgentDetector::detectAll(environment));
        QCOMPARE(agents.size(), 3);
        for (const CliAgentStatus &agent : agents) {
            QVERIFY(!agent.found());
            QVERIFY2(agent.summary().contains(u"Install it with: npm install -g"_s),
                     qPrintable(agent.summary()));
        }
    }

    void aBrokenAgentSaysWhy()
    {
        QTemporaryDir bin;
        QVERIFY(makeExecutable(bin.filePath(u"codex"_s),
                               "#!/bin/sh\necho 'error: Node.js 18 or newer is required' >&2\nexit 3\n"));
        QProcessEnvironment environment;
        environment.insert(u"PATH"_s, bin.path() + u":/usr/bin:/bin"_s);
        environment.insert(u"OPENAI_API_KEY"_s, u"sk"_s);
        const CliAgentStatus codex = QCoro::waitFor(CliAgentDetector::detect(
            *CliAgentProfile::forRuntime(AgentSpec::Runtime::Codex), environment, std::chrono::seconds(10)));
        QVERIFY(codex.found());
        QVERIFY(codex.version.isEmpty());
        QCOMPARE(codex.problem,
                 u"'codex --version' failed (exit 3): error: Node.js 18 or newer is required"_s);
        QVERIFY(codex.summary().contains(u"but it does not start"_s));
    }

    void aHangingAgentIsNotWaitedForForever()
    {
        QTemporaryDir bin;
        QVERIFY(makeExecutable(bin.filePath(u"gemini"_s), "#!/bin/sh\nexec sleep 30\n"));
        QProcessEnvironment environment;
        environment.insert(u"PATH"_s, bin.path() + u":/usr/bin:/bin"_s);
        const CliAgentStatus gemini =
            QCoro::waitFor(CliAgentDetector::detect(*CliAgentProfile::forRuntime(AgentSpec::Runtime::Gemini),
                                                    environment, std::chrono::milliseconds(500)));
        QVERIFY(gemini.found());
        QVERIFY2(gemini.problem.contains(u"did not finish"_s), qPrintable(gemini.problem));
    }
};

QTEST_GUILESS_MAIN(TestCliAgentDetector)
#include "tst_cliagentdetector.moc"
