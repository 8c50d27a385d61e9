// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace delegate {

// The POSIX shell scripts the SSH sandbox runs on a host, each turned into
// one command line (`sh -c SCRIPT NAME ARGS...`, quoted for the remote
// user's shell). Only sh, coreutils, tar, git, util-linux and bwrap are
// assumed there.
namespace sshscripts {

// Prints key=value lines: uid, the remote root, where each needed tool is,
// the layout of / (merged /usr or not), the user-namespace switches.
QString probe(const QString &remoteRoot);
// Creates the remote root and the sandbox's /etc (only files every user may
// read, passwd/group/hosts from the given text); prints the /etc path.
QString buildEtc(const QString &remoteRoot, const QString &passwd, const QString &group,
                 const QString &hosts);
// Creates a session directory, unpacks the tar on standard input as the
// workspace, records it as the baseline commit; prints the directory.
QString createSession(const QString &remoteRoot, const QString &treeOwner);
// Stores the NUL-separated bwrap options (first optionsSize bytes of
// standard input) and the command's input (the rest).
QString storeRequest(const QString &sessionDir, int id, qint64 optionsSize);
// Runs one command: the stored options through fd 3, bwrap's status to a
// file, and a watchdog that kills it when standard input closes (the
// engine hung up or the connection dropped).
QString runCommand(const QString &sessionDir, int id, qint64 wallSeconds, const QStringList &command);
// Prints the command's status on one line, then the changes to the
// workspace since the last sync as a binary git diff, and makes them the
// new baseline.
QString collect(const QString &sessionDir, int id);
// Removes the session directory.
QString removeSession(const QString &sessionDir);

} // namespace sshscripts

} // namespace delegate
