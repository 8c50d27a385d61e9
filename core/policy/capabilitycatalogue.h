// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capability.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace delegate {

struct EnvironmentProfile;

// What one kind of grant means, in words a person deciding on it can use.
struct CapabilityInfo
{
    Capability capability = Capability::RepositoryRead;
    QString title; // short, for a chip or a table: "Write the repository"
    QString allows; // one line: what a command can do with it
    QString risk; // one line: what can go wrong because of it
    CapabilityRisk level = CapabilityRisk::Low;
    QString sandbox; // what the local sandbox does differently when it is granted
    QString example; // how an environment file grants it

    QJsonObject toJson() const;
};

// One grant an environment makes: a capability, and what it applies to (the
// tool, host, secret, mount or limit value; empty for repository access and
// full network).
struct CapabilityGrant
{
    Capability capability = Capability::RepositoryRead;
    QString subject;

    QJsonObject toJson() const;

    friend bool operator==(const CapabilityGrant &, const CapabilityGrant &) = default;
};

// Every grant an environment can make, with what it allows and what it risks.
// The docs, `delegatectl env capabilities` and the GUI's chips read it from here.
class CapabilityCatalogue final
{
public:
    // In the order of the environment file.
    static const QList<CapabilityInfo> &all();
    static const CapabilityInfo &info(Capability capability);

    // What an environment grants, one entry per tool, host, secret, mount and
    // limit that is set. Network "none" and repository "none" grant nothing.
    static QList<CapabilityGrant> grantsOf(const EnvironmentProfile &environment);
};

} // namespace delegate
