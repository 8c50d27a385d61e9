// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/execrequest.h"
#include "sandbox/sandboxpolicy.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace delegate {

// Descriptors the child inherits, each holding data bwrap reads or writes.
struct BwrapFds
{
    int passwd = -1;
    int group = -1;
    int hosts = -1; // used when the sandbox has no network
    int status = -1; // bwrap writes its JSON status here
};

// bwrap's options, passed through a descriptor (they carry secrets), and the
// command, which bwrap only accepts on its real command line.
struct BwrapInvocation
{
    QStringList options;
    QStringList command;
};

// Turns a policy and a request into bwrap's argument list. Knows which system
// paths of this host a program needs (merged-/usr symlinks, the few /etc
// files) and binds nothing else.
class BwrapCommand final
{
public:
    // Looks at this host's / and /etc once.
    static BwrapCommand forThisHost(QString prlimitPath);

    BwrapInvocation invocation(const SandboxPolicy &policy, const ExecRequest &request,
                               const QMap<QString, QString> &environment, const BwrapFds &fds) const;

    // The smallest namespace setup that tells whether bwrap works here at all.
    QStringList probeArguments() const;

    static QByteArray passwdContents();
    static QByteArray groupContents();
    static QByteArray hostsContents();

private:
    struct RootEntry
    {
        QString name; // "/bin"
        QString symlinkTarget; // "usr/bin"; empty means bind the directory read-only
    };

    void appendSystem(QStringList &args) const;

    QList<RootEntry> m_rootEntries;
    QStringList m_etcEntries; // host paths under /etc, bound read-only when present
    QString m_prlimitPath;
};

} // namespace delegate
