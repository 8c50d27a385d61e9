// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace delegate {

class JsonReader;

// One host of a pool: a name the SSH configuration knows, and how many runs
// it takes at once.
struct PoolHost
{
    QString host;
    int capacity = 1;

    QJsonObject toJson() const;
    static PoolHost read(JsonReader &reader);

    friend bool operator==(const PoolHost &, const PoolHost &) = default;
};

// The hosts an SSH environment spreads its runs over (`sandbox: ssh` with
// `pool:`), and the SSH client configuration used to reach them.
struct HostPool
{
    QList<PoolHost> hosts;
    QString sshConfig; // a file for `ssh -F`; empty: the user's ~/.ssh/config

    static constexpr int maximumCapacity = 1000;

    bool isEmpty() const { return hosts.isEmpty() && sshConfig.isEmpty(); }
    QJsonObject toJson() const;
    static HostPool read(JsonReader &reader);

    friend bool operator==(const HostPool &, const HostPool &) = default;
};

} // namespace delegate
