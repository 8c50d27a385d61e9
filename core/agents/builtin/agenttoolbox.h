// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentruntime.h"
#include "agents/llm/chatmessage.h"
#include "domain/capabilities.h"

#include <QCoro/QCoroTask>
#include <QPointer>

#include <optional>

namespace delegate {

class AgentHost;
class SandboxSession;

// The result of one tool call, as the model will read it.
struct ToolOutcome
{
    QString content;
    bool isError = false;
    std::optional<Submission> submission; // set by `submit`
};

// The built-in agent's tools, by their exact names: list_files, read_file,
// search, write_file, edit_file, run, ask_human, submit. Only the tools the
// environment's capabilities allow are offered, and write tools stay closed
// while a plan awaits approval.
class AgentToolbox final
{
public:
    static constexpr qsizetype defaultOutputLimit = 16 * 1024;

    AgentToolbox(Capabilities capabilities, QPointer<SandboxSession> session, AgentHost *host);

    void setWriteToolsOpen(bool open) { m_writeOpen = open; }
    bool writeToolsOpen() const { return m_writeOpen; }
    // Whether `submit` accepts kind "plan" (a checkpoint policy gates writes).
    void setPlanRequired(bool required) { m_planRequired = required; }
    void setOutputLimit(qsizetype characters) { m_outputLimit = characters; }

    QList<llm::ToolSpec> offeredTools() const;
    bool isOffered(const QString &name) const;

    QCoro::Task<ToolOutcome> execute(llm::ToolCall call);

    // Keeps the head and the tail of long output with a marker in between,
    // so the model sees how a command started and how it ended.
    static QString truncated(const QString &text, qsizetype limit);

private:
    QCoro::Task<ToolOutcome> listFiles(QJsonObject arguments);
    QCoro::Task<ToolOutcome> readFile(QJsonObject arguments);
    QCoro::Task<ToolOutcome> search(QJsonObject arguments);
    QCoro::Task<ToolOutcome> writeFile(QJsonObject arguments);
    QCoro::Task<ToolOutcome> editFile(QJsonObject arguments);
    QCoro::Task<ToolOutcome> runCommand(QJsonObject arguments);
    QCoro::Task<ToolOutcome> askHuman(QString callId, QJsonObject arguments);
    ToolOutcome submit(const QJsonObject &arguments) const;

    bool canRead() const;
    bool canWrite() const;
    bool canRun() const;

    Capabilities m_capabilities;
    QPointer<SandboxSession> m_session;
    AgentHost *m_host;
    bool m_writeOpen = true;
    bool m_planRequired = false;
    qsizetype m_outputLimit = defaultOutputLimit;
};

} // namespace delegate
