// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentevent.h"
#include "agents/llm/chatmessage.h"

#include <QList>

namespace delegate {

// The conversation of a built-in run, rebuilt from its recorded events so a
// run resumes where it stopped. A tool call that was recorded without a
// result may or may not have run before the engine stopped: it is not run
// again, and the model is told so — unless it is repeatable (see
// isRepeatable()).
struct Transcript
{
    QList<llm::ChatMessage> messages; // without the first task message
    int turns = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    bool writeToolsOpen = false; // a plan was approved
    QList<llm::ToolCall> unanswered; // calls recorded without a result

    static Transcript fromEvents(const AgentEvents &events);

    // Whether an unanswered call is run again on resume instead of being
    // answered with "not run again". Asking a person (ask_human) and handing
    // in a result (submit, a plan included) change nothing outside the
    // engine, and the engine keys their checkpoints by the call's id, so
    // repeating them finds the same question or plan, and its answer if a
    // person gave one meanwhile.
    static bool isRepeatable(const llm::ToolCall &call);
};

// Keeps a conversation under a character budget by eliding the oldest tool
// results' text first; the newest turns stay whole.
void fitToBudget(QList<llm::ChatMessage> &messages, qsizetype budgetCharacters, int keepNewest = 6);

} // namespace delegate
