// SPDX-License-Identifier: GPL-3.0-or-later
#include "boundedtasklint.h"

#include "domain/taskspec.h"
#include "objectiveanalysis.h"

#include <algorithm>

namespace delegate {

namespace {

using E = TaskElement;
using S = LintSeverity;

QString quotedWords(const QStringList &words)
{
    QStringList quoted;
    for (const QString &word : words)
        quoted.append(u'"' + word + u'"');
    return quoted.join(QLatin1String(", "));
}

class Rules final
{
public:
    explicit Rules(const TaskSpec &task)
        : m_task(task)
        , m_objective(ObjectiveAnalysis::analyse(task.objective))
    { }

    QList<LintFinding> run()
    {
        checkObjective();
        checkScope();
        checkContext();
        checkConstraints();
        checkEnvironment();
        checkLimits();
        checkArtifact();
        return m_findings;
    }

    // The objective gives the agent no specific work: missing, a one-liner, or
    // a vague verb with nothing concrete to apply it to.
    bool objectiveIsVague() const { return m_vagueObjective; }

private:
    void add(S severity, E element, const char *rule, const QString &field, int points,
             const QString &problem, const QString &why, const QString &fix)
    {
        m_findings.append(
            LintFinding { severity, element, QString::fromLatin1(rule), field, problem, why, fix, points });
    }

    void checkObjective()
    {
        const QString field = QStringLiteral("objective");
        if (m_task.objective.trimmed().isEmpty()) {
            m_vagueObjective = true;
            add(S::Error, E::ScopeAndContext, "objective-missing", field, 15,
                QStringLiteral("The task has no objective."),
                QStringLiteral(
                    "The objective is what the agent works toward and what the reviewer checks the result "
                    "against; without one the agent makes up its own task."),
                QStringLiteral(
                    "Write in a sentence or two what to investigate or change, in which part of the "
                    "system, and what to return."));
            return;
        }
        if (m_objective.isTooShort()) {
            m_vagueObjective = true;
            add(S::Error, E::ScopeAndContext, "objective-too-short", field, 10,
                QStringLiteral("The objective is a one-liner of %1 word(s): \"%2\".")
                    .arg(m_objective.wordCount)
                    .arg(m_task.objective.simplified()),
                QStringLiteral(
                    "A one-line request leaves the agent to guess what to look at, where to stop and what "
                    "to hand back, and those guesses differ from run to run."),
                QStringLiteral(
                    "Say what to work on (a service, a path, an error), what evidence to gather, and "
                    "what result the reviewer should get; %1 words at least.")
                    .arg(ObjectiveAnalysis::minimumWords));
        }
        if (m_objective.vagueVerb && m_objective.anchors.isEmpty() && m_task.scope.include.isEmpty()) {
            m_vagueObjective = true;
            add(S::Error, E::ScopeAndContext, "objective-vague-verb", field, 7,
                QStringLiteral("The objective starts with \"%1\" but names nothing specific to work on, and "
                               "scope.include lists no paths.")
                    .arg(m_objective.leadingVerb),
                QStringLiteral(
                    "Verbs like fix, improve or handle say neither where to work nor when to stop: the "
                    "agent either stops early or keeps changing things outside the intended work."),
                QStringLiteral(
                    "Name the concrete object (a file, a function, an error message, an issue number) or "
                    "list paths under scope.include, and say what done looks like. When the cause is "
                    "unknown, ask for a diagnosis first: \"Investigate ... and return a report\"."));
        }
    }

