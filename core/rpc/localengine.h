// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace delegate::rpc {

// How to reach a local engine, as the engine published it.
struct LocalEndpoint
{
    QUrl url;
    QString token; // the local user's token (role lead)
    qint64 pid = 0;
    QString version;
    QString store;
};

// The folder where a local engine says how to reach it: a folder of the
// user's runtime directory that only the user may enter (0700), holding
//   engine.json      {"url", "pid", "version", "store"}
//   token            the local user's bearer token, mode 0600
//   delegated.lock   held while an engine runs, so there is one per user
//   delegated.log    what an engine started on demand printed
// Clients read the token from the file, so only the user (and root) can
// talk to the user's engine.
class LocalEngineDirectory final
{
public:
    // $DELEGATE_RUNTIME_DIR when set, else "delegate" in the user's runtime
    // directory ($XDG_RUNTIME_DIR).
    static QString defaultPath();

    explicit LocalEngineDirectory(QString path = defaultPath());

    QString path() const { return m_path; }
    QString endpointFile() const;
    QString tokenFile() const;
    QString lockFile() const;
    QString logFile() const;

    // Creates the folder with mode 0700 (and tightens an existing one);
    // the error says what failed.
    std::optional<QString> ensureExists() const;
    // The token is written first: a client that sees engine.json finds it.
    std::optional<QString> publish(const LocalEndpoint &endpoint) const;
    void withdraw() const;

    struct ReadResult
    {
        std::optional<LocalEndpoint> endpoint;
        QString problem; // why there is none: no engine published, or a file is unreadable
    };
    ReadResult read() const;

private:
    QString m_path;
};

} // namespace delegate::rpc
