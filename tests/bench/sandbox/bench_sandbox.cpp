// SPDX-License-Identifier: GPL-3.0-or-later
// Sandbox overhead: bwrap start plus /bin/true against a bare fork/exec of the
// same command, interleaved in one run; and worktree creation on a
// repository of 10,000 files. Prints figures, asserts nothing.
//
//   bench_sandbox [--runs N] [--files N]
#include "sandbox/localsandbox.h"
#include "workspace/workspacemanager.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCoro/QCoroTask>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace delegate;

namespace {

struct Stats
{
    double min = 0;
    double p50 = 0;
    double p95 = 0;
    double mean = 0;
};

Stats statsOf(std::vector<double> samples)
{
    Stats stats;
    if (samples.empty())
        return stats;
    std::sort(samples.begin(), samples.end());
    const auto at = [&samples](double q) {
        const size_t index = std::min(samples.size() - 1, size_t(q * double(samples.size() - 1) + 0.5));
        return samples[index];
    };
    stats.min = samples.front();
    stats.p50 = at(0.50);
    stats.p95 = at(0.95);
    double sum = 0;
    for (double s : samples)
        sum += s;
    stats.mean = sum / double(samples.size());
    return stats;
}

double elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// fork + execve + waitpid: the floor any launcher pays.
double rawForkExec()
{
    QElapsedTimer timer;
    timer.start();
    const pid_t pid = ::fork();
    if (pid == 0) {
        char *const argv[] = { const_cast<char *>("/bin/true"), nullptr };
        char *const envp[] = { nullptr };
        ::execve("/bin/true", argv, envp);
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return elapsedMs(timer);
}

// The same launcher the sandbox uses, without the sandbox.
double qprocessExec()
{
    QElapsedTimer timer;
    timer.start();
    QProcess process;
    process.start(QStringLiteral("/bin/true"), {});
    process.waitForFinished(10000);
    return elapsedMs(timer);
}

double sandboxExec(SandboxSession &session)
{
    ExecRequest request;
    request.argv = { QStringLiteral("/bin/true") };
    QElapsedTimer timer;
    timer.start();
    const ExecResult result = QCoro::waitFor(session.exec(request));
    const double ms = elapsedMs(timer);
    if (!result.succeeded())
        std::fprintf(stderr, "sandboxed /bin/true failed: exit %d %s %s\n", result.exitCode,
                     result.error ? qPrintable(result.error->message) : "", result.stderrData.constData());
    return ms;
}

void printRow(const char *name, const Stats &stats)
{
    std::printf("  %-34s min %8.2f  p50 %8.2f  p95 %8.2f  mean %8.2f ms\n", name, stats.min, stats.p50,
                stats.p95, stats.mean);
}

bool run(const QString &program, const QStringList &arguments, const QString &directory)
{
    QProcess process;
    process.setWorkingDirectory(directory);
    process.start(program, arguments);
    return process.waitForFinished(600000) && process.exitCode() == 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Commands per variant."),
                                        QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption filesOption(QStringLiteral("files"),
                                         QStringLiteral("Files in the generated repository."),
                                         QStringLiteral("N"), QStringLiteral("10000"));
    parser.addOption(runsOption);
    parser.addOption(filesOption);
    parser.process(app);
    const int runs = parser.value(runsOption).toInt();
    const int files = parser.value(filesOption).toInt();

    QTemporaryDir dir;
    ::chmod(QFile::encodeName(dir.path()).constData(), 0711);
    const QString workspace = dir.filePath(QStringLiteral("workspace"));
    QDir().mkpath(workspace);

    LocalSandbox sandbox;
    const SandboxResult<void> probed = QCoro::waitFor(sandbox.probe());
    if (!probed) {
        std::fprintf(stderr, "%s\n", qPrintable(probed.error().message));
        return 1;
    }
    std::printf("engine uid %u, sandboxed commands run as host uid %u\n", unsigned(::geteuid()),
                unsigned(sandbox.commandHostUid()));

    // Two policies: the default one (process limit through prlimit inside the
    // sandbox, one more exec) and one without a process limit.
    SandboxPolicy withLimit = SandboxPolicy::forWorkspace(workspace);
    SandboxPolicy withoutLimit = withLimit;
    withoutLimit.limits.maxProcesses = 0;
    auto limited = QCoro::waitFor(sandbox.prepare(withLimit));
    auto unlimited = QCoro::waitFor(sandbox.prepare(withoutLimit));
    if (!limited || !unlimited) {
        std::fprintf(stderr, "prepare failed\n");
        return 1;
    }

    // Warm up caches, then interleave so drift hits every variant alike.
    for (int i = 0; i < 10; ++i) {
        rawForkExec();
        qprocessExec();
        sandboxExec(*limited.value());
        sandboxExec(*unlimited.value());
    }
    std::vector<double> raw, qprocess, sandboxed, sandboxedNoLimit;
    for (int i = 0; i < runs; ++i) {
        raw.push_back(rawForkExec());
        qprocess.push_back(qprocessExec());
        sandboxed.push_back(sandboxExec(*limited.value()));
        sandboxedNoLimit.push_back(sandboxExec(*unlimited.value()));
    }
    QCoro::waitFor(limited.value()->teardown());
    QCoro::waitFor(unlimited.value()->teardown());

    const Stats rawStats = statsOf(raw);
    const Stats qprocessStats = statsOf(qprocess);
    const Stats sandboxStats = statsOf(sandboxed);
    const Stats noLimitStats = statsOf(sandboxedNoLimit);
    std::printf("\n/bin/true, N=%d each, interleaved:\n", runs);
    printRow("bare fork/exec/wait", rawStats);
    printRow("bare QProcess", qprocessStats);
    printRow("sandbox (default policy)", sandboxStats);
    printRow("sandbox (no process limit)", noLimitStats);
    std::printf("  overhead p50 vs bare fork/exec:  %.2f ms (x%.1f)   p95: %.2f ms\n",
                sandboxStats.p50 - rawStats.p50, sandboxStats.p50 / rawStats.p50,
                sandboxStats.p95 - rawStats.p95);
    std::printf("  overhead p50 vs bare QProcess:   %.2f ms (x%.1f)   p95: %.2f ms\n",
                sandboxStats.p50 - qprocessStats.p50, sandboxStats.p50 / qprocessStats.p50,
                sandboxStats.p95 - qprocessStats.p95);
    std::printf("  target: p50 overhead <= 20 ms -> %s\n",
                sandboxStats.p50 - rawStats.p50 <= 20.0 ? "met" : "MISSED");

    // A repository of `files` files in 100 directories.
    const QString repo = dir.filePath(QStringLiteral("repo"));
    QDir().mkpath(repo);
    for (int i = 0; i < files; ++i) {
        const QString path =
            repo + QStringLiteral("/dir%1/file%2.txt").arg(i % 100, 3, 10, QChar(u'0')).arg(i);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(QByteArray("line one of file ") + QByteArray::number(i) + "\nline two\n");
    }
    QElapsedTimer setup;
    setup.start();
    const bool made =
        run(QStringLiteral("git"),
            { QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"), QStringLiteral("main") },
            repo)
        && run(QStringLiteral("git"), { QStringLiteral("add"), QStringLiteral("-A") }, repo)
        && run(QStringLiteral("git"),
               { QStringLiteral("-c"), QStringLiteral("user.name=Bench"), QStringLiteral("-c"),
                 QStringLiteral("user.email=bench@example.invalid"), QStringLiteral("commit"),
                 QStringLiteral("-qm"), QStringLiteral("base") },
               repo);
    if (!made) {
        std::fprintf(stderr, "cannot build the test repository\n");
        return 1;
    }
    std::printf("\nrepository of %d files generated and committed in %.0f ms\n", files, elapsedMs(setup));

    WorkspaceManager manager(dir.filePath(QStringLiteral("workspaces")));
    std::vector<double> createMs, prepareMs, patchMs, removeMs;
    for (int i = 0; i < 5; ++i) {
        WorkspaceRequest request;
        request.runId = QStringLiteral("bench-%1").arg(i);
        request.source = repo;
        request.baseRef = QStringLiteral("main");
        QElapsedTimer timer;
        timer.start();
        auto created = QCoro::waitFor(manager.create(request));
        createMs.push_back(elapsedMs(timer));
        if (!created) {
            std::fprintf(stderr, "%s\n", qPrintable(created.error().message));
            return 1;
        }
        timer.restart();
        auto session = QCoro::waitFor(sandbox.prepare(SandboxPolicy::forWorkspace(created.value().path)));
        if (session)
            QCoro::waitFor(session.value()->teardown());
        prepareMs.push_back(elapsedMs(timer));
        QFile changed(created.value().path + QStringLiteral("/dir000/file0.txt"));
        if (changed.open(QIODevice::Append))
            changed.write("changed\n");
        changed.close();
        timer.restart();
        auto patch = QCoro::waitFor(manager.collectPatch(created.value()));
        patchMs.push_back(elapsedMs(timer));
        timer.restart();
        auto removed = QCoro::waitFor(manager.remove(created.value()));
        removeMs.push_back(elapsedMs(timer));
        if (!patch || !removed)
            return 1;
    }
    std::printf("workspace operations on %d files, 5 runs each:\n", files);
    printRow("worktree create (git worktree add)", statsOf(createMs));
    printRow("sandbox prepare + teardown", statsOf(prepareMs));
    printRow("collect patch (1 file changed)", statsOf(patchMs));
    printRow("remove worktree and branch", statsOf(removeMs));
    return 0;
}
