// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/localsandboxsession.h"

#include "sandbox/bwrapcommand.h"
#include "sandbox/execoutput.h"
#include "sandbox/localsandbox.h"
#include "sandbox/localsandboxruntime.h"
#include "sandbox/memoryfile.h"
#include "sandbox/treeownership.h"

#include <QCoro/QCoroProcess>
#include <QCoro/QCoroSignal>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <QSocketNotifier>

#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

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

bool hasNul(const QString &text)
{
    return text.contains(QChar(u'\0'));
}

SandboxError requestError(const QString &message)
{
    return SandboxError { SandboxErrorCode::InvalidRequest, message };
}

// bwrap reports {"child-pid": N, ...} once the command's namespace exists and
// {"exit-code": N} when it ends, one JSON object per line.
struct BwrapStatus
{
    bool started = false;
    pid_t childPid = 0; // the sandbox's pid 1, as the host sees it
    std::optional<int> exitCode;
};

BwrapStatus parseStatus(const QByteArray &text)
{
    BwrapStatus status;
    for (const QByteArray &line : text.split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.contains(QLatin1String("child-pid"))) {
            status.started = true;
            status.childPid = pid_t(object.value(QLatin1String("child-pid")).toInt());
        }
        if (object.contains(QLatin1String("exit-code")))
            status.exitCode = object.value(QLatin1String("exit-code")).toInt();
    }
    return status;
}

bool hasExited(int pidFd)
{
    pollfd entry { pidFd, POLLIN, 0 };
    return ::poll(&entry, 1, 0) > 0;
}

rlim_t limitValue(qint64 value)
{
    return value > 0 ? rlim_t(value) : RLIM_INFINITY;
}

} // namespace

// One command's processes: bwrap, and the pid namespace whose init bwrap
// started. Killing that init makes the kernel kill every process in the
// namespace, detached ones included; the init's exit is the proof that they
// are all gone. Lives in the exec() coroutine frame.
class CommandTree final
{
public:
    CommandTree(QProcess *process, const MemoryFile *status)
        : m_process(process)
        , m_status(status)
    { }
    ~CommandTree()
    {
        if (m_initFd >= 0)
            ::close(m_initFd);
    }
    CommandTree(const CommandTree &) = delete;
    CommandTree &operator=(const CommandTree &) = delete;

    void kill()
    {
        // bwrap is alive here, so its child (the init) is not reaped yet and
        // the pid still names it.
        if (m_initFd < 0 && m_process->state() != QProcess::NotRunning) {
            const pid_t init = parseStatus(m_status->readAll()).childPid;
            if (init > 0)
                m_initFd = int(::syscall(SYS_pidfd_open, init, 0));
        }
        if (m_initFd >= 0)
            ::syscall(SYS_pidfd_send_signal, m_initFd, SIGKILL, nullptr, 0);
        if (m_process->state() != QProcess::NotRunning)
            m_process->kill();
    }

    // Set once kill() got hold of the init; -1 when bwrap ended by itself
    // (its init had then already exited, taking the namespace with it).
    int initFd() const { return m_initFd; }

private:
    QProcess *m_process;
    const MemoryFile *m_status;
    int m_initFd = -1;
};

// Counts a running command for teardown, and tells the session when the
// last one ended. Lives in the exec() coroutine frame.
class ActiveCommand final
{
public:
    ActiveCommand(LocalSandboxSession *session, CommandTree *tree)
        : m_session(session)
        , m_tree(tree)
    {
        ++session->m_active;
        session->m_running.append(tree);
    }
    ~ActiveCommand()
    {
        if (!m_session)
            return;
        m_session->m_running.removeAll(m_tree);
        if (--m_session->m_active == 0)
            Q_EMIT m_session->commandsDrained();
    }
    ActiveCommand(const ActiveCommand &) = delete;
    ActiveCommand &operator=(const ActiveCommand &) = delete;

private:
    QPointer<LocalSandboxSession> m_session;
    CommandTree *m_tree;
};

LocalSandboxSession::LocalSandboxSession(std::shared_ptr<const LocalSandboxRuntime> runtime,
                                         SandboxPolicy policy, QObject *parent)
    : SandboxSession(parent)
    , m_runtime(std::move(runtime))
    , m_policy(std::move(policy))
    , m_redactor(m_policy.secrets)
    , m_files(m_policy.workspaceDir,
              m_runtime->switchUser
                  ? std::optional(ConfinedFiles::Owner { m_runtime->hostUid, m_runtime->hostGid })
                  : std::nullopt)
{ }

LocalSandboxSession::~LocalSandboxSession()
{
    m_closed = true;
    killAll();
    handBackWorkspace();
}

void LocalSandboxSession::killAll()
{
    for (CommandTree *tree : std::as_const(m_running))
        tree->kill();
}

