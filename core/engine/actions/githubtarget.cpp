// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/githubtarget.h"

#include "engine/actions/runrepository.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace delegate {

QCoro::Task<GitHubTarget::Resolved> GitHubTarget::resolve(QString repositoryParameter,
                                                          QString remoteParameter, Workspace workspace,
                                                          std::chrono::milliseconds gitTimeout)
{
    Resolved resolved;
    if (!repositoryParameter.isEmpty()) {
        resolved.repository = GitHubRepository::parse(repositoryParameter);
        if (!resolved.repository)
            resolved.problem =
                u"parameters.repository: '%1' is not owner/name, such as octo-org/widgets"_s.arg(
                    repositoryParameter);
        co_return resolved;
    }
    resolved.remote = remoteParameter.isEmpty() ? u"origin"_s : remoteParameter;
    if (workspace.gitDir.isEmpty() || !QFileInfo(workspace.gitDir).isDir()) {
        resolved.problem =
            u"parameters.repository is missing and there is no workspace whose remote '%1' could name "
            u"the repository: give the repository as owner/name"_s.arg(resolved.remote);
        co_return resolved;
    }
    const RunRepository repository(workspace, gitTimeout);
    QStringList getUrl { u"remote"_s, u"get-url"_s, resolved.remote };
    auto urlTask = repository.git(getUrl);
    const GitOutput url = co_await std::move(urlTask);
    if (!url.ok()) {
        resolved.problem =
            u"%1 has no remote named '%2' to tell the GitHub repository from: give "
            u"parameters.repository as owner/name, or name a remote in parameters.remote"_s.arg(
                repository.repositoryName(), resolved.remote);
        co_return resolved;
    }
    resolved.repository = GitHubRepository::fromRemoteUrl(url.stdoutText());
    if (!resolved.repository)
        resolved.problem =
            u"the URL of remote '%1' (%2) names no GitHub repository: give parameters.repository as "
            u"owner/name"_s.arg(resolved.remote, url.stdoutText());
    co_return resolved;
}

} // namespace delegate
