// SPDX-License-Identifier: GPL-3.0-or-later
#include "cliagentdetector.h"

#include <QCoro/QCoroProcess>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace delegate {

QString CliAgentStatus::summary() const
{
    if (!found())
        return u"%1 is not installed (no '%2' on PATH). Install it with: %3"_s.arg(
            profile.displayName, profile.executable, profile.installHint);
    QString text = version.isEmpty() ? u"%1 found at %2"_s.arg(profile.displayName, path)
                                     : u"%1 %2 found at %3"_s.arg(profile.displayName, version, path);
    if (!problem.isEmpty())
        text += u", but it does not start: %1"_s.arg(problem);
    if (canAuthenticate())
        text += u"; it can log in (%1)."_s.arg(credentials);
    else
        text += u"; it has no credentials: set %1, or log in with '%2' once."_s.arg(
            profile.credentialVariables.join(u" or "_s), profile.executable);
    return text;
}

QString CliAgentDetector::loginFile(AgentSpec::Runtime runtime)
{
    switch (runtime) {
    case AgentSpec::Runtime::ClaudeCode:
        return u".claude/.credentials.json"_s;
    case AgentSpec::Runtime::Codex:
        return u".codex/auth.json"_s;
    case AgentSpec::Runtime::Gemini:
        return u".gemini/oauth_creds.json"_s;
    case AgentSpec::Runtime::Builtin:
    case AgentSpec::Runtime::Playbook:
        break;
    }
    return {};
}

QCoro::Task<QList<CliAgentStatus>> CliAgentDetector::detectAll(QProcessEnvironment environment,
                                                               std::chrono::milliseconds timeout)
{
    static constexpr AgentSpec::Runtime runtimes[] = { AgentSpec::Runtime::ClaudeCode,
                                                       AgentSpec::Runtime::Codex,
                                                       AgentSpec::Runtime::Gemini };
    QList<CliAgentStatus> all;
    for (const AgentSpec::Runtime runtime : runtimes) {
        const CliAgentProfile profile = *CliAgentProfile::forRuntime(runtime);
        CliAgentStatus status = co_await detect(profile, environment, timeout);
        all.append(std::move(status));
    }
    co_return all;
}

QCoro::Task<CliAgentStatus> CliAgentDetector::detect(CliAgentProfile profile, QProcessEnvironment environment,
                                                     std::chrono::milliseconds timeout)
{
    CliAgentStatus status;
    status.profile = profile;
    const QStringList path = environment.value(u"PATH"_s).split(u':', Qt::SkipEmptyParts);
    status.path = path.isEmpty() ? QString() : QStandardPaths::findExecutable(profile.executable, path);

    for (const QString &variable : std::as_const(profile.credentialVariables)) {
        if (!environment.value(variable).isEmpty()) {
            status.credentials = u"%1 is set"_s.arg(variable);
            break;
        }
    }
    const QString home = environment.value(u"HOME"_s);
    const QString login = loginFile(profile.runtime);
    if (status.credentials.isEmpty() && !home.isEmpty() && !login.isEmpty()
        && QFileInfo(home + u'/' + login).isFile())
        status.credentials = u"logged in: ~/%1"_s.arg(login);

    if (!status.found())
        co_return status;

    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProgram(status.path);
    process.setArguments({ u"--version"_s });
    process.setWorkingDirectory(QDir::tempPath());
    const QIODevice::OpenMode mode = QIODevice::ReadOnly;
    const bool started = co_await qCoro(process).start(mode, timeout);
    if (!started) {
        status.problem = process.errorString();
        co_return status;
    }
    if (process.state() != QProcess::NotRunning)
        co_await qCoro(process).waitForFinished(timeout);
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(1000);
        status.problem = u"'%1 --version' did not finish within %2 s"_s.arg(profile.executable)
                             .arg(std::chrono::duration_cast<std::chrono::seconds>(timeout).count());
        co_return status;
    }
    const QString out = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString err = QString::fromUtf8(process.readAllStandardError()).trimmed();
        status.problem = u"'%1 --version' failed (exit %2)%3"_s.arg(profile.executable)
                             .arg(process.exitCode())
                             .arg(err.isEmpty() ? QString() : u": "_s + err.section(u'\n', 0, 0));
        co_return status;
    }
    status.version = out.section(u'\n', 0, 0).trimmed();
    co_return status;
}

} // namespace delegate