    void checkScope()
    {
        const TaskScope &scope = m_task.scope;
        if (scope.isEmpty()) {
            add(S::Error, E::ScopeAndContext, "scope-missing", QStringLiteral("scope"), 10,
                QStringLiteral("The task has no scope: neither scope.repository nor scope.include is set."),
                QStringLiteral(
                    "Without a defined surface area the agent may read and change anything it can reach; "
                    "a scope keeps the work, the diff and the review small."),
                QStringLiteral(
                    "Set scope.repository (a path or clone URL) and scope.base_ref, and narrow them with "
                    "scope.include to the paths the work concerns."));
            return;
        }
        if (!scope.repository.isEmpty() && scope.include.isEmpty()) {
            add(S::Info, E::ScopeAndContext, "scope-unnarrowed", QStringLiteral("scope.include"), 2,
                QStringLiteral("The whole repository is in scope."),
                QStringLiteral(
                    "Listing the paths the work concerns keeps the agent's search focused and makes a "
                    "change outside them easy to spot in review."),
                QStringLiteral("List the relevant directories, e.g. `include: [services/checkout/]`."));
        }
        if (!scope.repository.isEmpty() && scope.baseRef.isEmpty()) {
            add(S::Info, E::ScopeAndContext, "base-ref-missing", QStringLiteral("scope.base_ref"), 1,
                QStringLiteral(
                    "scope.base_ref is not set, so each run starts from wherever the default branch "
                    "points when it is provisioned."),
                QStringLiteral(
                    "Attempts and retries of one task should start from the same commit so that their "
                    "results can be compared."),
                QStringLiteral("Set a branch, tag or commit, e.g. `base_ref: main`."));
        }
    }

    void checkContext()
    {
        if (!m_task.context.isEmpty())
            return;
        if (!m_objective.references.isEmpty()) {
            add(S::Error, E::ScopeAndContext, "context-refers-to-nothing", QStringLiteral("context"), 5,
                QStringLiteral("The objective refers to %1 but the task carries no context.")
                    .arg(quotedWords(m_objective.references)),
                QStringLiteral(
                    "The agent sees only what the task gives it: \"these issues\" or \"this error\" mean "
                    "nothing unless the findings, the log excerpt or the link travel with the task."),
                QStringLiteral(
                    "Attach what the objective refers to under context: a file (`- file: "
                    "audit/findings.md`), a URL (`- url: https://...`) or pasted text (`- text: ...` "
                    "with a `label`)."));
        } else {
            add(S::Warning, E::ScopeAndContext, "context-missing", QStringLiteral("context"), 4,
                QStringLiteral("The task carries no context."),
                QStringLiteral(
                    "A background agent starts cold: runbooks, error excerpts, earlier findings and links "
                    "save it from rediscovering what the team already knows, and show the reviewer what "
                    "the work was based on."),
                QStringLiteral(
                    "Add context items: `- file: docs/runbook.md`, `- url: https://...`, or `- text: ...` "
                    "with a `label`."));
        }
    }

    void checkConstraints()
    {
        if (m_task.constraints.isEmpty()) {
            add(S::Info, E::ScopeAndContext, "constraints-missing", QStringLiteral("constraints"), 1,
                QStringLiteral("The task lists no constraints."),
                QStringLiteral(
                    "Constraints say what the agent must not do (touch production, change public "
                    "interfaces, add dependencies): the boundary that stays true across iterations."),
                QStringLiteral(
                    "Add a `constraints:` list, e.g. `- Do not change anything under deploy/production/.`"));
        }
    }

    void checkEnvironment()
    {
        if (m_task.environment.trimmed().isEmpty()) {
            add(S::Error, E::Environment, "environment-missing", QStringLiteral("environment"), 20,
                QStringLiteral("No environment is named."),
                QStringLiteral(
                    "The agent needs the code, tools and access the work requires, and nothing beyond "
                    "them; without an environment the run gets the engine's defaults, which rarely fit."),
                QStringLiteral(
                    "Set `environment:` to the name of an environment profile that grants what the task "
                    "needs (examples in resources/examples/environments/)."));
        }
        if (!m_task.scope.repository.isEmpty())
            return;
        if (!m_task.verifyCommands.isEmpty()) {
            add(S::Error, E::Environment, "verify-without-repository", QStringLiteral("scope.repository"), 5,
                QStringLiteral("The task lists verify commands but no repository to run them in."),
                QStringLiteral(
                    "Verify commands run in the run's checkout; without a repository there is nothing "
                    "for them to check and every run fails its checks."),
                QStringLiteral("Set scope.repository, or remove the verify commands."));
        }
        if (m_task.expectedArtifact.kind == ArtifactKind::Patch) {
            add(S::Error, E::Environment, "patch-without-repository", QStringLiteral("scope.repository"), 5,
                QStringLiteral("The task expects a patch but names no repository to change."),
                QStringLiteral(
                    "A patch is a diff against a commit of a repository: the environment has nothing to "
                    "check out and the run nothing to diff."),
                QStringLiteral("Set scope.repository and scope.base_ref, or expect a report instead."));
        }
    }

