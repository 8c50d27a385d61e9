// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/execrequest.h"
#include "sandbox/execresult.h"
#include "sandbox/sandboxfileentry.h"
#include "sandbox/sandboxpolicy.h"
#include "sandbox/sandboxresult.h"

#include <QCoro/QCoroTask>
#include <QObject>

namespace delegate {

// A prepared sandbox for one workspace under one policy. Local (bubblewrap) and
// remote (SSH) sandboxes implement it the same way.
//
// File operations take paths relative to the workspace and refuse anything
// that leaves it: absolute paths, '..' and symlinks that resolve outside.
// Everything returned (command output, file contents, names) has the policy's
// secret values redacted.
class SandboxSession : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SandboxSession() override = default;

    virtual const SandboxPolicy &policy() const = 0;

    virtual QCoro::Task<ExecResult> exec(ExecRequest request) = 0;

    virtual QCoro::Task<SandboxResult<QByteArray>> readFile(QString path) = 0;
    // Creates missing parent directories.
    virtual QCoro::Task<SandboxResult<void>> writeFile(QString path, QByteArray data) = 0;
    // Lists a directory ("" = the workspace); recursive listings do not follow
    // symlinked directories and skip .git.
    virtual QCoro::Task<SandboxResult<QList<SandboxFileEntry>>> listFiles(QString directory,
                                                                          bool recursive) = 0;

    // Kills everything the session started and releases what it holds. The
    // session refuses further work afterwards. Safe to call twice.
    virtual QCoro::Task<void> teardown() = 0;

Q_SIGNALS:
    // The place the session runs in went away (a remote host's connection
    // dropped): nothing more can run here. What was done before is kept.
    void lost(const QString &reason);
};

} // namespace delegate
