// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/artifactkind.h"
#include "engine/actions/actioncontext.h"
#include "engine/actions/actionpreview.h"
#include "engine/actions/actionrequest.h"
#include "engine/actions/actionresult.h"
#include "engine/actions/actionsettings.h"
#include "engine/actions/secretsource.h"

#include <QCoro/QCoroTask>
#include <QList>

namespace delegate {

// Previews and runs the actions an approval releases. The engine calls
// execute() only after the approval event is recorded, and records the
// result; preview() is what the reviewer approves.
//
// Both copy what they need (settings, the one secret the action uses) before
// their first await, so the executor may go away while an action runs; the
// SecretSource must outlive the executor.
class ActionExecutor final
{
public:
    explicit ActionExecutor(const SecretSource &secrets, ActionSettings settings = {});

    const ActionSettings &settings() const { return m_settings; }
    void setSettings(ActionSettings settings) { m_settings = std::move(settings); }

    // A dry run: checks the parameters, the secret and the workspace, and
    // says exactly what would be done. No commit, push, file, or network
    // request; only local reads (git configuration, refs, the directory).
    QCoro::Task<ActionPreview> preview(ActionRequest request) const;
    // Does it. Never throws; a failure is a result with a message that says
    // what to fix, and what was done anyway.
    QCoro::Task<ActionResult> execute(ActionRequest request) const;

    // The name of the secret an action would use; empty when it needs none.
    QString secretNameFor(ActionKind kind, const QJsonObject &parameters) const;
    // The actions that apply to an artifact of this kind.
    static QList<ActionKind> kindsFor(ArtifactKind kind);

private:
    ActionContext contextFor(const ActionRequest &request) const;

    const SecretSource &m_secrets;
    ActionSettings m_settings;
};

} // namespace delegate
