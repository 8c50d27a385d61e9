// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemonharness.h"

#include "rpc/engineconnector.h"
#include "rpc/localengine.h"

#include <QCoro/QCoroTask>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace delegate::test {

namespace {

const QString fixtureRoot = QStringLiteral(DELEGATE_SOURCE_DIR "/tests/fixtures");
const QString binaryDir = QStringLiteral(DELEGATE_BINARY_DIR "/app");

bool git(const QString &directory, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(u"git"_s,
                  QStringList { u"-c"_s, u"user.name=Test"_s, u"-c"_s, u"user.email=test@example.invalid"_s }
                      + arguments);
    process.waitForFinished(60000);
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool copyFixture(const QString &fixture, const QString &target)
{
    const QString from = fixtureRoot + u"/repos/"_s + fixture;
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString copy = target + u'/' + QDir(from).relativeFilePath(file);
        if (!QDir().mkpath(QFileInfo(copy).path()) || !QFile::copy(file, copy))
            return false;
    }
    return true;
}

} // namespace

QString CommandResult::describe() const
{
    return u"exit %1\n--- stdout ---\n%2\n--- stderr ---\n%3"_s.arg(exitCode).arg(QString::fromUtf8(out),
                                                                                  QString::fromUtf8(err));
}

bool DaemonHarness::setUp()
{
    if (!root.isValid() || !llm.listen() || !services.listen())
        return false;
    // Sandboxed commands may run as another host user; they must reach
    // their workspaces through this folder.
    ::chmod(QFile::encodeName(root.path()).constData(), 0711);
    repository = path(u"repos/sum-py"_s);
    remote = path(u"repos/sum-py.git"_s);
    if (!QDir().mkpath(repository) || !copyFixture(u"sum-py"_s, repository))
        return false;
    return git(repository, { u"init"_s, u"-q"_s, u"-b"_s, u"main"_s })
        && git(repository, { u"add"_s, u"-A"_s })
        && git(repository, { u"commit"_s, u"-q"_s, u"-m"_s, u"base"_s })
        && git(path(u"repos"_s), { u"init"_s, u"-q"_s, u"--bare"_s, remote })
        && git(repository, { u"remote"_s, u"add"_s, u"origin"_s, remote });
}

