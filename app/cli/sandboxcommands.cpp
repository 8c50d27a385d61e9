// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandboxcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "exitcodes.h"

#include "domain/environmentyaml.h"
#include "domain/quantities.h"
#include "policy/environmentsecretprovider.h"
#include "policy/sandboxpolicybuilder.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSocketNotifier>
#include <QTemporaryDir>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <functional>
#include <memory>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

const QCommandLineOption helpOption({ u"h"_s, u"help"_s }, u"show this help"_s);
const QCommandLineOption workspaceOption(u"workspace"_s, u"the checkout to run in"_s, u"DIR"_s);
const QCommandLineOption toolDirOption(u"tool-dir"_s, u"a directory to look for tools in"_s, u"DIR"_s);

const char *const execUsage =
    "Usage: delegatectl sandbox exec ENV.yaml [--workspace DIR] [--tool-dir DIR]... -- COMMAND [ARGS...]\n\n"
    "Runs one command in the environment's sandbox exactly as an agent's command\n"
    "would run there: the same policy, limits and redaction. Its output streams to\n"
    "standard output and error, and its exit code is returned.\n\n"
    "  --workspace DIR   the checkout mounted at /workspace (default: the current\n"
    "                    directory; an environment without repository access always\n"
    "                    gets an empty one)\n"
    "  --tool-dir DIR    look for the environment's tools here before PATH (repeatable)\n\n"
    "Secrets the environment grants are read from variables of the same name in\n"
    "delegatectl's environment; their values are redacted from the output.\n\n"
    "Exit codes: the command's own; 128+N when signal N killed it; 124 when the\n"
    "wall time killed it; 125 when it could not run; 127 when it does not exist.\n"
    "See docs/environments.md.\n";

int usageError(Console &console, const QString &problem)
{
    console.err() << "delegatectl sandbox exec: " << problem << "\n\n" << execUsage;
    console.err().flush();
    return ExitUsage;
}

int cannotRun(Console &console, const QString &problem)
{
    console.err() << "delegatectl sandbox exec: " << problem << '\n';
    console.err().flush();
    return SandboxExecCommand::ExitCannotRun;
}

void note(Console &console, const QString &text)
{
    console.err() << "delegatectl sandbox exec: note: " << text << '\n';
    console.err().flush();
}

// Turns SIGINT and SIGTERM into a callback on the event loop, so that an
// interrupted command is torn down (and a workspace handed over to the
// sandbox's user is handed back) before delegatectl exits.
class InterruptWatcher final
{
public:
    explicit InterruptWatcher(std::function<void(int)> onSignal)
    {
        if (::pipe2(m_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
            return;
        s_writeEnd = m_pipe[1];
        struct sigaction action = {};
        action.sa_handler = &InterruptWatcher::handle;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &m_oldInt);
        ::sigaction(SIGTERM, &action, &m_oldTerm);
        m_notifier = std::make_unique<QSocketNotifier>(m_pipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(),
                         [this, onSignal = std::move(onSignal)] {
                             unsigned char signal = 0;
                             while (::read(m_pipe[0], &signal, 1) == 1)
                                 onSignal(signal);
                         });
    }

    ~InterruptWatcher()
    {
        if (!m_notifier)
            return;
        ::sigaction(SIGINT, &m_oldInt, nullptr);
        ::sigaction(SIGTERM, &m_oldTerm, nullptr);
        s_writeEnd = -1;
        m_notifier.reset();
        ::close(m_pipe[0]);
        ::close(m_pipe[1]);
    }

    InterruptWatcher(const InterruptWatcher &) = delete;
    InterruptWatcher &operator=(const InterruptWatcher &) = delete;

private:
    static void handle(int signal)
    {
        const unsigned char byte = static_cast<unsigned char>(signal);
        if (s_writeEnd >= 0) {
            [[maybe_unused]] const ssize_t written = ::write(s_writeEnd, &byte, 1);
        }
    }

    static inline volatile sig_atomic_t s_writeEnd = -1;
    int m_pipe[2] = { -1, -1 };
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
    std::unique_ptr<QSocketNotifier> m_notifier;
};

QString wallTimeText(const SandboxLimits &limits)
{
    return formatDuration(std::chrono::duration_cast<std::chrono::seconds>(limits.wallTime));
}

// The sandbox reports a program it cannot start on standard error, from
// bwrap ("bwrap: execvp NAME: ...") or from the prlimit that applies the
// process limit ("prlimit: failed to execute NAME: ...").
bool commandNotFound(const ExecResult &result, const QString &program)
{
    const QByteArray name = program.toLocal8Bit();
    return result.exitCode != 0
        && (result.stderrData.startsWith(QByteArray("bwrap: execvp " + name + ':'))
            || result.stderrData.startsWith(QByteArray("prlimit: failed to execute " + name + ':')));
}

// Standard output and error may be files or pipes: what a command prints must
// leave delegatectl as it arrives, not when a buffer fills.
void writeThrough(QIODevice *device, const QByteArray &chunk)
{
    device->write(chunk);
    if (auto *file = qobject_cast<QFileDevice *>(device))
        file->flush();
}

} // namespace