    void checkLimits()
    {
        const TaskLimits &limits = m_task.limits;
        if (!limits.wallTime) {
            add(S::Error, E::Limits, "wall-time-missing", QStringLiteral("limits.wall_time"), 13,
                QStringLiteral("No wall-time limit is set."),
                QStringLiteral(
                    "Nobody watches an unattended run: a wall-time limit bounds how long a stalled or "
                    "looping agent may hold a sandbox before the engine stops it."),
                QStringLiteral("Set `limits: {wall_time: 30m}` (durations such as 90s, 30m, 2h or 1h30m)."));
        }
        if (!limits.steps && !limits.tokens && !limits.costUsd) {
            add(S::Error, E::Limits, "budget-missing", QStringLiteral("limits"), 12,
                QStringLiteral("No budget is set: neither limits.steps, limits.tokens nor limits.cost_usd."),
                QStringLiteral(
                    "Time alone does not stop a fast agent from spending; a step, token or cost budget "
                    "caps what one run may use."),
                QStringLiteral(
                    "Set at least one of `steps: 40`, `tokens: 200k` or `cost_usd: 2.5` under limits."));
        } else if (m_task.attempts > 1 && !limits.costUsd) {
            add(S::Warning, E::Limits, "attempts-without-cost-limit", QStringLiteral("limits.cost_usd"), 3,
                QStringLiteral("The task runs %1 attempts but sets no cost limit.").arg(m_task.attempts),
                QStringLiteral("Best-of-N multiplies the spend by N; a cost limit per run keeps the total "
                               "predictable."),
                QStringLiteral("Set limits.cost_usd, e.g. `cost_usd: 2.5`."));
        }
    }

    void checkArtifact()
    {
        const std::optional<ArtifactKind> kind = m_task.expectedArtifact.kind;
        if (!kind) {
            add(S::Error, E::ReviewableArtifact, "artifact-kind-missing",
                QStringLiteral("expected_artifact.kind"), 10,
                QStringLiteral("The task does not say what comes back: expected_artifact.kind is not set."),
                QStringLiteral(
                    "The artifact is what a person reviews and acts on; the agent needs to know whether "
                    "to return a patch, a report, issue drafts or a question, and the reviewer what to "
                    "expect."),
                QStringLiteral(
                    "Set `expected_artifact: {kind: report, description: ...}`; kind is one of patch, "
                    "report, issues or question."));
        } else if (m_task.expectedArtifact.description.trimmed().isEmpty()) {
            add(S::Warning, E::ReviewableArtifact, "artifact-description-missing",
                QStringLiteral("expected_artifact.description"), 3,
                QStringLiteral("expected_artifact.description is empty."),
                QStringLiteral(
                    "Saying what the artifact contains (evidence, proposed next steps, the fields of "
                    "each issue) makes runs return results that can be reviewed and compared."),
                QStringLiteral(
                    "Describe it in a sentence, e.g. `A diagnosis with log evidence, the likely cause "
                    "and proposed next steps.`"));
        }
        if (m_task.acceptanceCriteria.isEmpty()) {
            add(S::Error, E::ReviewableArtifact, "acceptance-criteria-missing",
                QStringLiteral("acceptance_criteria"), 7,
                QStringLiteral("The task has no acceptance criteria."),
                QStringLiteral(
                    "Acceptance criteria are how the reviewer, and the agent checking its own work, "
                    "decide that the artifact is done; without them review comes down to taste."),
                QStringLiteral(
                    "List observable conditions under `acceptance_criteria:`, e.g. `- Every claim cites "
                    "a log line, a commit or a file.`"));
        }
        checkReviewPoint(kind);
        checkVerify(kind);
    }

