// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace delegate {

// The /etc a sandbox sees: copies of the few host files programs need (the
// loader cache, alternatives, TLS roots, name-service and locale settings,
// language runtimes' site settings) plus generated passwd, group and hosts,
// in one directory bound read-only as /etc. One bind instead of thirty keeps
// a sandbox's start cheap. Built once; a host change reaches sandboxes when
// the engine restarts. Only what every local user may read is copied.
class SandboxEtc final
{
public:
    // Empty path() when the directory could not be made.
    static std::shared_ptr<SandboxEtc> build();

    QString path() const { return m_dir ? m_dir->path() : QString(); }
    QString errorString() const { return m_error; }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_error;
};

} // namespace delegate
