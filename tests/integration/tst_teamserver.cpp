// SPDX-License-Identifier: GPL-3.0-or-later
// A team server as its operator runs it: a real delegated process with a
// certificate made by the openssl command, people added and revoked with
// delegatectl user while it runs, and clients over wss://.

#include "daemonharness.h"

#include "rpc/accesstokens.h"
#include "rpc/engineconnector.h"
#include "rpc/localengine.h"
#include "rpc/tlsfiles.h"

#include <QCoro/QCoroTask>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <csignal>

using namespace delegate;
using namespace delegate::test;
using namespace Qt::StringLiterals;

class TestTeamServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void peopleComeAndGoWhileTheServerRuns();
    void cleanupTestCase();

private:
    bool openssl(const QStringList &arguments);
    // Connects over wss:// with the team's CA and the token.
    std::unique_ptr<rpc::RpcClient> connectAs(const QString &token, rpc::RpcOutcome *outcome);

    DaemonHarness m_harness;
    QUrl m_teamUrl;
    QString m_graceToken;
};

bool TestTeamServer::openssl(const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(m_harness.root.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(60'000) || process.exitCode() != 0) {
        qWarning() << "openssl" << arguments << "failed:" << process.readAll();
        return false;
    }
    return true;
}

void TestTeamServer::initTestCase()
{
    QVERIFY(m_harness.setUp());
    const QStringList ecKey { u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                              u"-nodes"_s };
    QVERIFY(openssl(QStringList { u"req"_s, u"-x509"_s } + ecKey
                    + QStringList { u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s, u"-days"_s, u"2"_s,
                                    u"-subj"_s, u"/CN=Team CA"_s }));
    QVERIFY(openssl(QStringList { u"req"_s } + ecKey
                    + QStringList { u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s, u"-subj"_s,
                                    u"/CN=127.0.0.1"_s }));
    QFile extensions(m_harness.path(u"server.ext"_s));
    QVERIFY(extensions.open(QIODevice::WriteOnly));
    extensions.write("subjectAltName=IP:127.0.0.1\n");
    extensions.close();
    QVERIFY(openssl({ u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s,
                      u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s,
                      u"-extfile"_s, u"server.ext"_s }));

    // The first person exists before the server starts.
    const CommandResult added = m_harness.ctl({ u"user"_s, u"add"_s, u"grace"_s, u"--role"_s, u"reviewer"_s,
                                                u"--tokens"_s, m_harness.path(u"tokens"_s), u"--json"_s });
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    m_graceToken = QJsonDocument::fromJson(added.out).object().value("token"_L1).toString();
    QCOMPARE(m_graceToken.size(), 64);

    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QVERIFY2(m_harness.startDaemon({ u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(port),
                                     u"--tls-cert"_s, m_harness.path(u"server.pem"_s), u"--tls-key"_s,
                                     m_harness.path(u"server.key"_s) }),
             qPrintable(m_harness.daemonLog()));
    m_teamUrl = QUrl(u"wss://127.0.0.1:%1"_s.arg(port));

    // The local user's clients keep plain ws:// on loopback.
    const auto published = rpc::LocalEngineDirectory(m_harness.runtimeDirectory()).read();
    QVERIFY(published.endpoint);
    QCOMPARE(published.endpoint->url.scheme(), u"ws"_s);
    QCOMPARE(published.endpoint->url.host(), u"127.0.0.1"_s);
    QVERIFY(published.endpoint->url.port() != port);
    QVERIFY(m_harness.connect());
}

std::unique_ptr<rpc::RpcClient> TestTeamServer::connectAs(const QString &token, rpc::RpcOutcome *outcome)
{
    rpc::ConnectOptions options;
    options.url = m_teamUrl;
    options.token = token;
    options.caFile = m_harness.path(u"ca.pem"_s);
    options.startIfNeeded = false;
    auto client = std::make_unique<rpc::RpcClient>();
    *outcome = QCoro::waitFor(rpc::connectToEngine(client.get(), options));
    return client;
}

void TestTeamServer::peopleComeAndGoWhileTheServerRuns()
{
    const QString tokens = m_harness.path(u"tokens"_s);
    const QString graceToken = m_graceToken;
    {
        // The file keeps only the digest.
        QFile file(tokens);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(!contents.contains(graceToken.toLatin1()));
        QVERIFY(contents.contains(rpc::AccessTokens::digest(graceToken).toLatin1()));
    }

    rpc::RpcOutcome outcome;
    std::unique_ptr<rpc::RpcClient> grace = connectAs(graceToken, &outcome);
    QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
    QCOMPARE(grace->identity().user, u"grace"_s);
    QCOMPARE(grace->identity().role, Role::Reviewer);
    QCOMPARE(grace->url().scheme(), u"wss"_s);

    // Added while the server runs: it reads the changed file by itself.
    const CommandResult addedAlan = m_harness.ctl(
        { u"user"_s, u"add"_s, u"alan"_s, u"--role"_s, u"auditor"_s, u"--tokens"_s, tokens, u"--json"_s });
    QVERIFY2(addedAlan.exitCode == 0, qPrintable(addedAlan.describe()));
    const QString alanToken = QJsonDocument::fromJson(addedAlan.out).object().value("token"_L1).toString();
    std::unique_ptr<rpc::RpcClient> alan;
    QTRY_VERIFY_WITH_TIMEOUT((alan = connectAs(alanToken, &outcome), !outcome.error), 10'000);
    QCOMPARE(alan->identity().role, Role::Auditor);

    const CommandResult listed = m_harness.ctl({ u"user"_s, u"list"_s, u"--tokens"_s, tokens, u"--json"_s });
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
    QVERIFY(listed.out.contains("\"alan\"") && listed.out.contains("\"grace\""));

    // Revoking closes grace's open connection and refuses her token;
    // alan stays.
    const CommandResult revoked =
        m_harness.ctl({ u"user"_s, u"revoke"_s, u"grace"_s, u"--tokens"_s, tokens });
    QVERIFY2(revoked.exitCode == 0, qPrintable(revoked.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(grace->state(), rpc::RpcClient::State::Disconnected, 10'000);
    const std::unique_ptr<rpc::RpcClient> refused = connectAs(graceToken, &outcome);
    QVERIFY(outcome.error);
    QCOMPARE(outcome.error->code, int(rpc::Unauthenticated));
    QCOMPARE(alan->state(), rpc::RpcClient::State::Connected);
    const rpc::RpcOutcome stillThere = QCoro::waitFor(alan->call(u"engine.status"_s));
    QVERIFY2(!stillThere.error || stillThere.error->code != int(rpc::Unauthenticated),
             qPrintable(stillThere.error ? stillThere.error->message : QString()));

    // SIGHUP reloads as well: a line added by hand counts at once.
    const QString handToken = rpc::AccessTokens::generate();
    {
        QFile file(tokens);
        QVERIFY(file.open(QIODevice::Append));
        file.write("ada lead " + rpc::AccessTokens::digest(handToken).toLatin1() + '\n');
    }
    ::kill(pid_t(m_harness.daemonPid()), SIGHUP);
    std::unique_ptr<rpc::RpcClient> ada;
    QTRY_VERIFY_WITH_TIMEOUT((ada = connectAs(handToken, &outcome), !outcome.error), 10'000);
    QCOMPARE(ada->identity().role, Role::Lead);

    // A client that does not trust the team's authority is refused.
    rpc::ConnectOptions untrusting;
    untrusting.url = m_teamUrl;
    untrusting.token = alanToken;
    untrusting.startIfNeeded = false;
    rpc::RpcClient stranger;
    const rpc::RpcOutcome strangerOutcome = QCoro::waitFor(rpc::connectToEngine(&stranger, untrusting));
    QVERIFY(strangerOutcome.error);
    QVERIFY2(strangerOutcome.error->message.contains(u"does not trust"_s),
             qPrintable(strangerOutcome.error->message));
}

void TestTeamServer::cleanupTestCase()
{
    QVERIFY(m_harness.stopDaemon());
}

QTEST_GUILESS_MAIN(TestTeamServer)
#include "tst_teamserver.moc"
