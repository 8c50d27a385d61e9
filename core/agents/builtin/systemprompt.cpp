// SPDX-License-Identifier: GPL-3.0-or-later
#include "systemprompt.h"

#include "domain/enumnames.h"

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QString bulletList(const QStringList &items)
{
    QString text;
    for (const QString &item : items)
        text += u"- "_s + item + u'\n';
    return text;
}

QString section(const QString &title, const QString &body)
{
    if (body.trimmed().isEmpty())
        return {};
    return u"\n## "_s + title + u"\n"_s + body.trimmed() + u'\n';
}

} // namespace

QString buildSystemPrompt(const SystemPromptInputs &inputs)
{
    const TaskSpec &task = inputs.task;
    QString prompt = u"You are a background agent working on one bounded task in a sandboxed workspace "
                     "(a checkout of the repository at its base commit). Work inside the task's bounds, "
                     "verify your work, and finish by calling `submit`. People review what you submit; "
                     "nothing you do leaves the sandbox without their approval.\n"_s;
    prompt += u"\nTools: "_s + inputs.toolNames.join(u", "_s) + u".\n"_s;

    QString scope;
    if (!task.scope.repository.isEmpty())
        scope += u"Repository: "_s + task.scope.repository + u'\n';
    if (!task.scope.baseRef.isEmpty())
        scope += u"Base: "_s + task.scope.baseRef + u'\n';
    if (!task.scope.include.isEmpty())
        scope += u"Work only in:\n"_s + bulletList(task.scope.include);
    if (!task.scope.exclude.isEmpty())
        scope += u"Do not touch:\n"_s + bulletList(task.scope.exclude);
    prompt += section(u"Scope"_s, scope);
    prompt += section(u"Constraints"_s, bulletList(task.constraints));

    QString artifact;
    if (task.expectedArtifact.kind)
        artifact += u"Submit with kind '%1'."_s.arg(enumToString(*task.expectedArtifact.kind)) + u'\n';
    artifact += task.expectedArtifact.description;
    prompt += section(u"Expected result"_s, artifact);
    prompt += section(u"Acceptance criteria"_s, bulletList(task.acceptanceCriteria));
    if (!task.verifyCommands.isEmpty()) {
        prompt += section(u"Verify before submitting"_s,
                          u"Run these and include their outcome in your summary:\n"_s
                              + bulletList(task.verifyCommands));
    }
    if (inputs.planRequired) {
        prompt += section(
            u"Review point"_s,
            u"Investigate first without changing files. Then call `submit` with kind 'plan': what you "
            "found, with evidence, and what you propose to change. File-changing tools open only after "
            "a person approves the plan; if they ask for changes, revise and submit the plan again."_s);
    }
    prompt += section(u"Instructions from the skill"_s, inputs.skillInstructions);
    prompt += section(u"The repository's AGENTS.md"_s, inputs.agentsMd);
    prompt += section(
        u"When unsure"_s,
        u"If the task is ambiguous in a way that changes the result, call `ask_human` with a specific "
        "question. If a tool fails, read the error and adjust; do not repeat the same call."_s);
    return prompt;
}

QString buildTaskMessage(const TaskSpec &task)
{
    QString message;
    if (!task.title.isEmpty())
        message += u"# "_s + task.title + u"\n\n"_s;
    message += task.objective.trimmed() + u'\n';
    if (!task.context.isEmpty()) {
        message += u"\n## Context\n"_s;
        for (const ContextItem &item : task.context) {
            const QString label = item.label.isEmpty() ? enumToString(item.kind) : item.label;
            switch (item.kind) {
            case ContextItem::Kind::File:
                message += u"- %1: file `%2` in the workspace\n"_s.arg(label, item.value);
                break;
            case ContextItem::Kind::Url:
                message += u"- %1: %2\n"_s.arg(label, item.value);
                break;
            case ContextItem::Kind::Text:
                message += u"\n### %1\n```\n%2\n```\n"_s.arg(label, item.value.trimmed());
                break;
            }
        }
    }
    return message;
}

} // namespace delegate
