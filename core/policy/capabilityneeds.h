// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/capabilities.h"

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace delegate {

struct Skill;
struct TaskSpec;

// One thing the work needs (a tool, a host, a mount's sandbox path) and why.
struct CapabilityNeed
{
    QString item;
    QStringList reasons; // "verify command `make check`"

    friend bool operator==(const CapabilityNeed &, const CapabilityNeed &) = default;
};

// A credential the work needs: any one of the names will do.
struct SecretNeed
{
    QStringList anyOf;
    QString reason;

    friend bool operator==(const SecretNeed &, const SecretNeed &) = default;
};

// What a task (and its skill) needs from an environment, derived from what it
// says: the artifact it returns, the commands it runs, the context it reads,
// the agent that does it, and a skill's required capabilities.
struct CapabilityNeeds
{
    QStringList readReasons; // why the repository must be readable
    QStringList writeReasons; // why it must be writable
    QList<CapabilityNeed> tools;
    QList<CapabilityNeed> hosts;
    QStringList fullNetworkReasons; // set when something needs more than named hosts
    QList<SecretNeed> secrets;
    QList<Mount> mounts; // required by a skill
    QStringList mountReasons; // one per mount
    // The lower-cased words of the task's text and commands. A grant the text
    // names is in use even when nothing requires it: "search the logs with jq".
    QSet<QString> words;

    Capabilities::RepositoryAccess repository() const;
    bool needsNetwork() const { return !hosts.isEmpty() || !fullNetworkReasons.isEmpty(); }

    void needRead(const QString &reason) { readReasons.append(reason); }
    void needWrite(const QString &reason) { writeReasons.append(reason); }
    void needTool(const QString &tool, const QString &reason);
    void needHost(const QString &host, const QString &reason);
    void needSecret(const QStringList &anyOf, const QString &reason);
    void needMount(const Mount &mount, const QString &reason);
    void addWords(const QString &text);

    static CapabilityNeeds of(const TaskSpec &task, const Skill *skill = nullptr);

    // The programs a shell command runs, in order: the first word of each
    // simple command, past variable assignments, `env` and shell built-ins;
    // paths (./scripts/check.sh) are not tools.
    static QStringList programsOf(const QString &command);

    QJsonObject toJson() const;
};

} // namespace delegate
