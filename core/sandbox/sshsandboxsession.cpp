// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sshsandboxsession.h"

#include "sandbox/execoutput.h"
#include "sandbox/localsandboxsession.h"
#include "sandbox/sshremotescripts.h"
#include "sandbox/sshsandboxruntime.h"

#include <QCoro/QCoroProcess>
#include <QCoro/QCoroSignal>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

#include <csignal>

using namespace std::chrono_literals;

namespace delegate {

namespace {

struct DeleteLater
{
    void operator()(QObject *object) const
    {
        if (object)
            object->deleteLater();
    }
};

// What the host reported about one command: bwrap's status lines
// ({"child-pid": N}, {"exit-code": N}) and the wrapper's own exit code.
struct RemoteStatus
{
    bool started = false;
    std::optional<int> exitCode;
    std::optional<int> wrapperExit;
};

RemoteStatus parseStatus(const QByteArray &line)
{
    RemoteStatus status;
    // The objects were joined on one line; split them again.
    QByteArray text = line;
    text.replace("} {", "}\n{");
    text.replace("}{", "}\n{");
    for (const QByteArray &part : text.split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(part.trimmed()).object();
        if (object.contains(QLatin1String("child-pid")))
            status.started = true;
        if (object.contains(QLatin1String("exit-code")))
            status.exitCode = object.value(QLatin1String("exit-code")).toInt();
        if (object.contains(QLatin1String("wrapper-exit")))
            status.wrapperExit = object.value(QLatin1String("wrapper-exit")).toInt();
    }
    return status;
}

QString limitText(qint64 value)
{
    return value > 0 ? QString::number(value) : QStringLiteral("unlimited");
}

SandboxError closedError()
{
    return SandboxError { SandboxErrorCode::SessionClosed,
                          QStringLiteral("the sandbox session was torn down; prepare a new one") };
}

// Writes standard input to a path inside the workspace, refusing paths that
// resolve outside it; runs inside the sandbox, so the host is out of reach
// whatever the path is.
const char *const kWriteScript = R"SH(p=$(realpath -m -- "/workspace/$1") || exit 97
case "$p" in /workspace/*) ;; *) echo "the path leaves the workspace" >&2; exit 97 ;; esac
mkdir -p -- "${p%/*}" && cat > "$p")SH";
constexpr int outsideWorkspaceExit = 97;

} // namespace

// Counts a running command for teardown. Lives in the exec() coroutine frame.
class RemoteCommand final
{
public:
    RemoteCommand(SshSandboxSession *session, QProcess *process)
        : m_session(session)
        , m_process(process)
    {
        ++session->m_active;
        session->m_running.append(process);
    }
    ~RemoteCommand()
    {
        if (!m_session)
            return;
        m_session->m_running.removeAll(m_process);
        if (--m_session->m_active == 0)
            Q_EMIT m_session->commandsDrained();
    }
    RemoteCommand(const RemoteCommand &) = delete;
    RemoteCommand &operator=(const RemoteCommand &) = delete;

private:
    QPointer<SshSandboxSession> m_session;
    QProcess *m_process;
};

SshSandboxSession::SshSandboxSession(std::shared_ptr<const SshSandboxRuntime> runtime, SandboxPolicy policy,
                                     QString remoteDir, QObject *parent)
    : SandboxSession(parent)
    , m_runtime(std::move(runtime))
    , m_policy(std::move(policy))
    , m_remoteDir(std::move(remoteDir))
    , m_redactor(m_policy.secrets)
    , m_files(m_policy.workspaceDir)
{ }

SshSandboxSession::~SshSandboxSession()
{
    m_closed = true;
    hangUpAll();
    if (!m_removed && !m_lost) {
        // Best effort: the engine is going away.
        QProcess remove;
        remove.start(m_runtime->client->program(),
                     m_runtime->client->arguments(sshscripts::removeSession(m_remoteDir)));
        remove.waitForFinished(10000);
    }
}

void SshSandboxSession::hangUpAll()
{
    // Closing a command's standard input is its kill switch on the host.
    for (QProcess *process : std::as_const(m_running))
        process->closeWriteChannel();
}

SandboxError SshSandboxSession::hostLost(const QString &what)
{
    const QString reason =
        QStringLiteral("lost the connection to %1 %2").arg(m_runtime->client->options().host, what);
    if (!m_lost) {
        m_lost = true;
        Q_EMIT lost(reason);
    }
    return SandboxError { SandboxErrorCode::HostLost, reason };
}

QCoro::Task<ExecResult> SshSandboxSession::exec(ExecRequest request)
{
    ExecResult result;
    if (m_closed) {
        result.error = closedError();
        co_return result;
    }
    if (m_lost) {
        result.error =
            SandboxError { SandboxErrorCode::HostLost,
                           QStringLiteral("the connection to %1 was lost; the run goes on elsewhere")
                               .arg(m_runtime->client->options().host) };
        co_return result;
    }
    if (auto invalid = LocalSandboxSession::validate(request)) {
        result.error = *invalid;
        co_return result;
    }
    co_return co_await runRemote(std::move(request));
}

QCoro::Task<ExecResult> SshSandboxSession::runRemote(ExecRequest request)
{
    QPointer<SshSandboxSession> self(this);
    ExecResult result;
    const std::shared_ptr<const SshSandboxRuntime> runtime = m_runtime;
    const std::shared_ptr<SshClient> client = runtime->client;
    const SandboxLimits limits = m_policy.limits;
    const QString remoteDir = m_remoteDir;
    const int id = m_nextId++;

    std::chrono::milliseconds wallTime = limits.wallTime;
    if (request.timeout.count() > 0)
        wallTime = std::min(wallTime, request.timeout);
    qint64 outputCap = limits.maxOutputBytes;
    if (request.maxOutputBytes > 0)
        outputCap = outputCap > 0 ? std::min(outputCap, request.maxOutputBytes) : request.maxOutputBytes;

    QMap<QString, QString> environment = m_policy.baseEnvironment();
    for (auto it = request.environment.cbegin(); it != request.environment.cend(); ++it)
        environment.insert(it.key(), it.value());

    // The same bwrap options as on this machine, with the host's workspace.
    SandboxPolicy remotePolicy = m_policy;
    remotePolicy.workspaceDir = remoteDir + QStringLiteral("/tree");
    const BwrapInvocation invocation =
        runtime->command.invocation(remotePolicy, request, environment, BwrapFds { 4 });
    // The options carry secrets: they go through standard input into a file
    // only the remote user can read, which bwrap reads and the wrapper
    // removes, never onto a command line.
    QByteArray packed;
    for (const QString &argument : invocation.options) {
        packed += argument.toUtf8();
        packed += '\0';
    }
    const QString storeCommand = sshscripts::storeRequest(remoteDir, id, packed.size());
    const QByteArray storeInput = packed + request.stdinData;
    const SshOutput stored = co_await client->run(storeCommand, storeInput, 60s);
    if (!self || m_closed) {
        result.error = closedError();
        co_return result;
    }
    if (stored.connectionFailed()) {
        result.error = hostLost(QStringLiteral("before a command could start (ssh said: \"%1\")")
                                    .arg(QString::fromLocal8Bit(stored.err).trimmed()));
        co_return result;
    }
    if (!stored.ok()) {
        result.error =
            SandboxError { SandboxErrorCode::StartFailed,
                           QStringLiteral("cannot hand the command to %1: %2")
                               .arg(client->options().host, QString::fromLocal8Bit(stored.err).trimmed()) };
        co_return result;
    }

    // Per-process limits on bwrap pass to everything it starts, as locally.
    // The host's own timer (a little later than ours) covers an engine that
    // cannot reach it any more.
    const qint64 remoteWall = std::chrono::duration_cast<std::chrono::seconds>(wallTime).count() + 15;
    QStringList command { runtime->prlimitPath,
                          QStringLiteral("--cpu=%1").arg(limitText(limits.cpuTime.count())),
                          QStringLiteral("--as=%1").arg(limitText(limits.memoryBytes)),
                          QStringLiteral("--fsize=%1").arg(limitText(limits.maxFileSizeBytes)),
                          QStringLiteral("--core=0"),
                          QStringLiteral("--") };
    command += runtime->runAs;
    command += QStringList { runtime->timeoutPath,        QStringLiteral("-s"), QStringLiteral("KILL"),
                             QString::number(remoteWall), runtime->bwrapPath,   QStringLiteral("--args"),
                             QStringLiteral("3"),         QStringLiteral("--") };
    command += invocation.command;
    const QString runCommandLine = sshscripts::runCommand(remoteDir, id, remoteWall, command);

    std::unique_ptr<QProcess, DeleteLater> process(new QProcess);
    process->setProgram(client->program());
    process->setArguments(client->arguments(runCommandLine));
    ExecOutput output(m_policy.secrets, outputCap, request.onOutput);
    QProcess *raw = process.get();
    QObject::connect(raw, &QProcess::readyReadStandardOutput, raw,
                     [raw, &output] { output.append(SandboxStream::Stdout, raw->readAllStandardOutput()); });
    QObject::connect(raw, &QProcess::readyReadStandardError, raw,
                     [raw, &output] { output.append(SandboxStream::Stderr, raw->readAllStandardError()); });

    const RemoteCommand active(this, raw);
    QElapsedTimer clock;
    clock.start();
    process->start();
    if (!co_await qCoro(raw).waitForStarted(10s)) {
        QObject::disconnect(raw, nullptr, nullptr, nullptr);
        result.error = SandboxError {
            SandboxErrorCode::StartFailed,
            QStringLiteral("cannot start '%1': %2").arg(client->program(), raw->errorString())
        };
        co_return result;
    }
    // Standard input stays open while the command runs: closing it is the
    // kill switch.
    bool timedOut = false;
    QTimer wallTimer;
    wallTimer.setSingleShot(true);
    QObject::connect(&wallTimer, &QTimer::timeout, raw, [raw, &timedOut] {
        timedOut = true;
        raw->closeWriteChannel();
    });
    wallTimer.start(wallTime);

    if (raw->state() != QProcess::NotRunning)
        co_await qCoro(raw, &QProcess::finished, wallTime + 30s);
    wallTimer.stop();
    if (raw->state() != QProcess::NotRunning) {
        // The host does not answer: hang up; it kills the command itself
        // when it notices.
        raw->kill();
        raw->waitForFinished(5000);
    }
    output.append(SandboxStream::Stdout, raw->readAllStandardOutput());
    output.append(SandboxStream::Stderr, raw->readAllStandardError());
    QObject::disconnect(raw, nullptr, nullptr, nullptr);
    output.finish();
    const bool sshFailed = raw->exitStatus() != QProcess::NormalExit || raw->exitCode() == 255;

    result.duration = std::chrono::milliseconds(clock.elapsed());
    result.truncated = output.truncated();
    result.stdoutData = output.stdoutData();
    result.stderrData = output.stderrData();

    // The command's status and the workspace's changes, in one call.
    const QString collectCommand = sshscripts::collect(remoteDir, id);
    const QByteArray noInput;
    const SshOutput collected = co_await client->run(collectCommand, noInput, 5min);
    if (!self) {
        result.error = closedError();
        co_return result;
    }
    if (collected.connectionFailed() || (sshFailed && !collected.ok())) {
        const QString said = QString::fromLocal8Bit(collected.err).trimmed();
        result.error = hostLost(QStringLiteral("while a command ran (ssh said: \"%1\")").arg(said));
        co_return result;
    }
    const qsizetype newline = collected.out.indexOf('\n');
    const RemoteStatus status = parseStatus(collected.out.left(newline));
    if (!collected.ok()) {
        result.error = SandboxError { SandboxErrorCode::Io,
                                      QStringLiteral("cannot collect the workspace's changes on %1: %2")
                                          .arg(client->options().host,
                                               QString::fromLocal8Bit(collected.err).trimmed()) };
        co_return result;
    }
    if (newline >= 0 && newline + 1 < collected.out.size()) {
        const QByteArray diff = collected.out.mid(newline + 1);
        if (auto failed = co_await applyLocally(diff)) {
            result.error = *failed;
            co_return result;
        }
    }

    result.timedOut = timedOut || (!status.exitCode && status.wrapperExit == 128 + SIGKILL);
    result.cancelled = !result.timedOut && (!self || m_closed) && !status.exitCode;
    if (status.exitCode) {
        result.exitCode = *status.exitCode;
    } else if (status.started) {
        result.exitCode = 128 + SIGKILL; // killed: timeout, teardown or hang-up
    } else {
        QString said = QString::fromUtf8(result.stderrData).trimmed();
        result.error = SandboxError { SandboxErrorCode::SetupFailed,
                                      QStringLiteral("bubblewrap failed to set up the sandbox on %1: %2")
                                          .arg(client->options().host, said) };
        result.exitCode = status.wrapperExit.value_or(-1);
    }
    if (result.exitCode > 128 && result.exitCode <= 128 + 64)
        result.signal = result.exitCode - 128;
    co_return result;
}

QCoro::Task<std::optional<SandboxError>> SshSandboxSession::applyLocally(QByteArray diff)
{
    // Applied with an empty repository of the engine's: git never looks at
    // the workspace's own .git file, and refuses paths outside the tree or
    // beyond a symlink.
    QProcess apply;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_DIR"), m_runtime->localGitDir);
    env.insert(QStringLiteral("GIT_WORK_TREE"), m_policy.workspaceDir);
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    apply.setProcessEnvironment(env);
    apply.setWorkingDirectory(m_policy.workspaceDir);
    apply.start(QStringLiteral("git"),
                { QStringLiteral("-c"), QStringLiteral("core.hooksPath=/dev/null"), QStringLiteral("apply"),
                  QStringLiteral("--binary"), QStringLiteral("--whitespace=nowarn"), QStringLiteral("-") });
    if (!co_await qCoro(apply).waitForStarted(10s))
        co_return SandboxError {
            SandboxErrorCode::StartFailed,
            QStringLiteral("cannot start git to bring the host's changes back: %1").arg(apply.errorString())
        };
    apply.write(diff);
    apply.closeWriteChannel();
    if (apply.state() != QProcess::NotRunning)
        co_await qCoro(apply).waitForFinished(5min);
    if (apply.exitStatus() == QProcess::NormalExit && apply.exitCode() == 0)
        co_return std::nullopt;
    co_return SandboxError { SandboxErrorCode::Io,
                             QStringLiteral(
                                 "the changes made on %1 do not apply to the local workspace %2: %3")
                                 .arg(m_runtime->client->options().host, m_policy.workspaceDir,
                                      QString::fromLocal8Bit(apply.readAllStandardError()).trimmed()) };
}

QCoro::Task<SandboxResult<QByteArray>> SshSandboxSession::readFile(QString path)
{
    if (m_closed)
        co_return closedError();
    SandboxResult<QByteArray> read = m_files.read(path);
    if (!read)
        co_return read;
    co_return m_redactor.redact(read.value());
}

QCoro::Task<SandboxResult<void>> SshSandboxSession::writeFile(QString path, QByteArray data)
{
    if (m_closed)
        co_return closedError();
    const SandboxResult<QString> checked = ConfinedFiles::checkRelativePath(path);
    if (!checked)
        co_return checked.error();
    if (checked.value().isEmpty())
        co_return SandboxError { SandboxErrorCode::InvalidRequest,
                                 QStringLiteral(
                                     "give a file path inside the workspace, not the workspace itself") };
    ExecRequest request;
    request.argv = QStringList { QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                 QString::fromUtf8(kWriteScript), QStringLiteral("write"), checked.value() };
    request.stdinData = data;
    const ExecResult written = co_await exec(request);
    if (written.error)
        co_return *written.error;
    if (written.exitCode == outsideWorkspaceExit)
        co_return SandboxError {
            SandboxErrorCode::PathOutsideWorkspace,
            QStringLiteral("'%1' resolves outside the workspace; write inside it").arg(path)
        };
    if (written.exitCode != 0)
        co_return SandboxError {
            SandboxErrorCode::Io,
            QStringLiteral("cannot write '%1': %2").arg(path, QString::fromUtf8(written.stderrData).trimmed())
        };
    co_return SandboxResult<void> {};
}

QCoro::Task<SandboxResult<QList<SandboxFileEntry>>> SshSandboxSession::listFiles(QString directory,
                                                                                 bool recursive)
{
    if (m_closed)
        co_return closedError();
    SandboxResult<QList<SandboxFileEntry>> listed = m_files.list(directory, recursive);
    if (listed && !m_redactor.isEmpty()) {
        for (SandboxFileEntry &entry : listed.value())
            entry.path = m_redactor.redact(entry.path);
    }
    co_return listed;
}

QCoro::Task<void> SshSandboxSession::teardown()
{
    QPointer<SshSandboxSession> self(this);
    m_closed = true;
    hangUpAll();
    while (self && m_active > 0) {
        if (!co_await qCoro(this, &SshSandboxSession::commandsDrained, 60s))
            break;
    }
    if (!self || m_removed || m_lost)
        co_return;
    m_removed = true;
    const std::shared_ptr<SshClient> client = m_runtime->client;
    const QString removeCommand = sshscripts::removeSession(m_remoteDir);
    const QByteArray noInput;
    const SshOutput removed = co_await client->run(removeCommand, noInput, 60s);
    if (!removed.ok())
        qWarning("ssh sandbox teardown: cannot remove %s on %s: %s", qPrintable(m_remoteDir),
                 qPrintable(client->options().host), removed.err.constData());
}

} // namespace delegate
