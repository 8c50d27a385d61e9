// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/environmentprofile.h"
#include "domain/loadresult.h"
#include "domain/skill.h"
#include "domain/taskspec.h"

#include <QCoro/QCoroTask>

namespace delegate {

// The demo a new user can run before configuring anything: a small Python
// project (resources/demo/invoices) with a test that fails now and then and a
// README that has drifted from the code, made into a git repository of its
// own in the user's data folder, plus the tasks and environment that go with
// it.
class DemoWorkspace final
{
public:
    struct Prepared
    {
        QString repository; // the demo repository, ready; empty on failure
        bool created = false; // false: it was there already and was left as it is
        QString error;
    };

    // repository: where the demo repository goes (default: defaultPath()).
    explicit DemoWorkspace(QString repository = defaultPath());

    static QString defaultPath(); // $XDG_DATA_HOME/delegate/demo/invoices
    // The shipped demo folder (resources/demo), empty when it cannot be found.
    static QString resourceDirectory();

    const QString &repository() const { return m_repository; }

    // Creates the repository from the shipped project, with one commit on
    // main. Idempotent: an existing demo repository is left exactly as it is,
    // with whatever the user changed in it; a folder there that is not a
    // git repository is an error, never overwritten.
    // Not a coroutine itself, so the workspace object may go away meanwhile.
    QCoro::Task<Prepared> prepare() const { return prepareRepository(m_repository); }
    static QCoro::Task<Prepared> prepareRepository(QString repository);

    // The offline demo: the investigate-flaky-tests playbook, no model.
    LoadResult<TaskSpec> offlineTask() const;
    // The model-driven demo: a report on where the README and code disagree.
    // agent is the runtime, provider and model to use.
    LoadResult<TaskSpec> modelTask(const AgentSpec &agent) const;
    LoadResult<EnvironmentProfile> environment() const;
    // The skill the offline demo runs, sent with it to the engine.
    LoadResult<Skill> skill() const;

private:
    LoadResult<TaskSpec> loadTask(const QString &file) const;

    QString m_repository;
};

} // namespace delegate
