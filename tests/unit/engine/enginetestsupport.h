// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the engine tests share: a fresh git repository made from a fixture,
// the scripted model provider, and engine options that point at both.

#include "engine/engine.h"
#include "engine/runcontroller.h"
#include "scriptedllmserver.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <sys/stat.h>

namespace delegate::test {

inline const QString fixtureRoot = QStringLiteral(DELEGATE_SOURCE_DIR "/tests/fixtures");

inline bool gitOutput(const QString &directory, const QStringList &arguments, QByteArray *output)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(QStringLiteral("git"), arguments);
    process.waitForFinished(60000);
    *output = process.readAllStandardOutput() + process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

inline bool git(const QString &directory, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(QStringLiteral("git"),
                  QStringList { QStringLiteral("-c"), QStringLiteral("user.name=Test"), QStringLiteral("-c"),
                                QStringLiteral("user.email=test@example.invalid") }
                      + arguments);
    process.waitForFinished(60000);
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// Copies a fixture folder into a fresh git repository with one commit.
inline QString makeRepository(const QString &parent, const QString &fixture)
{
    const QString repository = parent + QStringLiteral("/source-") + fixture;
    const QString from = fixtureRoot + QStringLiteral("/repos/") + fixture;
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = repository + u'/' + QDir(from).relativeFilePath(file);
        QDir().mkpath(QFileInfo(target).path());
        QFile::copy(file, target);
    }
    if (!git(repository,
             { QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main") })
        || !git(repository, { QStringLiteral("add"), QStringLiteral("-A") })
        || !git(
            repository,
            { QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("base") }))
        return {};
    return repository;
}

// One tool call of a scripted turn.
inline QJsonObject call(const QString &name, const QJsonObject &arguments)
{
    return { { QStringLiteral("name"), name }, { QStringLiteral("arguments"), arguments } };
}

inline QJsonObject turn(const QJsonArray &calls, const QString &expect = {})
{
    QJsonObject object { { QStringLiteral("tool_calls"), calls } };
    if (!expect.isEmpty())
        object.insert(QStringLiteral("expect_contains"), expect);
    return object;
}

inline QJsonObject askTurn(const QString &question)
{
    return turn({ call(QStringLiteral("ask_human"), { { QStringLiteral("question"), question } }) });
}

inline QJsonObject editTurn(const QString &oldText, const QString &newText, const QString &expect = {})
{
    return turn({ call(QStringLiteral("edit_file"),
                       { { QStringLiteral("path"), QStringLiteral("sum.py") },
                         { QStringLiteral("old_text"), oldText },
                         { QStringLiteral("new_text"), newText } }) },
                expect);
}

inline QJsonObject submitTurn(const QString &summary, const QString &expect = {})
{
    return turn({ call(QStringLiteral("submit"),
                       { { QStringLiteral("kind"), QStringLiteral("patch") },
                         { QStringLiteral("summary"), summary },
                         { QStringLiteral("content"), QStringLiteral("See the diff.") } }) },
                expect);
}

// A temporary home for stores, repositories and workspaces, and the
// scripted provider the built-in agent talks to.
class EngineHarness
{
public:
    QTemporaryDir root;
    fixtures::ScriptedLlmServer server;
    QString repository;
    int maxConcurrentRuns = 2;

    bool setUp()
    {
        if (!root.isValid() || !server.listen())
            return false;
        // Sandboxed commands may run as another host user; they must reach
        // their workspace through this directory.
        ::chmod(QFile::encodeName(root.path()).constData(), 0711);
        QDir().mkpath(root.filePath(QStringLiteral("repos")));
        repository = makeRepository(root.filePath(QStringLiteral("repos")), QStringLiteral("sum-py"));
        return !repository.isEmpty();
    }

    EngineOptions options() const
    {
        EngineOptions options;
        options.storePath = root.filePath(QStringLiteral("store/delegate.db"));
        options.workspaceRoot = root.filePath(QStringLiteral("workspaces"));
        options.limits.maxConcurrentRuns = maxConcurrentRuns;
        // The system's python3, not a version manager's shim under a home
        // directory the sandbox's user cannot enter.
        options.toolSearchPath = { QStringLiteral("/usr/bin"), QStringLiteral("/bin") };
        ProviderEntry provider;
        provider.config.name = QStringLiteral("scripted");
        provider.config.dialect = llm::Dialect::OpenAiChat;
        provider.config.baseUrl = QUrl(server.openAiBaseUrl());
        provider.config.apiKey = QStringLiteral("sk-never-enters-the-sandbox");
        provider.config.retry.maxAttempts = 1;
        provider.defaultModel = QStringLiteral("scripted-model");
        options.providers.insert(QStringLiteral("openai"), provider);
        options.defaultProvider = QStringLiteral("openai");
        return options;
    }

    SubmitRequest fixTheTest() const
    {
        SubmitRequest request;
        request.task.title = QStringLiteral("Fix add()");
        request.task.objective =
            QStringLiteral("Make the failing test in tests/test_sum.py pass without changing the test.");
        request.task.scope.repository = repository;
        request.task.verifyCommands = { QStringLiteral("python3 -m unittest -q") };
        request.task.limits.steps = 20;
        request.environment.name = QStringLiteral("python");
        request.environment.capabilities.repository = Capabilities::RepositoryAccess::Write;
        request.environment.capabilities.tools = { QStringLiteral("python3") };
        return request;
    }
};

inline RunState stateOf(const Engine &engine, const QString &runId)
{
    const RunRecord *record = engine.state().run(runId);
    return record ? record->run.state : RunState::Queued;
}

// Spins the event loop until the run is in the state, or the time is up.
inline bool waitForState(const Engine &engine, const QString &runId, RunState wanted, int timeoutMs = 60000)
{
    return QTest::qWaitFor([&] { return stateOf(engine, runId) == wanted; }, timeoutMs);
}

// The run's state and its last events, for failure messages.
inline QString describe(Engine &engine, const QString &runId)
{
    const RunRecord *record = engine.state().run(runId);
    if (!record)
        return QStringLiteral("no run %1").arg(runId);
    QString text =
        QStringLiteral("run %1 is %2 (%3)").arg(runId, enumToString(record->run.state), record->lastReason);
    const auto events = engine.events(runId, 0, 1000);
    if (events.ok()) {
        const QList<Event> &all = events.value();
        for (const Event &event : all.mid(std::max<qsizetype>(0, all.size() - 8))) {
            const QString payload =
                QString::fromUtf8(QJsonDocument(event.payload).toJson(QJsonDocument::Compact));
            text += QStringLiteral("\n  %1 %2").arg(event.kind, payload.left(400));
        }
    }
    return text;
}

} // namespace delegate::test

// Fails the test function, with the run's last events, unless the run
// reaches the state.
#define DELEGATE_WAIT_FOR_STATE(engine, runId, state)                                                        \
    do {                                                                                                     \
        if (!delegate::test::waitForState(engine, runId, state)) {                                           \
            qWarning().noquote() << delegate::test::describe(engine, runId);                                 \
            QFAIL("the run did not become " #state);                                                         \
        }                                                                                                    \
    } while (false)
