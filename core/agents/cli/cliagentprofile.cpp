// SPDX-License-Identifier: GPL-3.0-or-later
#include "cliagentprofile.h"

using namespace Qt::StringLiterals;

namespace delegate {

std::optional<CliAgentProfile> CliAgentProfile::forRuntime(AgentSpec::Runtime runtime)
{
    CliAgentProfile profile;
    profile.runtime = runtime;
    switch (runtime) {
    case AgentSpec::Runtime::ClaudeCode:
        profile.stream = CliStreamMapper::Runtime::ClaudeCode;
        profile.displayName = u"Claude Code"_s;
        profile.executable = u"claude"_s;
        profile.credentialVariables = { u"ANTHROPIC_API_KEY"_s, u"CLAUDE_CODE_OAUTH_TOKEN"_s };
        profile.providerHosts = { u"api.anthropic.com"_s };
        profile.installHint = u"npm install -g @anthropic-ai/claude-code"_s;
        return profile;
    case AgentSpec::Runtime::Codex:
        profile.stream = CliStreamMapper::Runtime::Codex;
        profile.displayName = u"Codex"_s;
        profile.executable = u"codex"_s;
        profile.credentialVariables = { u"OPENAI_API_KEY"_s, u"CODEX_API_KEY"_s };
        profile.providerHosts = { u"api.openai.com"_s };
        profile.installHint = u"npm install -g @openai/codex"_s;
        return profile;
    case AgentSpec::Runtime::Gemini:
        profile.stream = CliStreamMapper::Runtime::Gemini;
        profile.displayName = u"Gemini CLI"_s;
        profile.executable = u"gemini"_s;
        profile.credentialVariables = { u"GEMINI_API_KEY"_s, u"GOOGLE_API_KEY"_s };
        profile.providerHosts = { u"generativelanguage.googleapis.com"_s };
        profile.installHint = u"npm install -g @google/gemini-cli"_s;
        return profile;
    case AgentSpec::Runtime::Builtin:
    case AgentSpec::Runtime::Playbook:
        break;
    }
    return std::nullopt;
}

QStringList CliAgentProfile::missingGrants(const Capabilities &capabilities) const
{
    QStringList missing;
    if (!capabilities.tools.contains(executable)) {
        missing.append(
            u"%1 must be on the sandbox's PATH: add '%2' to the environment's tools (install it with: %3)."_s
                .arg(displayName, executable, installHint));
    }
    const bool hasCredential =
        std::any_of(credentialVariables.cbegin(), credentialVariables.cend(),
                    [&](const QString &name) { return capabilities.secrets.contains(name); });
    if (!hasCredential) {
        missing.append(u"%1 needs its credentials: grant the secret %2."_s.arg(
            displayName, credentialVariables.join(u" or "_s)));
    }
    switch (capabilities.network.mode) {
    case NetworkAccess::Mode::None:
        missing.append(
            u"%1 talks to its provider: grant network access (an allowlist with %2, or full)."_s.arg(
                displayName, providerHosts.join(u", "_s)));
        break;
    case NetworkAccess::Mode::Allowlist:
        for (const QString &host : providerHosts) {
            if (!capabilities.network.hosts.contains(host))
                missing.append(
                    u"%1 needs to reach %2: add it to the network allowlist."_s.arg(displayName, host));
        }
        break;
    case NetworkAccess::Mode::Full:
        break;
    }
    return missing;
}

QStringList CliAgentProfile::arguments(const QString &prompt, const QString &model,
                                       const Capabilities &capabilities, const QString &resumeSessionId) const
{
    const bool canWrite = capabilities.repository == Capabilities::RepositoryAccess::Write;
    const bool canRun = !capabilities.tools.isEmpty();
    QStringList arguments;
    switch (runtime) {
    case AgentSpec::Runtime::ClaudeCode: {
        // bypassPermissions is refused as root; acceptEdits with an explicit
        // tool list works for every user and grants no more than listed.
        QStringList tools { u"Read"_s, u"Grep"_s, u"Glob"_s, u"LS"_s };
        if (canWrite)
            tools += { u"Edit"_s, u"MultiEdit"_s, u"Write"_s };
        if (canRun)
            tools.append(u"Bash"_s);
        arguments = { u"-p"_s,
                      prompt,
                      u"--output-format"_s,
                      u"stream-json"_s,
                      u"--verbose"_s,
                      u"--permission-mode"_s,
                      canWrite ? u"acceptEdits"_s : u"plan"_s,
                      u"--allowedTools"_s,
                      tools.join(u',') };
        if (!model.isEmpty())
            arguments += { u"--model"_s, model };
        if (!resumeSessionId.isEmpty())
            arguments += { u"--resume"_s, resumeSessionId };
        break;
    }
    case AgentSpec::Runtime::Codex:
        arguments = { u"exec"_s, u"--json"_s, u"--sandbox"_s,
                      canWrite ? u"workspace-write"_s : u"read-only"_s, u"--skip-git-repo-check"_s };
        if (!model.isEmpty())
            arguments += { u"--model"_s, model };
        if (!resumeSessionId.isEmpty())
            arguments += { u"resume"_s, resumeSessionId };
        arguments.append(prompt);
        break;
    case AgentSpec::Runtime::Gemini:
        arguments = { u"--output-format"_s, u"stream-json"_s, u"--approval-mode"_s,
                      canWrite ? u"auto_edit"_s : u"default"_s };
        if (!model.isEmpty())
            arguments += { u"--model"_s, model };
        if (!resumeSessionId.isEmpty())
            arguments += { u"--resume"_s, resumeSessionId };
        arguments += { u"--prompt"_s, prompt };
        break;
    case AgentSpec::Runtime::Builtin:
    case AgentSpec::Runtime::Playbook:
        break;
    }
    return arguments;
}

} // namespace delegate
