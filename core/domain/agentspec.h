// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"

#include <QJsonObject>
#include <QString>

namespace delegate {

class JsonReader;

// Which agent does the work.
struct AgentSpec
{
    enum class Runtime {
        Builtin, // the engine's own LLM tool loop
        ClaudeCode,
        Codex,
        Gemini,
        Playbook, // a skill's deterministic steps, no model at all
    };

    Runtime runtime = Runtime::Builtin;
    QString provider; // "anthropic", "openai", "ollama" ...; empty: the engine's default
    QString model;

    QJsonObject toJson() const;
    static AgentSpec read(JsonReader &reader);

    friend bool operator==(const AgentSpec &, const AgentSpec &) = default;
};

template<> std::span<const EnumName<AgentSpec::Runtime>> enumNames<AgentSpec::Runtime>();

} // namespace delegate