QProcessEnvironment DaemonHarness::baseEnvironment() const
{
    QProcessEnvironment environment;
    // The system's tools, not a version manager's shims under a home folder
    // the sandbox's user cannot enter.
    environment.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
    environment.insert(u"HOME"_s, path(u"home"_s));
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    environment.insert(u"XDG_DATA_HOME"_s, path(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, path(u"config"_s));
    environment.insert(u"DELEGATE_RUNTIME_DIR"_s, runtimeDirectory());
    environment.insert(u"QT_LOGGING_RULES"_s, u"*.debug=false"_s);
    return environment;
}

bool DaemonHarness::startDaemon(const QStringList &extraArguments)
{
    QDir().mkpath(path(u"home"_s));
    QProcessEnvironment environment = baseEnvironment();
    environment.insert(u"OPENAI_BASE_URL"_s, llm.openAiBaseUrl());
    environment.insert(u"OPENAI_API_KEY"_s, u"sk-never-enters-the-sandbox"_s);
    environment.insert(u"OPENAI_MODEL"_s, u"scripted-model"_s);
    environment.insert(u"DELEGATE_GITHUB_API_URL"_s, services.gitHubApiUrl());
    environment.insert(u"GITHUB_TOKEN"_s, u"ghp_fixturetoken"_s);
    m_daemon = std::make_unique<QProcess>();
    m_daemon->setProcessEnvironment(environment);
    m_daemon->setProcessChannelMode(QProcess::MergedChannels);
    m_daemon->setStandardOutputFile(path(u"delegated.log"_s), QIODevice::Append);
    QStringList arguments { u"--store"_s, path(u"store/delegate.db"_s), u"--workspaces"_s,
                            path(u"workspaces"_s) };
    if (QFile::exists(path(u"tokens"_s)))
        arguments << u"--tokens"_s << path(u"tokens"_s);
    m_daemon->start(binaryDir + u"/delegated"_s, arguments + extraArguments);
    if (!m_daemon->waitForStarted(10000))
        return false;
    const rpc::LocalEngineDirectory directory(runtimeDirectory());
    const qint64 pid = m_daemon->processId();
    return QTest::qWaitFor(
               [&] {
                   const auto published = directory.read();
                   return (published.endpoint && published.endpoint->pid == pid)
                       || m_daemon->state() == QProcess::NotRunning;
               },
               30000)
        && m_daemon->state() == QProcess::Running;
}

void DaemonHarness::killDaemon()
{
    m_daemon->kill();
    m_daemon->waitForFinished(10000);
}

bool DaemonHarness::stopDaemon()
{
    m_daemon->terminate();
    return QTest::qWaitFor([&] { return m_daemon->state() == QProcess::NotRunning; }, 30000)
        && m_daemon->exitStatus() == QProcess::NormalExit && m_daemon->exitCode() == 0;
}

QString DaemonHarness::daemonLog() const
{
    QFile log(path(u"delegated.log"_s));
    log.open(QIODevice::ReadOnly);
    return QString::fromUtf8(log.readAll().right(6000));
}

CommandResult DaemonHarness::ctl(const QStringList &arguments, const QMap<QString, QString> &environment)
{
    QProcessEnvironment processEnvironment = baseEnvironment();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        processEnvironment.insert(it.key(), it.value());
    QProcess process;
    process.setProcessEnvironment(processEnvironment);
    process.setWorkingDirectory(root.path());
    process.start(binaryDir + u"/delegatectl"_s, arguments);
    CommandResult result;
    if (!process.waitForStarted(10000))
        return result;
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 120000)) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

std::unique_ptr<rpc::RpcClient> DaemonHarness::connect()
{
    auto client = std::make_unique<rpc::RpcClient>();
    rpc::ConnectOptions options;
    options.directory = runtimeDirectory();
    options.startIfNeeded = false;
    const rpc::RpcOutcome outcome = QCoro::waitFor(rpc::connectToEngine(client.get(), options));
    if (outcome.error) {
        qWarning().noquote() << "cannot connect to the daemon:" << outcome.error->message;
        return nullptr;
    }
    const QStringList topics { u"runs"_s };
    const rpc::RpcOutcome subscribed = QCoro::waitFor(client->subscribe(topics));
    return subscribed.error ? nullptr : std::move(client);
}

void DaemonHarness::addToken(const QString &user, const QString &role, const QString &token)
{
    QFile tokens(path(u"tokens"_s));
    tokens.open(QIODevice::Append);
    const QByteArray digest = QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex();
    tokens.write(user.toUtf8() + ' ' + role.toUtf8() + ' ' + digest + '\n');
}

QJsonObject DaemonHarness::waitForState(rpc::RpcClient &client, const QString &runId,
                                        const QStringList &states, int timeoutMs)
{
    // Each run.updated wakes the check; the check reads the run itself, so
    // an update that came before the spy was made is not missed.
    QSignalSpy updates(&client, &rpc::RpcClient::notificationReceived);
    const QJsonObject params { { u"run_id"_s, runId } };
    QElapsedTimer elapsed;
    elapsed.start();
    QString state;
    do {
        const rpc::RpcOutcome outcome = QCoro::waitFor(client.call(u"runs.get"_s, params));
        const QJsonObject run = outcome.error ? QJsonObject() : outcome.result.toObject();
        state = run.value("run"_L1).toObject().value("state"_L1).toString();
        if (states.contains(state))
            return run;
        updates.wait(1000);
    } while (elapsed.elapsed() < timeoutMs);
    qWarning().noquote() << "run" << runId << "stayed" << state << "; wanted" << states.join(u", "_s);
    return {};
}

} // namespace delegate::test
