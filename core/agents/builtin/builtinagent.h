// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentruntime.h"
#include "agents/llm/chatmessage.h"
#include "agents/llm/pricetable.h"

#include <QPointer>

namespace delegate {

class AgentToolbox;
namespace llm {
class LlmClient;
}

// The engine's own agent: an LLM tool loop that runs here, in the engine,
// while only its tool calls run in the sandbox — API keys never enter it.
class BuiltinAgent final : public AgentRuntime
{
    Q_OBJECT

public:
    struct Options
    {
        QString model;
        int maxTokensPerTurn = 4096;
        // Roughly four characters a token; leaves room for the answer.
        qsizetype contextBudgetCharacters = 360'000;
        qsizetype toolOutputLimit = 16 * 1024;
        int maxConsecutiveToolErrors = 4;
        int maxNudges = 2; // turns that end without a tool call before giving up
        llm::PriceTable prices;
    };

    BuiltinAgent(llm::LlmClient *client, Options options, QObject *parent = nullptr);

    QCoro::Task<AgentOutcome> run(AgentRunContext context, AgentHost *host) override;
    void cancel() override { m_cancelled = true; }

private:
    // What running one tool call came to: what the model reads, and whether
    // a person rejected the plan it handed in (which ends the run).
    struct CallOutcome;

    QCoro::Task<CallOutcome> execute(llm::ToolCall call, AgentToolbox *toolbox, AgentHost *host);

    QPointer<llm::LlmClient> m_client;
    Options m_options;
    bool m_cancelled = false;
};

} // namespace delegate
