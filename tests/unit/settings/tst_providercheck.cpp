// SPDX-License-Identifier: GPL-3.0-or-later
// "Test connection" against the scripted provider and its faults, in both
// wire formats: each failure gets the verdict that names what to change.
#include "scriptedllmserver.h"
#include "settings/providercheck.h"

#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;
using delegate::fixtures::ScriptedLlmServer;
using Outcome = ProviderVerdict::Outcome;

Q_DECLARE_METATYPE(ProviderSetting::Kind)

class TestProviderCheck final : public QObject
{
    Q_OBJECT

private:
    ScriptedLlmServer *m_server = nullptr;

    ProviderSetting providerFor(ProviderSetting::Kind kind) const
    {
        ProviderSetting provider;
        provider.name = u"scripted"_s;
        provider.kind = kind;
        provider.baseUrl = QUrl(kind == ProviderSetting::Kind::Anthropic ? m_server->anthropicBaseUrl()
                                                                         : m_server->openAiBaseUrl());
        provider.models = { u"scripted-model"_s };
        return provider;
    }

    static ProviderVerdict check(const ProviderSetting &provider,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        const QString key = u"sk-test"_s;
        const QString model;
        return QCoro::waitFor(ProviderCheck::run(provider, key, model, timeout));
    }

    static void addKindRows()
    {
        QTest::addColumn<ProviderSetting::Kind>("kind");
        QTest::addRow("openai-compatible") << ProviderSetting::Kind::OpenAiCompatible;
        QTest::addRow("anthropic") << ProviderSetting::Kind::Anthropic;
    }

private Q_SLOTS:
    void init()
    {
        m_server = new ScriptedLlmServer(this);
        QVERIFY(m_server->listen());
    }

    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void connects_data() { addKindRows(); }
    void connects()
    {
        QFETCH(ProviderSetting::Kind, kind);
        m_server->setScript({ QJsonObject { { u"text"_s, u"OK"_s } } });
        const ProviderVerdict verdict = check(providerFor(kind));
        QVERIFY2(verdict.ok(), qPrintable(verdict.message));
        QVERIFY(verdict.message.startsWith(u"Connected: model 'scripted-model' answered"_s));
        // One real, one-token request with the key, in the provider's format.
        QCOMPARE(m_server->requests().size(), 1);
        const auto &request = m_server->requests().constFirst();
        QCOMPARE(request.body.value("max_tokens"_L1).toInt(), 1);
        if (kind == ProviderSetting::Kind::Anthropic)
            QCOMPARE(request.header("x-api-key"), QByteArray("sk-test"));
        else
            QCOMPARE(request.header("authorization"), QByteArray("Bearer sk-test"));
    }

    void withoutAModelItListsModels()
    {
        ProviderSetting provider = providerFor(ProviderSetting::Kind::OpenAiCompatible);
        provider.models.clear();
        const ProviderVerdict verdict = check(provider);
        QVERIFY2(verdict.ok(), qPrintable(verdict.message));
        QVERIFY(verdict.message.contains(u"lists 1 model(s)"_s));
        QVERIFY(verdict.checkedUrl.endsWith(u"/v1/models"_s));
    }

    void httpFaults_data()
    {
        QTest::addColumn<ProviderSetting::Kind>("kind");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("words");
        for (const auto kind :
             { ProviderSetting::Kind::OpenAiCompatible, ProviderSetting::Kind::Anthropic }) {
            const QString name = enumToString(kind);
            QTest::addRow("%s 401", qPrintable(name))
                << kind << 401 << int(Outcome::KeyRejected) << u"The API key was not accepted (HTTP 401)"_s;
            QTest::addRow("%s 403", qPrintable(name))
                << kind << 403 << int(Outcome::Forbidden) << u"may not use model 'scripted-model'"_s;
            QTest::addRow("%s 404", qPrintable(name))
                << kind << 404 << int(Outcome::NotFound)
                << u"Either the base URL is wrong or model 'scripted-model'"_s;
            QTest::addRow("%s 500", qPrintable(name))
                << kind << 500 << int(Outcome::Failed) << u"The server failed (HTTP 500)"_s;
        }
    }
    void httpFaults()
    {
        QFETCH(ProviderSetting::Kind, kind);
        QFETCH(int, status);
        QFETCH(int, outcome);
        QFETCH(QString, words);
        m_server->setScript(
            { QJsonObject { { u"status"_s, status }, { u"message"_s, u"scripted complaint"_s } } });
        const ProviderVerdict verdict = check(providerFor(kind));
        QCOMPARE(int(verdict.outcome), outcome);
        QCOMPARE(verdict.httpStatus, status);
        QVERIFY2(verdict.message.contains(words), qPrintable(verdict.message));
        QVERIFY2(verdict.message.contains(u"scripted complaint"_s), qPrintable(verdict.message));
    }

    void slowServerTimesOut()
    {
        m_server->setScript({ QJsonObject { { u"header_delay_ms"_s, 5000 }, { u"text"_s, u"late"_s } } });
        const ProviderVerdict verdict =
            check(providerFor(ProviderSetting::Kind::OpenAiCompatible), std::chrono::milliseconds(300));
        QCOMPARE(verdict.outcome, Outcome::TimedOut);
        QVERIFY2(verdict.message.contains(u"did not answer within 0.3 s"_s), qPrintable(verdict.message));
    }

    void refusedConnection()
    {
        // A port that was just free: nothing listens there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        ProviderSetting provider = providerFor(ProviderSetting::Kind::OpenAiCompatible);
        provider.baseUrl = QUrl(u"http://127.0.0.1:%1/v1"_s.arg(port));
        const ProviderVerdict verdict = check(provider);
        QCOMPARE(verdict.outcome, Outcome::ConnectionRefused);
        QVERIFY2(verdict.message.contains(u"127.0.0.1:%1 (connection refused)"_s.arg(port)),
                 qPrintable(verdict.message));
    }

    void unknownHost()
    {
        ProviderSetting provider = providerFor(ProviderSetting::Kind::Anthropic);
        provider.baseUrl = QUrl(u"http://no-such-provider.invalid"_s);
        const ProviderVerdict verdict = check(provider);
        QCOMPARE(verdict.outcome, Outcome::HostNotFound);
        QVERIFY2(verdict.message.contains(u"'no-such-provider.invalid' could not be found (DNS)"_s),
                 qPrintable(verdict.message));
    }

    void httpsToAPlainServer()
    {
        // A plain HTTP server, as local ones are, answers a TLS hello with a 400.
        QTcpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost));
        connect(&plain, &QTcpServer::newConnection, this, [&plain] {
            while (QTcpSocket *socket = plain.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write(
                        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        ProviderSetting provider = providerFor(ProviderSetting::Kind::OpenAiCompatible);
        provider.baseUrl = QUrl(u"https://127.0.0.1:%1/v1"_s.arg(plain.serverPort()));
        const ProviderVerdict verdict = check(provider);
        QCOMPARE(verdict.outcome, Outcome::Tls);
        QVERIFY2(verdict.message.contains(u"write http:// in the base URL"_s), qPrintable(verdict.message));
    }
};

QTEST_GUILESS_MAIN(TestProviderCheck)
#include "tst_providercheck.moc"
