// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace delegate::rpc {

// Certificates and keys in PEM files, for a team server's wss:// listener
// and for clients that trust a private certificate authority. Each error
// names the file and what to do.
namespace TlsFiles {

// The server's side: its certificate (chain) and private key (RSA or EC,
// without a passphrase).
std::optional<QString> serverConfiguration(const QString &certificateFile, const QString &keyFile,
                                           QSslConfiguration *configuration);

// The certificates in a CA file, to trust beside the system's.
std::optional<QString> certificateAuthorities(const QString &caFile, QList<QSslCertificate> *certificates);

} // namespace TlsFiles

} // namespace delegate::rpc
