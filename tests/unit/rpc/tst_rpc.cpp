// SPDX-License-Identifier: GPL-3.0-or-later
// JSON-RPC over a real WebSocket on loopback: authentication, roles,
// notifications, and a client that stops reading.
#include "rpc/protocol.h"
#include "rpc/rpcclient.h"
#include "rpc/rpcconnection.h"
#include "rpc/rpcserver.h"

#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::rpc;

namespace {

std::optional<Identity> tokens(const QString &token)
{
    if (token == "lead-token"_L1)
        return Identity { u"ada"_s, Role::Lead };
    if (token == "reviewer-token"_L1)
        return Identity { u"grace"_s, Role::Reviewer };
    if (token == "auditor-token"_L1)
        return Identity { u"alan"_s, Role::Auditor };
    return std::nullopt;
}

QCoro::Task<RpcOutcome> echo(QJsonObject params, Caller caller)
{
    params.insert(u"caller"_s, caller.identity.actor());
    co_return RpcOutcome::ok(params);
}

QCoro::Task<RpcOutcome> approve(QJsonObject params, Caller)
{
    if (!params.contains("run"_L1))
        co_return RpcOutcome::fail(InvalidParams, u"approve needs 'run'."_s);
    co_return RpcOutcome::ok(QJsonObject { { u"approved"_s, params.value("run"_L1) } });
}

} // namespace

class TestRpc final : public QObject
{
    Q_OBJECT

private:
    RpcServer *m_server = nullptr;

private Q_SLOTS:
    void init()
    {
        m_server = new RpcServer(tokens, this);
        QVERIFY(m_server->listen(QHostAddress::LocalHost));
        m_server->addMethod(u"test.echo"_s, { Role::Lead, Role::Reviewer, Role::Auditor }, echo);
        m_server->addMethod(u"runs.approve"_s, { Role::Lead, Role::Reviewer }, approve);
    }

    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void authenticatedCall()
    {
        RpcClient client;
        const RpcOutcome connected = QCoro::waitFor(client.connectTo(m_server->url(), u"lead-token"_s));
        QVERIFY2(!connected.error, qPrintable(connected.error ? connected.error->message : QString()));
        QCOMPARE(client.state(), RpcClient::State::Connected);
        QCOMPARE(client.identity().user, u"ada"_s);
        QCOMPARE(client.identity().role, Role::Lead);
        QCOMPARE(client.engineProtocolVersion(), protocolVersion);
        QVERIFY(connected.result.toObject().value("methods"_L1).toArray().contains(u"runs.approve"_s));

        const RpcOutcome reply = QCoro::waitFor(client.call(u"test.echo"_s, { { u"text"_s, u"hello"_s } }));
        QVERIFY(!reply.error);
        QCOMPARE(reply.result.toObject().value("text"_L1).toString(), u"hello"_s);
        QCOMPARE(reply.result.toObject().value("caller"_L1).toString(), u"user:ada"_s);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("code");
        QTest::addRow("no token") << QString() << u"test.echo"_s << int(Unauthenticated);
        QTest::addRow("wrong token") << u"guess"_s << u"test.echo"_s << int(Unauthenticated);
        QTest::addRow("auditor approves") << u"auditor-token"_s << u"runs.approve"_s << int(Forbidden);
        QTest::addRow("unknown method") << u"lead-token"_s << u"runs.explode"_s << int(MethodNotFound);
        QTest::addRow("handler's own error")
            << u"reviewer-token"_s << u"runs.approve"_s << int(InvalidParams);
    }
    void refusals()
    {
        QFETCH(QString, token);
        QFETCH(QString, method);
        QFETCH(int, code);
        RpcClient client;
        const RpcOutcome connected = QCoro::waitFor(client.connectTo(m_server->url(), token));
        if (code == Unauthenticated) {
            QVERIFY(connected.error);
            QCOMPARE(connected.error->code, code);
            QVERIFY(connected.error->message.contains(u"token"_s));
            QTRY_COMPARE(client.state(), RpcClient::State::Disconnected);
            return;
        }
        QVERIFY(!connected.error);
        const RpcOutcome reply = QCoro::waitFor(client.call(method, {}));
        QVERIFY(reply.error);
        QCOMPARE(reply.error->code, code);
    }

