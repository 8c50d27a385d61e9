// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/artifact.h"
#include "domain/checkpoint.h"
#include "domain/decision.h"
#include "domain/environmentprofile.h"
#include "domain/run.h"
#include "domain/skill.h"
#include "domain/taskspec.h"

#include <QTimeZone>

// Values with every field set to something other than its default, so a
// round trip that drops or mixes up a field shows.
namespace delegate::samples {

inline QDateTime time(int minute)
{
    return QDateTime(QDate(2025, 3, 14), QTime(9, minute, 7, 250), QTimeZone::utc());
}

inline TaskSpec task()
{
    TaskSpec task;
    task.title = QStringLiteral("Diagnose the checkout timeout");
    task.objective = QStringLiteral("Find out why checkout timed out.\nReturn a diagnosis with evidence.");
    task.scope = { QStringLiteral("https://git.example.com/shop.git"),
                   QStringLiteral("release/2025.03"),
                   { QStringLiteral("services/checkout/"), QStringLiteral("deploy/") },
                   { QStringLiteral("services/checkout/vendor/") } };
    task.context = {
        { ContextItem::Kind::File, QStringLiteral("docs/runbook.md"), QStringLiteral("Runbook") },
        { ContextItem::Kind::Url, QStringLiteral("https://logs.example.com/q?s=checkout&t=1h"), QString() },
        { ContextItem::Kind::Text, QStringLiteral("504 on /confirm\n  at 09:12: upstream: \"timeout\"\n"),
          QStringLiteral("Alert: 1") },
    };
    task.constraints = { QStringLiteral("Change nothing."), QStringLiteral("yes") };
    task.expectedArtifact = { ArtifactKind::Report,
                              QStringLiteral("A diagnosis: cause, evidence # and next steps") };
    task.acceptanceCriteria = { QStringLiteral("Cites log lines."),
                                QStringLiteral("- lists ruled-out causes") };
    task.verifyCommands = { QStringLiteral("make check"), QStringLiteral("ctest -R 'checkout: *'") };
    task.checkpointPolicy = CheckpointPolicy::ReviewBeforeAction;
    task.limits = { std::chrono::seconds(5400), 40, 200000, 2.5 };
    task.environment = QStringLiteral("checkout-investigation");
    task.agent = { AgentSpec::Runtime::ClaudeCode, QStringLiteral("anthropic"), QStringLiteral("4.5") };
    task.attempts = 3;
    task.skill = { QStringLiteral("diagnose-issue"),
                   { { QStringLiteral("service"), QStringLiteral("checkout") },
                     { QStringLiteral("days"), QStringLiteral("2") } } };
    return task;
}

inline EnvironmentProfile environment()
{
    EnvironmentProfile profile;
    profile.name = QStringLiteral("checkout-investigation");
    profile.description = QStringLiteral("Read-only: code, logs, runbooks.");
    profile.sandbox = { SandboxTarget::Kind::Ssh, QStringLiteral("build-01") };
    profile.capabilities.repository = Capabilities::RepositoryAccess::Read;
    profile.capabilities.network = { NetworkAccess::Mode::Allowlist,
                                     { QStringLiteral("logs.example.com"),
                                       QStringLiteral("*.example.org") } };
    profile.capabilities.tools = { QStringLiteral("git"), QStringLiteral("rg") };
    profile.capabilities.mounts = { { QStringLiteral("/srv/runbooks"), QStringLiteral("/mnt/runbooks") } };
    profile.capabilities.secrets = { QStringLiteral("LOGS_API_TOKEN") };
    profile.limits = { std::chrono::seconds(1200), 2048, 128, 256, 1024, std::chrono::seconds(2700) };
    return profile;
}

inline Skill skill()
{
    Skill skill;
    skill.name = QStringLiteral("diagnose-issue");
    skill.description = QStringLiteral("Diagnose a production error from logs and deploys.");
    skill.parameters = { { QStringLiteral("service"), QStringLiteral("The service"), true, QString() },
                         { QStringLiteral("days"), QStringLiteral("How far back"), false,
                           QStringLiteral("2") } };
    skill.expectedArtifact = { ArtifactKind::Report, QStringLiteral("A diagnosis") };
    skill.requiredCapabilities.repository = Capabilities::RepositoryAccess::Read;
    skill.requiredCapabilities.network = { NetworkAccess::Mode::Full, {} };
    skill.requiredCapabilities.tools = { QStringLiteral("git") };
    skill.requiredCapabilities.secrets = { QStringLiteral("LOGS_API_TOKEN") };
    skill.checkpointPolicy = CheckpointPolicy::ReviewPlan;
    skill.verifyCommands = { QStringLiteral("git log -1") };
    skill.playbook = { { QStringLiteral("git log --since=2.days --oneline"), QStringLiteral("lines"),
                         QStringLiteral("3") } };
    skill.instructions = QStringLiteral("# Diagnose\n\nRead the logs first.\n");
    return skill;
}

inline Run run()
{
    Run run;
    run.id = QStringLiteral("run-7f3a");
    run.task = task();
    run.environment = QStringLiteral("checkout-investigation");
    run.attemptIndex = 2;
    run.attemptGroup = QStringLiteral("group-1");
    run.batchId = QStringLiteral("batch-9");
    run.state = RunState::WaitingForHuman;
    run.baseCommit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    run.createdAt = time(1);
    run.updatedAt = time(2);
    run.usage = { 120000, 8000, 1.75 };
    run.host = QStringLiteral("build-01");
    return run;
}

inline Evidence evidence()
{
    Evidence evidence;
    evidence.commands = { { QStringLiteral("ctest -R checkout"), 8, QStringLiteral("1 test failed") },
                          { QStringLiteral("sleep 100"), -9, QString() } };
    evidence.tests = { { QStringLiteral("checkout.confirm"), Evidence::Outcome::Failed,
                         QStringLiteral("timeout") },
                       { QStringLiteral("checkout.cart"), Evidence::Outcome::Skipped, QString() } };
    return evidence;
}

inline Artifact patchArtifact()
{
    Artifact artifact;
    artifact.runId = QStringLiteral("run-7f3a");
    artifact.version = 2;
    artifact.summary = QStringLiteral("Raise the pool size.");
    artifact.content =
        PatchContent { QStringLiteral("diff --git a/x b/x\n"), { { QStringLiteral("x"), 3, 1 } } };
    artifact.evidence = evidence();
    artifact.createdAt = time(3);
    return artifact;
}

inline Artifact issuesArtifact()
{
    Artifact artifact = patchArtifact();
    artifact.content =
        IssuesContent { { IssueDraft { QStringLiteral("Admins can read invoices of other tenants"),
                                       QStringLiteral("audit item 3; src/invoice.cc:88"),
                                       QStringLiteral("Any admin sees all invoices."),
                                       QStringLiteral("Admins see their tenant's invoices."),
                                       QStringLiteral("src/invoice.cc"),
                                       { QStringLiteral("A test covers cross-tenant access.") },
                                       { QStringLiteral("Do support staff need access?") } } } };
    return artifact;
}

inline Artifact reportArtifact()
{
    Artifact artifact = patchArtifact();
    artifact.content = ReportContent { QStringLiteral("# Diagnosis\n\nThe pool ran dry.") };
    return artifact;
}

inline Artifact questionArtifact()
{
    Artifact artifact = patchArtifact();
    artifact.content = QuestionContent { QStringLiteral("Which region?") };
    artifact.evidence = {};
    return artifact;
}

inline Checkpoint checkpoint()
{
    Checkpoint checkpoint;
    checkpoint.id = QStringLiteral("cp-1");
    checkpoint.runId = QStringLiteral("run-7f3a");
    checkpoint.kind = Checkpoint::Kind::Plan;
    checkpoint.prompt = QStringLiteral("Approve the plan?");
    checkpoint.body = QStringLiteral("1. Raise the pool size.\n2. Add a test.");
    checkpoint.options = { QStringLiteral("approve"), QStringLiteral("reject") };
    checkpoint.state = Checkpoint::State::Decided;
    checkpoint.createdAt = time(4);
    return checkpoint;
}

inline Decision decision()
{
    Decision decision;
    decision.checkpointId = QStringLiteral("cp-1");
    decision.decider = QStringLiteral("user:alice");
    decision.role = Role::Lead;
    decision.verdict = Decision::Verdict::RequestChanges;
    decision.text = QStringLiteral("Add a test first.");
    decision.decidedAt = time(5);
    decision.comments = { { QStringLiteral("src/pool.cc"), 42, QStringLiteral("Why 64?") } };
    return decision;
}

} // namespace delegate::samples
