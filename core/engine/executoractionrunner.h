// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "actionrunner.h"
#include "engine/actions/actionexecutor.h"

#include <memory>

namespace delegate {

class SecretProvider;

// Runs approved actions with the action layer (core/engine/actions): the
// engine's action kinds, parameters and secrets, previews included.
class ExecutorActionRunner final : public ActionRunner
{
public:
    // The secrets are shared: actions may still run when the engine goes.
    explicit ExecutorActionRunner(std::shared_ptr<const SecretProvider> secrets,
                                  ActionSettings settings = {});

    QCoro::Task<ActionReport> preview(ActionCall call) override;
    QCoro::Task<ActionReport> run(ActionCall call) override;

private:
    static std::optional<ActionRequest> requestFor(const ActionCall &call, ActionReport *refusal);
    // The secrets an action may read, so the provider can fetch them first.
    QStringList secretNames(const ActionCall &call) const;

    std::shared_ptr<const SecretProvider> m_secrets;
    ActionExecutor m_executor;
};

} // namespace delegate