void LocalSandboxSession::handBackWorkspace()
{
    if (m_handedBack || !m_runtime->switchUser)
        return;
    m_handedBack = true;
    const SandboxResult<void> handed = TreeOwnership::handOver(m_policy.workspaceDir, m_runtime->hostUid,
                                                               m_runtime->engineUid, m_runtime->engineGid);
    if (!handed)
        qWarning("sandbox teardown: %s", qPrintable(handed.error().message));
}

std::optional<SandboxError> LocalSandboxSession::validate(const ExecRequest &request)
{
    if (request.argv.isEmpty() || request.argv.constFirst().isEmpty())
        return requestError(QStringLiteral("the command is empty; give at least the program in argv[0]"));
    for (const QString &arg : request.argv) {
        if (hasNul(arg))
            return requestError(QStringLiteral("a command argument contains a NUL byte"));
    }
    for (auto it = request.environment.cbegin(); it != request.environment.cend(); ++it) {
        if (!SandboxPolicy::isValidVariableName(it.key()) || hasNul(it.value()))
            return requestError(
                QStringLiteral("environment variable '%1' has an invalid name or a NUL in its "
                               "value; names are letters, digits and '_'")
                    .arg(it.key()));
    }
    if (!request.workingDirectory.isEmpty()) {
        const auto checked = ConfinedFiles::checkRelativePath(request.workingDirectory);
        if (!checked)
            return checked.error();
    }
    if (request.timeout.count() < 0 || request.maxOutputBytes < 0)
        return requestError(
            QStringLiteral("timeout and maxOutputBytes cannot be negative; use 0 for the policy's"));
    return std::nullopt;
}

QCoro::Task<ExecResult> LocalSandboxSession::exec(ExecRequest request)
{
    QPointer<LocalSandboxSession> self(this);
    ExecResult result;
    if (m_closed) {
        result.error =
            SandboxError { SandboxErrorCode::SessionClosed,
                           QStringLiteral("the sandbox session was torn down; prepare a new one") };
        co_return result;
    }
    if (auto invalid = validate(request)) {
        result.error = *invalid;
        co_return result;
    }
    const std::shared_ptr<const LocalSandboxRuntime> runtime = m_runtime;
    const SandboxLimits &limits = m_policy.limits;

    std::chrono::milliseconds wallTime = limits.wallTime;
    if (request.timeout.count() > 0)
        wallTime = std::min(wallTime, request.timeout);
    qint64 outputCap = limits.maxOutputBytes;
    if (request.maxOutputBytes > 0)
        outputCap = outputCap > 0 ? std::min(outputCap, request.maxOutputBytes) : request.maxOutputBytes;

    QMap<QString, QString> environment = m_policy.baseEnvironment();
    for (auto it = request.environment.cbegin(); it != request.environment.cend(); ++it)
        environment.insert(it.key(), it.value());

    MemoryFile status = MemoryFile::create("bwrap-status");
    const BwrapFds fds { status.fd() };
    // The options, secrets included, travel through a memfd: they never show
    // up in the host's process list.
    const BwrapInvocation invocation = runtime->command.invocation(m_policy, request, environment, fds);
    QByteArray packed;
    for (const QString &argument : invocation.options) {
        packed += argument.toUtf8();
        packed += '\0';
    }
    MemoryFile argsFile = MemoryFile::create("bwrap-args", packed);
    if (!status.isValid() || !argsFile.isValid()) {
        result.error =
            SandboxError { SandboxErrorCode::StartFailed,
                           QStringLiteral("cannot create the in-memory files bwrap reads (memfd_create "
                                          "failed); the kernel is out of memory or file descriptors") };
        co_return result;
    }

    ChildProcessSetup setup = runtime->childSetup();
    for (int fd : { status.fd(), argsFile.fd() })
        setup.inheritFd(fd);
    // Per-process limits go on bwrap and pass to everything it starts.
    setup.setLimit(RLIMIT_CPU, limits.cpuTime.count() > 0 ? rlim_t(limits.cpuTime.count()) : RLIM_INFINITY);
    setup.setLimit(RLIMIT_AS, limitValue(limits.memoryBytes));
    setup.setLimit(RLIMIT_FSIZE, limitValue(limits.maxFileSizeBytes));
    setup.setLimit(RLIMIT_CORE, 0);

    std::unique_ptr<QProcess, DeleteLater> process(new QProcess);
    process->setProgram(runtime->bwrapPath);
    process->setArguments(
        QStringList { QStringLiteral("--args"), QString::number(argsFile.fd()), QStringLiteral("--") }
        + invocation.command);
    process->setWorkingDirectory(QStringLiteral("/"));
    QProcessEnvironment bwrapEnvironment;
    bwrapEnvironment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    process->setProcessEnvironment(bwrapEnvironment);
    process->setChildProcessModifier([setup] { setup.apply(); });

    ExecOutput output(m_policy.secrets, outputCap, request.onOutput);
    QProcess *raw = process.get();
    QObject::connect(raw, &QProcess::readyReadStandardOutput, raw,
                     [raw, &output] { output.append(SandboxStream::Stdout, raw->readAllStandardOutput()); });
    QObject::connect(raw, &QProcess::readyReadStandardError, raw,
                     [raw, &output] { output.append(SandboxStream::Stderr, raw->readAllStandardError()); });

    CommandTree tree(raw, &status);
    const ActiveCommand active(this, &tree);
    QElapsedTimer clock;
    clock.start();
    process->start();
    // Closed here so that only the child holds them once it has started.
    argsFile.close();
    if (!co_await qCoro(raw).waitForStarted(10s)) {
        QObject::disconnect(raw, nullptr, nullptr, nullptr);
        result.error = SandboxError {
            SandboxErrorCode::StartFailed,
            QStringLiteral("cannot start '%1': %2").arg(runtime->bwrapPath, raw->errorString())
        };
        co_return result;
    }
    if (!request.stdinData.isEmpty())
        raw->write(request.stdinData);
    raw->closeWriteChannel();

    bool timedOut = false;
    QTimer wallTimer;
    wallTimer.setSingleShot(true);
    QObject::connect(&wallTimer, &QTimer::timeout, raw, [&tree, &timedOut] {
        timedOut = true;
        tree.kill();
    });
    wallTimer.start(wallTime);

    if (raw->state() != QProcess::NotRunning)
        co_await qCoro(raw, &QProcess::finished, wallTime + 30s);
    wallTimer.stop();
    if (raw->state() != QProcess::NotRunning) {
        // bwrap ignored SIGKILL for 30 s: nothing sane is left to wait for.
        tree.kill();
        raw->waitForFinished(5000);
    }
    if (tree.initFd() >= 0 && !hasExited(tree.initFd())) {
        // Killed: the namespace dies with its init, a moment after bwrap.
        QSocketNotifier exited(tree.initFd(), QSocketNotifier::Read);
        co_await qCoro(&exited, &QSocketNotifier::activated, 10s);
    }
    output.append(SandboxStream::Stdout, raw->readAllStandardOutput());
    output.append(SandboxStream::Stderr, raw->readAllStandardError());
    QObject::disconnect(raw, nullptr, nullptr, nullptr);
    output.finish();

    result.duration = std::chrono::milliseconds(clock.elapsed());
    result.timedOut = timedOut;
    result.cancelled = !timedOut && (!self || m_closed) && raw->exitStatus() == QProcess::CrashExit;
    result.truncated = output.truncated();
    result.stdoutData = output.stdoutData();
    result.stderrData = output.stderrData();

    const BwrapStatus bwrapStatus = parseStatus(status.readAll());
    if (bwrapStatus.exitCode) {
        result.exitCode = *bwrapStatus.exitCode;
    } else if (raw->exitStatus() == QProcess::CrashExit) {
        result.exitCode = 128 + SIGKILL; // we killed bwrap: timeout or teardown
    } else if (!bwrapStatus.started) {
        result.error = LocalSandbox::explainBwrapFailure(QString::fromUtf8(result.stderrData),
                                                         runtime->switchUser, runtime->hostUid);
        result.exitCode = raw->exitCode();
    } else {
        result.exitCode = raw->exitCode();
    }
    if (result.exitCode > 128 && result.exitCode <= 128 + 64)
        result.signal = result.exitCode - 128;
    co_return result;
}

