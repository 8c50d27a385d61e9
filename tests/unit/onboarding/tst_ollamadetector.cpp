// SPDX-License-Identifier: GPL-3.0-or-later
// Ollama detection against a tiny local HTTP server that answers /api/tags
// as Ollama does, and against a port where nothing listens.
#include "onboarding/ollamadetector.h"

#include <QCoro/QCoroTask>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

namespace {

// Answers every request with one fixed HTTP response.
class TinyHttpServer final : public QTcpServer
{
public:
    QByteArray body;
    QByteArrayList paths;

    TinyHttpServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray request = socket->readAll();
                    paths.append(request.split(' ').value(1));
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(serverPort())); }
};

} // namespace

class TestOllamaDetector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsOllamaAndItsModels()
    {
        TinyHttpServer server;
        server.body =
            R"({"models":[{"name":"qwen2.5-coder:7b","size":1},{"name":"llama3.2:latest","size":2}]})";
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const OllamaStatus status = QCoro::waitFor(OllamaDetector::detect(server.url()));
        QVERIFY(status.running);
        QCOMPARE(status.models, QStringList({ u"qwen2.5-coder:7b"_s, u"llama3.2:latest"_s }));
        QCOMPARE(server.paths, QByteArrayList { "/api/tags" });
        QCOMPARE(status.baseUrl, QUrl(u"http://127.0.0.1:%1/v1"_s.arg(server.serverPort())));
        QVERIFY(status.message.contains(u"qwen2.5-coder:7b, llama3.2:latest"_s));
    }

    void ollamaWithoutModels()
    {
        TinyHttpServer server;
        server.body = R"({"models":[]})";
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const OllamaStatus status = QCoro::waitFor(OllamaDetector::detect(server.url()));
        QVERIFY(status.running);
        QVERIFY(status.models.isEmpty());
        QVERIFY2(status.message.contains(u"ollama pull"_s), qPrintable(status.message));
    }

    void somethingElseOnThePort()
    {
        TinyHttpServer server;
        server.body = R"({"status":"ok"})";
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const OllamaStatus status = QCoro::waitFor(OllamaDetector::detect(server.url()));
        QVERIFY(!status.running);
        QVERIFY2(status.message.contains(u"is not Ollama"_s), qPrintable(status.message));
    }

    void nothingListening()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QUrl url(u"http://127.0.0.1:%1"_s.arg(probe.serverPort()));
        probe.close();
        const OllamaStatus status = QCoro::waitFor(OllamaDetector::detect(url));
        QVERIFY(!status.running);
        QVERIFY2(status.message.contains(u"No Ollama runs at 127.0.0.1:"_s), qPrintable(status.message));
        QVERIFY(status.message.contains(u"ollama serve"_s));
    }
};

QTEST_GUILESS_MAIN(TestOllamaDetector)
#include "tst_ollamadetector.moc"
