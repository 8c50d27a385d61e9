// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlsfiles.h"

#include <QFile>
#include <QSslKey>
#include <QSslSocket>

namespace delegate::rpc::TlsFiles {

namespace {

using namespace Qt::StringLiterals;

std::optional<QString> readFile(const QString &path, const QString &what, QByteArray *contents)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"cannot read the %1 %2: %3"_s.arg(what, path, file.errorString());
    *contents = file.readAll();
    return std::nullopt;
}

std::optional<QString> tlsAvailable()
{
    if (!QSslSocket::supportsSsl()) {
        return u"Qt has no TLS backend here (it uses OpenSSL): install the package libssl3"_s;
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> serverConfiguration(const QString &certificateFile, const QString &keyFile,
                                           QSslConfiguration *configuration)
{
    if (auto problem = tlsAvailable())
        return problem;
    QByteArray certificatePem;
    if (auto problem = readFile(certificateFile, u"TLS certificate"_s, &certificatePem))
        return problem;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        return u"%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----): pass the server's certificate "
               "to --tls-cert"_s.arg(certificateFile);
    }
    QByteArray keyPem;
    if (auto problem = readFile(keyFile, u"TLS private key"_s, &keyPem))
        return problem;
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        return u"%1 holds no unencrypted RSA or EC private key in PEM: pass the certificate's key to "
               u"--tls-key "
               "(remove a passphrase with `openssl pkey -in KEY -out KEY.plain`)"_s.arg(keyFile);
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    // The team server authenticates people by their tokens, not by
    // client certificates.
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    *configuration = tls;
    return std::nullopt;
}

std::optional<QString> certificateAuthorities(const QString &caFile, QList<QSslCertificate> *certificates)
{
    if (auto problem = tlsAvailable())
        return problem;
    QByteArray pem;
    if (auto problem = readFile(caFile, u"CA certificate file"_s, &pem))
        return problem;
    const QList<QSslCertificate> found = QSslCertificate::fromData(pem, QSsl::Pem);
    if (found.isEmpty() || found.first().isNull()) {
        return u"%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----): pass the certificate of the "
               "authority that signed the team server's certificate"_s.arg(caFile);
    }
    *certificates = found;
    return std::nullopt;
}

} // namespace delegate::rpc::TlsFiles