    void callsBeforeAuthenticationCloseTheConnection()
    {
        // A client that skips session.authenticate is answered and dropped.
        QWebSocket socket;
        socket.open(m_server->url());
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QVERIFY(connected.wait());
        QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        socket.sendTextMessage(uR"({"jsonrpc":"2.0","id":1,"method":"test.echo","params":{}})"_s);
        QTRY_COMPARE(messages.size(), 1);
        QVERIFY(messages.at(0).at(0).toString().contains(QString::number(Unauthenticated)));
        QTRY_COMPARE(disconnected.size(), 1);
    }

    void notificationsReachSubscribers()
    {
        RpcClient subscribed;
        RpcClient other;
        QVERIFY(!QCoro::waitFor(subscribed.connectTo(m_server->url(), u"reviewer-token"_s)).error);
        QVERIFY(!QCoro::waitFor(other.connectTo(m_server->url(), u"auditor-token"_s)).error);
        QVERIFY(!QCoro::waitFor(subscribed.subscribe({ u"runs"_s })).error);
        QSignalSpy received(&subscribed, &RpcClient::notificationReceived);
        QSignalSpy notReceived(&other, &RpcClient::notificationReceived);
        m_server->notify(u"runs"_s, u"run.updated"_s,
                         { { u"run"_s, u"r1"_s }, { u"state"_s, u"running"_s } });
        QVERIFY(received.wait());
        QCOMPARE(received.at(0).at(0).toString(), u"run.updated"_s);
        QCOMPARE(received.at(0).at(1).toJsonObject().value("state"_L1).toString(), u"running"_s);
        // A round trip on the other client proves the notification had time to arrive there too.
        QVERIFY(!QCoro::waitFor(other.call(u"test.echo"_s)).error);
        QCOMPARE(notReceived.size(), 0);
    }

    void slowClientIsCoalescedNotUnbounded()
    {
        QSemaphore subscribedReady;
        QSemaphore resume;
        std::atomic<int> dropNotices = 0;
        std::atomic<int> received = 0;
        const QUrl url = m_server->url();
        QThread *clientThread = QThread::create([&] {
            RpcClient client;
            QObject::connect(&client, &RpcClient::resyncNeeded, [&] { ++dropNotices; });
            QObject::connect(&client, &RpcClient::notificationReceived, [&] { ++received; });
            const RpcOutcome connected = QCoro::waitFor(client.connectTo(url, u"reviewer-token"_s));
            if (connected.error) {
                qWarning() << "client thread could not connect:" << connected.error->message;
                return;
            }
            QCoro::waitFor(client.subscribe({ u"events"_s }));
            subscribedReady.release();
            resume.acquire(); // stop reading while the server keeps sending
            QElapsedTimer drain;
            drain.start();
            while (dropNotices == 0 && drain.elapsed() < 20000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        });
        clientThread->start();
        QTRY_VERIFY_WITH_TIMEOUT(subscribedReady.available() > 0, 10000);

        const QString padding(2048, u'x');
        RpcConnection *connection = nullptr;
        QTRY_VERIFY(!m_server->connections().isEmpty());
        connection = m_server->connections().constFirst();
        // Far more than socket buffers hold, so the client falls behind.
        for (int i = 0; i < 20000; ++i) {
            const QString key = i % 2 ? u"run:%1"_s.arg(i % 10) : QString();
            m_server->notify(u"events"_s, u"event.appended"_s, { { u"seq"_s, i }, { u"padding"_s, padding } },
                             key);
            if (i % 1000 == 0)
                QCoreApplication::processEvents();
        }
        QVERIFY(connection->queuedNotifications() > 0);
        QVERIFY(connection->queuedNotifications() <= RpcConnection::maxQueued);
        QVERIFY(connection->droppedNotifications() > 0);

        resume.release();
        QTRY_VERIFY_WITH_TIMEOUT(dropNotices > 0, 20000);
        clientThread->wait();
        delete clientThread;
        QVERIFY(received > 0);
    }
};

QTEST_GUILESS_MAIN(TestRpc)
#include "tst_rpc.moc"