QCoro::Task<SandboxResult<QByteArray>> LocalSandboxSession::readFile(QString path)
{
    if (m_closed)
        co_return SandboxError { SandboxErrorCode::SessionClosed,
                                 QStringLiteral("the sandbox session was torn down") };
    SandboxResult<QByteArray> read = m_files.read(path);
    if (!read)
        co_return read;
    co_return m_redactor.redact(read.value());
}

QCoro::Task<SandboxResult<void>> LocalSandboxSession::writeFile(QString path, QByteArray data)
{
    if (m_closed)
        co_return SandboxError { SandboxErrorCode::SessionClosed,
                                 QStringLiteral("the sandbox session was torn down") };
    co_return m_files.write(path, data);
}

QCoro::Task<SandboxResult<QList<SandboxFileEntry>>> LocalSandboxSession::listFiles(QString directory,
                                                                                   bool recursive)
{
    if (m_closed)
        co_return SandboxError { SandboxErrorCode::SessionClosed,
                                 QStringLiteral("the sandbox session was torn down") };
    SandboxResult<QList<SandboxFileEntry>> listed = m_files.list(directory, recursive);
    if (listed && !m_redactor.isEmpty()) {
        for (SandboxFileEntry &entry : listed.value())
            entry.path = m_redactor.redact(entry.path);
    }
    co_return listed;
}

QCoro::Task<void> LocalSandboxSession::teardown()
{
    QPointer<LocalSandboxSession> self(this);
    m_closed = true;
    killAll();
    while (self && m_active > 0) {
        if (!co_await qCoro(this, &LocalSandboxSession::commandsDrained, 30s))
            break;
    }
    if (self)
        handBackWorkspace();
}

} // namespace delegate
