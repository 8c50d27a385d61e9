// SPDX-License-Identifier: GPL-3.0-or-later
// wss:// for a team server: real TLS handshakes on loopback with
// certificates the test makes with the openssl command, and refusal of a
// certificate the client has no reason to trust.

#include "rpc/engineconnector.h"
#include "rpc/rpcclient.h"
#include "rpc/rpcserver.h"
#include "rpc/tlsfiles.h"

#include <QCoro/QCoroTask>
#include <QFile>
#include <QProcess>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace delegate::rpc;
using namespace Qt::StringLiterals;

class TestRpcTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void handshakeWithTheTeamsAuthority();
    void untrustedCertificateIsRefused_data();
    void untrustedCertificateIsRefused();
    void connectorReadsTheCaFile();
    void badFilesSayWhatIsWrong_data();
    void badFilesSayWhatIsWrong();

private:
    bool openssl(const QStringList &arguments);
    QString file(const QString &name) const { return m_directory.filePath(name); }
    // A server on wss://127.0.0.1 with the certificate the test CA signed.
    std::unique_ptr<RpcServer> startServer();

    QTemporaryDir m_directory;
};

bool TestRpcTls::openssl(const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_directory.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(60'000) || process.exitCode() != 0) {
        qWarning() << "openssl" << arguments << "failed:" << process.readAll();
        return false;
    }
    return true;
}

void TestRpcTls::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend: install libssl3");
    QVERIFY(m_directory.isValid());
    const QStringList ecKey { u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                              u"-nodes"_s };
    // The team's private certificate authority, and the server's
    // certificate it signs, for the address 127.0.0.1 only.
    QVERIFY(openssl(QStringList { u"req"_s, u"-x509"_s } + ecKey
                    + QStringList { u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s, u"-days"_s, u"2"_s,
                                    u"-subj"_s, u"/CN=Delegate Test CA"_s }));
    QVERIFY(openssl(QStringList { u"req"_s } + ecKey
                    + QStringList { u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s, u"-subj"_s,
                                    u"/CN=127.0.0.1"_s }));
    QFile extensions(file(u"server.ext"_s));
    QVERIFY(extensions.open(QIODevice::WriteOnly));
    extensions.write("subjectAltName=IP:127.0.0.1\n");
    extensions.close();
    QVERIFY(openssl({ u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s,
                      u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s,
                      u"-extfile"_s, u"server.ext"_s }));
    // Someone else's authority.
    QVERIFY(openssl(QStringList { u"req"_s, u"-x509"_s } + ecKey
                    + QStringList { u"-keyout"_s, u"other.key"_s, u"-out"_s, u"other.pem"_s, u"-days"_s,
                                    u"2"_s, u"-subj"_s, u"/CN=Someone Else"_s }));
}

std::unique_ptr<RpcServer> TestRpcTls::startServer()
{
    QSslConfiguration tls;
    const auto problem = TlsFiles::serverConfiguration(file(u"server.pem"_s), file(u"server.key"_s), &tls);
    if (problem) {
        qWarning() << *problem;
        return {};
    }
    auto server = std::make_unique<RpcServer>([](const QString &token) -> std::optional<Identity> {
        if (token == u"team-token")
            return Identity { u"grace"_s, Role::Reviewer };
        return std::nullopt;
    });
    if (!server->listen(QHostAddress::LocalHost, 0, tls)) {
        qWarning() << server->errorString();
        return {};
    }
    return server;
}

void TestRpcTls::handshakeWithTheTeamsAuthority()
{
    const std::unique_ptr<RpcServer> server = startServer();
    QVERIFY(server);
    QCOMPARE(server->url().scheme(), u"wss"_s);
    QList<QSslCertificate> authorities;
    QVERIFY(!TlsFiles::certificateAuthorities(file(u"ca.pem"_s), &authorities));
    RpcClient client;
    client.addTrustedCertificates(authorities);
    const RpcOutcome outcome = QCoro::waitFor(client.connectTo(server->url(), u"team-token"_s));
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
    QCOMPARE(client.identity().user, u"grace"_s);
    QCOMPARE(client.state(), RpcClient::State::Connected);
}

void TestRpcTls::untrustedCertificateIsRefused_data()
{
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("reason");
    QTest::addRow("no private CA") << QString() << u"127.0.0.1"_s << u"issuer certificate"_s;
    QTest::addRow("another CA") << u"other.pem"_s << u"127.0.0.1"_s << u"issuer certificate"_s;
    QTest::addRow("another host name") << u"ca.pem"_s << u"localhost"_s << u"host name"_s;
}

void TestRpcTls::untrustedCertificateIsRefused()
{
    QFETCH(QString, caFile);
    QFETCH(QString, host);
    QFETCH(QString, reason);
    const std::unique_ptr<RpcServer> server = startServer();
    QVERIFY(server);
    RpcClient client;
    if (!caFile.isEmpty()) {
        QList<QSslCertificate> authorities;
        QVERIFY(!TlsFiles::certificateAuthorities(file(caFile), &authorities));
        client.addTrustedCertificates(authorities);
    }
    QUrl url = server->url();
    url.setHost(host);
    const RpcOutcome outcome = QCoro::waitFor(client.connectTo(url, u"team-token"_s));
    QVERIFY(outcome.error);
    const QString message = outcome.error->message;
    QVERIFY2(message.contains(u"presented a TLS certificate this client does not trust"_s),
             qPrintable(message));
    QVERIFY2(message.contains(u"--ca FILE"_s) && message.contains(u"DELEGATE_CA"_s), qPrintable(message));
    QVERIFY2(message.contains(reason, Qt::CaseInsensitive), qPrintable(message));
    QVERIFY(client.state() != RpcClient::State::Connected);
}

void TestRpcTls::connectorReadsTheCaFile()
{
    const std::unique_ptr<RpcServer> server = startServer();
    QVERIFY(server);
    ConnectOptions options;
    options.url = server->url();
    options.token = u"team-token"_s;
    options.caFile = file(u"ca.pem"_s);
    options.startIfNeeded = false;
    RpcClient client;
    const RpcOutcome outcome = QCoro::waitFor(connectToEngine(&client, options));
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
    QCOMPARE(client.identity().role, Role::Reviewer);

    options.caFile = file(u"missing.pem"_s);
    RpcClient refused;
    const RpcOutcome missing = QCoro::waitFor(connectToEngine(&refused, options));
    QVERIFY(missing.error);
    QVERIFY2(missing.error->message.contains(u"cannot read the CA certificate file"_s),
             qPrintable(missing.error->message));
}

void TestRpcTls::badFilesSayWhatIsWrong_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::addRow("missing certificate")
        << u"nothing.pem"_s << u"server.key"_s << u"cannot read the TLS certificate"_s;
    QTest::addRow("key as certificate")
        << u"server.key"_s << u"server.key"_s << u"holds no PEM certificate"_s;
    QTest::addRow("certificate as key")
        << u"server.pem"_s << u"server.pem"_s << u"pass the certificate's key"_s;
}

void TestRpcTls::badFilesSayWhatIsWrong()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, message);
    QSslConfiguration tls;
    const auto problem = TlsFiles::serverConfiguration(file(certificate), file(key), &tls);
    QVERIFY(problem);
    QVERIFY2(problem->contains(message), qPrintable(*problem));
}

QTEST_GUILESS_MAIN(TestRpcTls)
#include "tst_rpctls.moc"
