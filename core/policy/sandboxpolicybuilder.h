// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "toollocator.h"

#include "sandbox/sandboxpolicy.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace delegate {

class SecretProvider;
struct EnvironmentProfile;
struct ResourceLimits;

// Something in an environment that keeps it from becoming a sandbox policy
// on this host, at the field to change.
struct PolicyProblem
{
    QString field; // "capabilities.tools[1]"; empty when it concerns the workspace or the whole policy
    QString message; // what is wrong and how to fix it

    QString toString() const;
    QJsonObject toJson() const;

    friend bool operator==(const PolicyProblem &, const PolicyProblem &) = default;
};

struct PolicyBuild
{
    std::optional<SandboxPolicy> policy; // set when there are no problems
    QList<PolicyProblem> problems;
    // Where the policy grants more than the environment says because the
    // sandbox cannot express the grant exactly yet; worth telling the user.
    QStringList caveats;

    bool ok() const { return policy.has_value(); }
};

// Turns an environment's capabilities into the sandbox policy every command of
// a run gets. The engine and `delegatectl sandbox exec` both build policies
// here, so trying an environment out runs commands exactly as an agent's.
//
//   repository none   the workspace must be an empty directory
//   repository read   the checkout at /workspace, each entry in it read-only
//   repository write  the checkout at /workspace, read-write
//   network           none, allowlist (with its hosts) or full, as granted
//   tools             each found on the host; directories outside the system
//                     ones bound read-only and put first on PATH
//   mounts            read-only, as granted
//   secrets           values from the SecretProvider, set as variables and
//                     redacted from all output
//   limits            ResourceLimits as SandboxLimits; unset ones keep the defaults
class SandboxPolicyBuilder final
{
public:
    // The provider must outlive the builder.
    SandboxPolicyBuilder(const SecretProvider &secrets, ToolLocator tools);

    PolicyBuild build(const EnvironmentProfile &environment, const QString &workspaceDir) const;

    static SandboxLimits limitsFor(const ResourceLimits &limits);

private:
    void mapWorkspace(const EnvironmentProfile &environment, const QString &workspaceDir,
                      SandboxPolicy &policy, PolicyBuild &build) const;
    void mapTools(const QStringList &tools, SandboxPolicy &policy, PolicyBuild &build) const;
    void mapSecrets(const QStringList &secrets, SandboxPolicy &policy, PolicyBuild &build) const;

    const SecretProvider &m_secrets;
    ToolLocator m_tools;
};

} // namespace delegate
