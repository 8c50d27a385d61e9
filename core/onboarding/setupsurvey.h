// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cliagentdetector.h"
#include "ollamadetector.h"
#include "settings/delegatesettings.h"

#include <QCoro/QCoroTask>
#include <QProcessEnvironment>

namespace delegate {

// One thing the first-run guide looked for, and what it means for the user.
struct SetupFinding
{
    enum class Topic { Sandbox, ProviderKey, ConfiguredProvider, Ollama, CliAgent };

    Topic topic = Topic::Sandbox;
    QString title; // "bubblewrap sandbox", "OpenAI key in the environment" …
    bool found = false;
    QString detail; // what was seen
    QString enables; // what it makes possible, or what to do to get it
};

struct SetupSurveyResult
{
    QList<SetupFinding> findings;
    bool sandboxReady = false; // agents and the offline demo can run here
    // A model is at hand: a provider key, a configured provider, a local
    // Ollama with a model, or a CLI agent that can log in.
    bool modelAvailable = false;
    OllamaStatus ollama;
    QList<CliAgentStatus> cliAgents;
};

// Looks at this machine the way the engine will use it: the sandbox
// (bubblewrap and user namespaces), model provider keys in the environment,
// providers configured in Settings, a local Ollama, and the CLI agents.
class SetupSurvey final
{
public:
    struct Options
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        DelegateSettings settings;
        QUrl ollamaUrl = OllamaDetector::defaultUrl();
        QString bwrapPath; // empty: found on PATH
    };

    static QCoro::Task<SetupSurveyResult> run(Options options);
};

} // namespace delegate
