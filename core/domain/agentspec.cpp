// SPDX-License-Identifier: GPL-3.0-or-later
#include "agentspec.h"

#include "jsonreader.h"

namespace delegate {

template<> std::span<const EnumName<AgentSpec::Runtime>> enumNames<AgentSpec::Runtime>()
{
    static constexpr EnumName<AgentSpec::Runtime> names[] = {
        { AgentSpec::Runtime::Builtin, QLatin1StringView("builtin") },
        { AgentSpec::Runtime::ClaudeCode, QLatin1StringView("claude-code") },
        { AgentSpec::Runtime::Codex, QLatin1StringView("codex") },
        { AgentSpec::Runtime::Gemini, QLatin1StringView("gemini") },
        { AgentSpec::Runtime::Playbook, QLatin1StringView("playbook") },
    };
    return names;
}

QJsonObject AgentSpec::toJson() const
{
    return {
        { QLatin1String("runtime"), enumToString(runtime) },
        { QLatin1String("provider"), provider },
        { QLatin1String("model"), model },
    };
}

AgentSpec AgentSpec::read(JsonReader &reader)
{
    AgentSpec agent;
    agent.runtime = reader.enumeration<Runtime>(QLatin1StringView("runtime")).value_or(Runtime::Builtin);
    agent.provider = reader.text(QLatin1StringView("provider"));
    agent.model = reader.text(QLatin1StringView("model"));
    reader.finish();
    return agent;
}

} // namespace delegate
