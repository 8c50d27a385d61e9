// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/execrequest.h"
#include "sandbox/sandboxpolicy.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace delegate {

// Descriptors the child inherits.
struct BwrapFds
{
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
// paths of this host a program needs (/usr, the merged-/usr symlinks, the
// prepared /etc) and binds nothing else.
class BwrapCommand final
{
public:
    struct RootEntry
    {
        QString name; // "/bin"
        QString symlinkTarget; // "usr/bin"; empty means bind the directory read-only
    };

    // Looks at this host's / once. etcDir: the directory bound as /etc (see
    // SandboxEtc).
    static BwrapCommand forThisHost(QString prlimitPath, QString etcDir);
    // For another host, from what was found there (the SSH sandbox).
    static BwrapCommand forHost(QString prlimitPath, QString etcDir, QList<RootEntry> rootEntries);

    BwrapInvocation invocation(const SandboxPolicy &policy, const ExecRequest &request,
                               const QMap<QString, QString> &environment, const BwrapFds &fds) const;

    // The smallest namespace setup that tells whether bwrap works here at all.
    QStringList probeArguments() const;

    static QByteArray passwdContents();
    static QByteArray groupContents();
    static QByteArray hostsContents();

private:
    void appendSystem(QStringList &args) const;

    QList<RootEntry> m_rootEntries;
    QString m_etcDir;
    QString m_prlimitPath;
};

} // namespace delegate
