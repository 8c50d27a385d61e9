// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agents/agentruntime.h"

#include <QMap>

namespace delegate {

// Runs a skill's playbook: fixed commands with result parsers, no model at
// all. The same inputs give the same steps, which makes it fit for checks
// that must be repeatable and for working offline.
class PlaybookRuntime final : public AgentRuntime
{
    Q_OBJECT

public:
    static constexpr int maxRepeat = 1000;

    using AgentRuntime::AgentRuntime;

    QCoro::Task<AgentOutcome> run(AgentRunContext context, AgentHost *host) override;
    void cancel() override { m_cancelled = true; }

    // Fills {{name}} placeholders; an unknown name is an error, not an empty string.
    static std::optional<QString> expand(const QString &text, const QMap<QString, QString> &parameters,
                                         QString *error);
    // The task's values over the skill's defaults; a missing required one is an error.
    static std::optional<QMap<QString, QString>>
    resolveParameters(const Skill &skill, const QMap<QString, QString> &given, QString *error);

private:
    bool m_cancelled = false;
};

} // namespace delegate
