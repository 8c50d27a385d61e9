// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/gitpushaction.h"

#include "engine/actions/actionparameters.h"
#include "engine/actions/requestchecks.h"
#include "engine/actions/runrepository.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

struct PushPlan
{
    QStringList problems;
    QString remote;
    QString remoteUrl;
    QString commit;
};

QString firstLine(const QString &text)
{
    return text.section(u'\n', 0, 0).trimmed();
}

bool isRemoteName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9._/-]*$"_s);
    return pattern.match(name).hasMatch() && !name.contains(".."_L1);
}

QCoro::Task<PushPlan> plan(ActionRequest request, ActionSettings settings)
{
    PushPlan plan;
    plan.problems = RequestChecks::artifact(request, { ArtifactKind::Patch });
    ActionParameters parameters(request.parameters);
    plan.remote = parameters.text("remote"_L1);
    plan.problems += parameters.problems();
    if (plan.remote.isEmpty())
        plan.remote = u"origin"_s;
    if (!isRemoteName(plan.remote))
        plan.problems.append(
            u"parameters.remote: '%1' is not a remote name; give the name of a remote of your "
            u"repository, such as origin"_s.arg(plan.remote));

    const RunRepository repository(request.workspace, settings.gitTimeout);
    const QStringList workspaceProblems = repository.problems();
    plan.problems += workspaceProblems;
    if (!workspaceProblems.isEmpty() || !plan.problems.isEmpty())
        co_return plan;

    QStringList getUrl { u"remote"_s, u"get-url"_s, u"--push"_s, plan.remote };
    auto urlTask = repository.git(getUrl);
    const GitOutput url = co_await std::move(urlTask);
    if (url.ok()) {
        plan.remoteUrl = url.stdoutText();
    } else {
        plan.problems.append(u"%1 has no remote named '%2': add it (git -C %3 remote add %2 <url>) or name "
                             u"another in parameters.remote"_s.arg(repository.repositoryName(), plan.remote,
                                                                   request.workspace.source));
    }
    const Workspace &workspace = request.workspace;
    auto tipTask = repository.commitOf(repository.branchRef());
    const std::optional<QString> tip = co_await std::move(tipTask);
    plan.commit = tip.value_or(QString());
    if (plan.commit.isEmpty() || plan.commit == workspace.baseCommit)
        plan.problems.append(
            u"%1 holds no approved commit yet: run git.branch before git.push"_s.arg(workspace.branch));
    co_return plan;
}

// What git said, turned into what to do about it.
QString pushFailure(const GitOutput &output, const PushPlan &plan, const QString &branch,
                    std::chrono::milliseconds timeout)
{
    const QString where = u"'%1' (%2)"_s.arg(plan.remote, plan.remoteUrl);
    if (output.timedOut)
        return u"git push to %1 did not finish within %2 s. Check the network and the remote URL; pushing "
               u"the same "
               u"commit again is safe."_s.arg(where)
                   .arg(timeout.count() / 1000);
    const QString text = output.errorText();
    const QString said = firstLine(text);
    if (text.contains("[rejected]"_L1) || text.contains("non-fast-forward"_L1)
        || text.contains("fetch first"_L1))
        return u"%1 already has a branch %2 with other commits, so the push was rejected (Delegate never "
               u"forces "
               u"a push). Look at the remote branch; delete it there if it can go, then push again."_s.arg(
                   where, branch);
    if (text.contains("Authentication failed"_L1) || text.contains("could not read Username"_L1)
        || text.contains("Permission denied"_L1) || text.contains("terminal prompts disabled"_L1)
        || text.contains("403"_L1))
        return u"git could not authenticate to %1 (%2). Pushes use your own git credentials: set up an SSH "
               u"key in "
               u"your agent or a credential helper for this host, and check that you may push there."_s.arg(
                   where, said);
    if (text.contains("Could not resolve host"_L1) || text.contains("Connection refused"_L1)
        || text.contains("Network is unreachable"_L1) || text.contains("timed out"_L1))
        return u"git could not reach %1 (%2). Check the network and the remote URL."_s.arg(where, said);
    if (text.contains("does not appear to be a git repository"_L1) || text.contains("not found"_L1))
        return u"%1 is not a repository git can push to (%2). Check the remote's URL with git remote -v."_s
            .arg(where, said);
    return u"git push to %1 failed: %2"_s.arg(where, text);
}

} // namespace

