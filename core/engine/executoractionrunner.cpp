// SPDX-License-Identifier: GPL-3.0-or-later
#include "executoractionrunner.h"

#include "policy/secretprovider.h"
#include "workspace/workspace.h"

using namespace Qt::StringLiterals;

namespace delegate {

ExecutorActionRunner::ExecutorActionRunner(std::shared_ptr<const SecretProvider> secrets,
                                           ActionSettings settings)
    : m_secrets(std::move(secrets))
    , m_executor(*m_secrets, std::move(settings))
{ }

std::optional<ActionRequest> ExecutorActionRunner::requestFor(const ActionCall &call, ActionReport *refusal)
{
    const std::optional<ActionKind> kind = enumFromString<ActionKind>(call.kind);
    if (!kind) {
        refusal->message = u"there is no action '%1'; use one of %2"_s.arg(
            call.kind, enumNameList<ActionKind>().join(u", "_s));
        return std::nullopt;
    }
    ActionRequest request;
    request.runId = call.runId;
    request.kind = *kind;
    request.parameters = call.parameters;
    request.artifact = call.artifact;
    if (!call.workspace.isEmpty())
        request.workspace = Workspace::fromJson(call.workspace);
    return request;
}

QStringList ExecutorActionRunner::secretNames(const ActionCall &call) const
{
    const ActionSettings &settings = m_executor.settings();
    QStringList names { settings.gitHubTokenSecret, settings.slackWebhookSecret, settings.linearKeySecret };
    for (auto it = call.parameters.constBegin(); it != call.parameters.constEnd(); ++it) {
        if (it.key().endsWith(u"_secret"_s) && it.value().isString())
            names.append(it.value().toString());
    }
    names.removeDuplicates();
    return names;
}

QCoro::Task<ActionReport> ExecutorActionRunner::preview(ActionCall call)
{
    ActionReport report;
    std::optional<ActionRequest> request = requestFor(call, &report);
    if (!request)
        co_return report;
    const QStringList names = secretNames(call);
    co_await m_secrets->prefetch(names);
    const ActionPreview preview = co_await m_executor.preview(std::move(*request));
    report.ok = preview.ready;
    report.message = preview.problems.isEmpty() ? preview.summary
                                                : preview.summary + u" "_s + preview.problems.join(u" "_s);
    report.details = preview.toJson();
    co_return report;
}

QCoro::Task<ActionReport> ExecutorActionRunner::run(ActionCall call)
{
    ActionReport report;
    std::optional<ActionRequest> request = requestFor(call, &report);
    if (!request)
        co_return report;
    const QStringList names = secretNames(call);
    co_await m_secrets->prefetch(names);
    const ActionResult result = co_await m_executor.execute(std::move(*request));
    report.ok = result.ok;
    report.message = result.message;
    report.details = result.toJson();
    co_return report;
}

} // namespace delegate