SandboxExecCommand::SandboxExecCommand(LocalSandboxOptions options)
    : m_options(std::move(options))
{ }

QStringList SandboxExecCommand::path() const
{
    return { u"sandbox"_s, u"exec"_s };
}

QString SandboxExecCommand::summary() const
{
    return u"run one command in an environment's sandbox, as an agent's command runs"_s;
}

QCoro::Task<int> SandboxExecCommand::run(QStringList arguments, Console &console)
{
    const qsizetype separator = arguments.indexOf(u"--"_s);
    QStringList command = separator >= 0 ? arguments.mid(separator + 1) : QStringList();
    QCommandLineParser parser;
    parser.addOption(helpOption);
    parser.addOption(workspaceOption);
    parser.addOption(toolDirOption);
    if (!parser.parse(QStringList { u"delegatectl"_s }
                      + (separator >= 0 ? arguments.mid(0, separator) : arguments)))
        co_return usageError(console, parser.errorText() + u" (put the command after --)"_s);
    if (parser.isSet(helpOption)) {
        console.out() << execUsage;
        console.out().flush();
        co_return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        co_return usageError(console, u"which environment? Give its file."_s);
    if (separator < 0)
        command = positional.mid(1);
    else if (positional.size() > 1)
        co_return usageError(console, u"one environment file before --; the command goes after it."_s);
    if (command.isEmpty())
        co_return usageError(console, u"which command? Put it after --."_s);
    const QString environmentFile = positional.constFirst();

    const LoadResult<EnvironmentProfile> loaded = EnvironmentYaml::load(environmentFile);
    if (!loaded.ok()) {
        for (const SourceError &error : loaded.errors)
            console.err() << error.toString() << '\n';
        co_return cannotRun(console,
                            u"%1 is not a valid environment file (%2 problem(s)); see "
                            "docs/tasks.md for the format."_s.arg(environmentFile)
                                .arg(loaded.errors.size()));
    }
    const EnvironmentProfile &environment = *loaded.value;
    if (environment.sandbox.kind != SandboxTarget::Kind::Local)
        co_return cannotRun(console,
                            u"the environment `%1` runs on %2, and sandbox exec runs local sandboxes "
                            "only; to try its grants on this machine, copy the file with `sandbox: "
                            "local`."_s.arg(environment.name, environment.sandbox.toString()));

    // An environment without repository access gives its commands an empty
    // workspace, never the directory delegatectl was started in.
    std::unique_ptr<QTemporaryDir> scratch;
    QString workspace;
    if (environment.capabilities.repository == Capabilities::RepositoryAccess::None) {
        if (parser.isSet(workspaceOption))
            co_return cannotRun(console,
                                u"the environment `%1` grants no repository access, so its commands "
                                "run in an empty workspace; drop --workspace, or grant `repository: "
                                "read` in %2."_s.arg(environment.name, environmentFile));
        scratch = std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"delegate-sandbox-XXXXXX"_s));
        if (!scratch->isValid())
            co_return cannotRun(console,
                                u"cannot create an empty workspace in %1: %2"_s.arg(QDir::tempPath(),
                                                                                    scratch->errorString()));
        // Reachable for the sandbox's own user when delegatectl runs as root.
        ::chmod(QFile::encodeName(scratch->path()).constData(), 0755);
        workspace = scratch->path();
    } else {
        workspace = parser.isSet(workspaceOption) ? parser.value(workspaceOption) : QDir::currentPath();
        if (!QFileInfo(workspace).isDir())
            co_return cannotRun(console,
                                u"the workspace `%1` is not a directory; give the checkout to run in "
                                "with --workspace DIR."_s.arg(workspace));
        workspace = QFileInfo(workspace).absoluteFilePath();
    }

    const QProcessEnvironment processEnvironment = QProcessEnvironment::systemEnvironment();
    const EnvironmentSecretProvider secrets(processEnvironment);
    const SandboxPolicyBuilder builder(
        secrets, ToolLocator::fromEnvironment(processEnvironment, parser.values(toolDirOption)));
    const PolicyBuild build = builder.build(environment, workspace);
    if (!build.ok()) {
        for (const PolicyProblem &problem : build.problems)
            console.err() << environmentFile << ": " << problem.toString() << '\n';
        co_return cannotRun(
            console,
            u"cannot build the sandbox of `%1` on this machine (%2 problem(s))."_s.arg(environment.name)
                .arg(build.problems.size()));
    }
    for (const QString &caveat : build.caveats)
        note(console, caveat);

    LocalSandbox sandbox(m_options);
    SandboxResult<std::unique_ptr<SandboxSession>> prepared = co_await sandbox.prepare(*build.policy);
    if (!prepared)
        co_return cannotRun(console, prepared.error().message);
    const std::unique_ptr<SandboxSession> session = prepared.takeValue();

    console.out().flush();
    console.err().flush();
    QIODevice *out = console.out().device();
    QIODevice *err = console.err().device();
    ExecRequest request;
    request.argv = command;
    request.onOutput = [out, err](SandboxStream stream, const QByteArray &chunk) {
        writeThrough(stream == SandboxStream::Stdout ? out : err, chunk);
    };

    int interruptedBy = 0;
    std::optional<QCoro::Task<void>> stopping;
    ExecResult result;
    {
        QPointer<SandboxSession> target(session.get());
        const InterruptWatcher watcher([&](int signal) {
            if (interruptedBy == 0 && target) {
                interruptedBy = signal;
                stopping.emplace(target->teardown());
            }
        });
        result = co_await session->exec(request);
    }
    if (stopping)
        co_await std::move(*stopping);
    co_await session->teardown();

    if (interruptedBy != 0) {
        console.err() << "delegatectl sandbox exec: interrupted by signal " << interruptedBy
                      << "; the command and everything it started were stopped.\n";
        console.err().flush();
        co_return 128 + interruptedBy;
    }
    if (result.error)
        co_return cannotRun(console, result.error->message);
    if (result.truncated)
        note(console,
             u"the output was cut at the environment's output limit; raise limits.output_kb in %1 to "
             "keep more."_s.arg(environmentFile));
    if (result.timedOut) {
        console.err() << "delegatectl sandbox exec: the command ran longer than the wall time of "
                      << wallTimeText(build.policy->limits) << " and was killed with everything it started; "
                      << (environment.limits.wallTime ? "raise limits.wall_time in "
                                                      : "set limits.wall_time in ")
                      << environmentFile << " if it needs longer.\n";
        console.err().flush();
        co_return ExitTimedOut;
    }
    if (commandNotFound(result, command.constFirst())) {
        console.err()
            << "delegatectl sandbox exec: `" << command.constFirst()
            << "` was not found in the sandbox; grant it in the environment's tools, or give its path "
               "in the workspace (/workspace/...).\n";
        console.err().flush();
        co_return ExitNotFound;
    }
    co_return result.exitCode;
}

void registerSandboxCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<SandboxExecCommand>());
}

} // namespace delegate::cli