    void checkReviewPoint(std::optional<ArtifactKind> kind)
    {
        // A question is itself a stop for a person's judgement.
        if (m_task.checkpointPolicy != CheckpointPolicy::None || kind == ArtifactKind::Question)
            return;
        const bool acts = kind == ArtifactKind::Patch || kind == ArtifactKind::Issues;
        add(S::Error, E::ReviewableArtifact, "review-point-missing", QStringLiteral("checkpoint_policy"), 7,
            QStringLiteral("checkpoint_policy is none: no person looks at the work between investigation and "
                           "action."),
            acts
                ? QStringLiteral("A patch is pushed and issue drafts are filed once approved; a review point "
                                 "before that lets a person correct the direction before anything leaves the "
                                 "sandbox.")
                : QStringLiteral("A review point between investigating and acting lets a person correct the "
                                 "direction before the agent spends its budget on the wrong thing."),
            acts ? QStringLiteral("Set `checkpoint_policy: review-before-action`.")
                 : QStringLiteral("Set `checkpoint_policy: review-plan` (review the plan before changes) or "
                                  "`review-before-action`."));
    }

    void checkVerify(std::optional<ArtifactKind> kind)
    {
        if (!m_task.verifyCommands.isEmpty() || kind == ArtifactKind::Question)
            return;
        const bool patch = kind == ArtifactKind::Patch;
        add(patch ? S::Warning : S::Info, E::ReviewableArtifact, "verify-missing", QStringLiteral("verify"),
            patch ? 3 : 1, QStringLiteral("The task lists no verify commands."),
            QStringLiteral(
                "Commands the agent runs to check its own work (tests, linters, a reproduction) make the "
                "artifact self-verifying and give the reviewer evidence instead of claims."),
            QStringLiteral("Add `verify:` commands, e.g. `- ctest --test-dir build -R checkout`."));
    }

    const TaskSpec &m_task;
    const ObjectiveAnalysis m_objective;
    QList<LintFinding> m_findings;
    bool m_vagueObjective = false;
};

QString summaryFor(const LintReport &report)
{
    switch (report.verdict) {
    case LintVerdict::Unbounded:
        return QStringLiteral(
            "The objective is vague, and there is neither a scope nor an expected artifact: the "
            "agent would not know what to do, where, or what to hand back.");
    case LintVerdict::Bounded: {
        const auto warnings = std::count_if(report.findings.cbegin(), report.findings.cend(),
                                            [](const LintFinding &f) { return f.severity == S::Warning; });
        QString summary = QStringLiteral("All four elements are in place: a bounded scope with context, an "
                                         "environment, limits and a reviewable artifact.");
        if (warnings > 0)
            summary += QStringLiteral(" %1 warning(s) would make it better still.").arg(warnings);
        return summary;
    }
    case LintVerdict::PartiallyBounded: {
        QStringList missing;
        for (const EnumName<TaskElement> &element : enumNames<TaskElement>()) {
            if (!report.isSatisfied(element.value))
                missing.append(elementTitle(element.value));
        }
        return QStringLiteral("Not yet bounded: it still needs %1.").arg(missing.join(QLatin1String("; ")));
    }
    }
    return {};
}

} // namespace

LintReport BoundedTaskLint::lint(const TaskSpec &task) const
{
    Rules rules(task);
    LintReport report;
    report.findings = rules.run();
    std::stable_sort(report.findings.begin(), report.findings.end(),
                     [](const LintFinding &a, const LintFinding &b) {
                         return std::pair(a.element, a.severity) < std::pair(b.element, b.severity);
                     });

    const bool noScope = task.scope.isEmpty();
    const bool noArtifact = !task.expectedArtifact.kind;
    const bool anyError =
        std::any_of(report.findings.cbegin(), report.findings.cend(),
                    [](const LintFinding &finding) { return finding.severity == S::Error; });
    if (rules.objectiveIsVague() && noScope && noArtifact)
        report.verdict = LintVerdict::Unbounded;
    else if (!anyError)
        report.verdict = LintVerdict::Bounded;
    else
        report.verdict = LintVerdict::PartiallyBounded;

    for (const EnumName<TaskElement> &element : enumNames<TaskElement>())
        report.score += report.elementScore(element.value);
    report.summary = summaryFor(report);
    return report;
}

} // namespace delegate
