// SPDX-License-Identifier: GPL-3.0-or-later
#include "setupsurvey.h"

#include "sandbox/localsandbox.h"

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

struct KeyVariable
{
    const char *variable;
    const char *provider;
};

constexpr KeyVariable keyVariables[] = {
    { "OPENAI_API_KEY", "OpenAI" },
    { "ANTHROPIC_API_KEY", "Anthropic" },
    { "GEMINI_API_KEY", "Gemini" },
};

} // namespace

QCoro::Task<SetupSurveyResult> SetupSurvey::run(Options options)
{
    SetupSurveyResult result;

    LocalSandboxOptions sandboxOptions;
    sandboxOptions.bwrapPath = options.bwrapPath;
    LocalSandbox sandbox(sandboxOptions);
    const SandboxResult<void> probe = co_await sandbox.probe();
    result.sandboxReady = probe.ok();
    result.findings.append(
        { SetupFinding::Topic::Sandbox, u"Sandbox (bubblewrap and user namespaces)"_s, probe.ok(),
          probe.ok() ? u"bubblewrap can create the namespaces a sandbox needs."_s : probe.error().message,
          probe.ok()
              ? u"Agents and playbooks run confined to their workspace, and the offline demo can run."_s
              : u"No run can start until this is fixed; the message above says how."_s });

    for (const KeyVariable &key : keyVariables) {
        const QString variable = QLatin1String(key.variable);
        const bool set = !options.environment.value(variable).isEmpty();
        if (!set)
            continue;
        result.modelAvailable = true;
        result.findings.append(
            { SetupFinding::Topic::ProviderKey,
              u"%1 key in the environment"_s.arg(QLatin1String(key.provider)), true,
              u"%1 is set."_s.arg(variable),
              u"The built-in agent can use %1 models, and CLI agents that read %2 can log in."_s.arg(
                  QLatin1String(key.provider), variable) });
    }

    for (const ProviderSetting &provider : std::as_const(options.settings.providers)) {
        result.modelAvailable = true;
        result.findings.append(
            { SetupFinding::Topic::ConfiguredProvider, u"Provider '%1' in Settings"_s.arg(provider.name),
              true,
              u"%1 at %2%3"_s.arg(enumToString(provider.kind), provider.toConfig({}).baseUrl.toString(),
                                  provider.models.isEmpty() ? QString()
                                                            : u", models "_s + provider.models.join(u", "_s)),
              u"Tasks can name it as agent.provider: %1."_s.arg(provider.name) });
    }

    result.ollama = co_await OllamaDetector::detect(options.ollamaUrl);
    const bool ollamaUsable = result.ollama.running && !result.ollama.models.isEmpty();
    result.modelAvailable = result.modelAvailable || ollamaUsable;
    result.findings.append(
        { SetupFinding::Topic::Ollama, u"Local Ollama"_s, result.ollama.running, result.ollama.message,
          ollamaUsable
              ? u"Models run on this machine, offline and free: add it in Settings → "
                "Providers as an OpenAI-compatible provider at %1."_s.arg(result.ollama.baseUrl.toString())
              : u"With Ollama and a model, agents can run without any account."_s });

    result.cliAgents = co_await CliAgentDetector::detectAll(options.environment);
    for (const CliAgentStatus &agent : std::as_const(result.cliAgents)) {
        const bool usable = agent.found() && agent.problem.isEmpty() && agent.canAuthenticate();
        result.modelAvailable = result.modelAvailable || usable;
        result.findings.append(
            { SetupFinding::Topic::CliAgent, agent.profile.displayName, agent.found(), agent.summary(),
              usable
                  ? u"Tasks can run on %1 (agent.runtime: %2) in a sandbox that grants it "
                    "network and its key."_s.arg(agent.profile.displayName,
                                                 enumToString(agent.profile.runtime))
                  : u"Once installed and logged in, tasks can run on %1."_s.arg(agent.profile.displayName) });
    }
    co_return result;
}

} // namespace delegate