QCoro::Task<ActionPreview> GitPushAction::preview(ActionRequest request, ActionContext context)
{
    auto pushPlanTask = plan(request, context.settings);
    const PushPlan pushPlan = co_await std::move(pushPlanTask);
    const QString branch = request.workspace.branch;
    ActionPreview preview;
    preview.kind = ActionKind::GitPush;
    preview.problems = pushPlan.problems;
    preview.ready = pushPlan.problems.isEmpty();
    preview.details = QJsonObject {
        { u"repository"_s, request.workspace.source },
        { u"remote"_s, pushPlan.remote },
        { u"remote_url"_s, pushPlan.remoteUrl },
        { u"branch"_s, branch },
        { u"refspec"_s,
          u"%1:refs/heads/%2"_s.arg(pushPlan.commit.isEmpty() ? branch : pushPlan.commit, branch) },
        { u"commit"_s, pushPlan.commit },
        { u"force"_s, false },
    };
    preview.summary = u"Push %1 (%2) to remote '%3' at %4, as branch %1 there. Not forced."_s.arg(
        branch, pushPlan.commit.left(12), pushPlan.remote, pushPlan.remoteUrl);
    co_return preview;
}

QCoro::Task<ActionResult> GitPushAction::execute(ActionRequest request, ActionContext context)
{
    ActionResult result;
    result.kind = ActionKind::GitPush;
    result.branch = request.workspace.branch;
    auto pushPlanTask = plan(request, context.settings);
    const PushPlan pushPlan = co_await std::move(pushPlanTask);
    result.remote = pushPlan.remote;
    result.remoteUrl = pushPlan.remoteUrl;
    if (!pushPlan.problems.isEmpty()) {
        result.message = u"Nothing was pushed: "_s + pushPlan.problems.join(u"; "_s) + u'.';
        co_return result;
    }
    const RunRepository repository(request.workspace, context.settings.gitTimeout);
    const QString remoteRef = repository.branchRef();
    QStringList push { u"push"_s, u"--porcelain"_s, u"--no-verify"_s, pushPlan.remote,
                       pushPlan.commit + u':' + remoteRef };
    auto pushedTask = repository.git(push, {}, context.settings.pushTimeout);
    const GitOutput pushed = co_await std::move(pushedTask);
    result.commit = pushPlan.commit;
    if (!pushed.ok()) {
        // --porcelain puts the verdict on stdout and the explanation on stderr.
        GitOutput combined = pushed;
        combined.err = pushed.err + '\n' + pushed.out;
        result.message = u"Nothing was pushed: "_s
            + pushFailure(combined, pushPlan, result.branch, context.settings.pushTimeout);
        co_return result;
    }
    result.ok = true;
    result.pushedRef = remoteRef;
    const bool upToDate =
        pushed.stdoutText().contains(u"\n=\t"_s) || pushed.stdoutText().startsWith(u"=\t"_s);
    result.message = upToDate
        ? u"Remote '%1' (%2) already had %3 at %4; nothing new was pushed."_s.arg(
            pushPlan.remote, pushPlan.remoteUrl, result.branch, pushPlan.commit.left(12))
        : u"Pushed %1 (%2) to remote '%3' (%4)."_s.arg(result.branch, pushPlan.commit.left(12),
                                                       pushPlan.remote, pushPlan.remoteUrl);
    co_return result;
}

} // namespace delegate
