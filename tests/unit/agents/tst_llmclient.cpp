// SPDX-License-Identifier: GPL-3.0-or-later
// The LLM client against the scripted provider, in both dialects, streamed
// and whole, with the faults real providers show.
#include "agents/llm/llmclient.h"
#include "scriptedllmserver.h"

#include <QCoro/QCoroTask>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate::llm;
using delegate::fixtures::ScriptedLlmServer;

class TestLlmClient final : public QObject
{
    Q_OBJECT

private:
    ScriptedLlmServer *m_server = nullptr;

    ProviderConfig configFor(Dialect dialect) const
    {
        ProviderConfig config;
        config.name = u"scripted"_s;
        config.dialect = dialect;
        config.baseUrl = QUrl(dialect == Dialect::AnthropicMessages ? m_server->anthropicBaseUrl()
                                                                    : m_server->openAiBaseUrl());
        config.apiKey = u"test-key"_s;
        config.retry.initialBackoff = std::chrono::milliseconds { 10 };
        config.retry.maxBackoff = std::chrono::milliseconds { 200 };
        config.idleTimeout = std::chrono::seconds { 10 };
        return config;
    }

    static CompletionRequest requestWith(bool stream)
    {
        CompletionRequest request;
        request.model = u"test-model"_s;
        request.system = u"You are a careful engineer."_s;
        request.messages = { ChatMessage::user(u"Make the failing test pass."_s) };
        request.tools = {
            { u"read_file"_s, u"Read a file"_s,
              QJsonObject { { u"type"_s, u"object"_s },
                            { u"properties"_s,
                              QJsonObject { { u"path"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } } }
        };
        request.stream = stream;
        return request;
    }

    static void addDialectRows()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<bool>("stream");
        QTest::addRow("openai streamed") << Dialect::OpenAiChat << true;
        QTest::addRow("openai whole") << Dialect::OpenAiChat << false;
        QTest::addRow("anthropic streamed") << Dialect::AnthropicMessages << true;
        QTest::addRow("anthropic whole") << Dialect::AnthropicMessages << false;
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

    void textAndToolCalls_data() { addDialectRows(); }
    void textAndToolCalls()
    {
        QFETCH(Dialect, dialect);
        QFETCH(bool, stream);
        m_server->setScript(QJsonArray { QJsonObject {
            { u"text"_s, u"I will read the test first, then the code under test."_s },
            { u"tool_calls"_s,
              QJsonArray {
                  QJsonObject { { u"name"_s, u"read_file"_s },
                                { u"arguments"_s, QJsonObject { { u"path"_s, u"tests/test_sum.py"_s } } } },
                  QJsonObject { { u"name"_s, u"read_file"_s },
                                { u"arguments"_s, QJsonObject { { u"path"_s, u"sum.py"_s } } } } } },
            { u"usage"_s, QJsonObject { { u"input"_s, 321 }, { u"output"_s, 45 } } },
        } });
        LlmClient client(configFor(dialect));
        QString streamedText;
        QStringList startedTools;
        const CompletionResult result =
            QCoro::waitFor(client.complete(requestWith(stream), [&](const StreamDelta &delta) {
                if (delta.kind == StreamDelta::Kind::Text)
                    streamedText += delta.text;
                else if (delta.kind == StreamDelta::Kind::ToolCallStarted)
                    startedTools.append(delta.text);
            }));
        QVERIFY2(result.ok(), qPrintable(result.error ? result.error->message : QString()));
        const Completion &completion = *result.completion;
        QCOMPARE(completion.message.text, u"I will read the test first, then the code under test."_s);
        QCOMPARE(completion.message.toolCalls.size(), 2);
        QCOMPARE(completion.message.toolCalls.at(0).name, u"read_file"_s);
        QCOMPARE(completion.message.toolCalls.at(0).arguments.value("path"_L1).toString(),
                 u"tests/test_sum.py"_s);
        QCOMPARE(completion.message.toolCalls.at(1).arguments.value("path"_L1).toString(), u"sum.py"_s);
        QVERIFY(completion.message.toolCalls.at(0).argumentsValid);
        QVERIFY(!completion.message.toolCalls.at(0).id.isEmpty());
        QCOMPARE(completion.stopReason, StopReason::ToolUse);
        QCOMPARE(completion.usage.inputTokens, 321);
        QCOMPARE(completion.usage.outputTokens, 45);
        QCOMPARE(result.attempts, 1);
        if (stream) {
            QCOMPARE(streamedText, completion.message.text);
            QCOMPARE(startedTools, (QStringList { u"read_file"_s, u"read_file"_s }));
        }

        // What went over the wire follows the dialect.
        QCOMPARE(m_server->requests().size(), 1);
        const auto &request = m_server->requests().constFirst();
        if (dialect == Dialect::AnthropicMessages) {
            QCOMPARE(request.header("x-api-key"), QByteArray("test-key"));
            QCOMPARE(request.header("anthropic-version"), QByteArray("2023-06-01"));
            QCOMPARE(request.body.value("system"_L1).toString(), u"You are a careful engineer."_s);
            QVERIFY(request.body.value("tools"_L1).toArray().at(0).toObject().contains("input_schema"_L1));
        } else {
            QCOMPARE(request.header("Authorization"), QByteArray("Bearer test-key"));
            QCOMPARE(request.body.value("messages"_L1).toArray().at(0).toObject().value("role"_L1).toString(),
                     u"system"_s);
            QCOMPARE(request.body.value("tools"_L1).toArray().at(0).toObject().value("type"_L1).toString(),
                     u"function"_s);
        }
        QCOMPARE(request.body.value("stream"_L1).toBool(), stream);
    }

    void conversationWithToolResultsIsEncoded_data() { addDialectRows(); }
    void conversationWithToolResultsIsEncoded()
    {
        QFETCH(Dialect, dialect);
        QFETCH(bool, stream);
        m_server->setScript(QJsonArray { QJsonObject { { u"text"_s, u"Done."_s } } });
        CompletionRequest request = requestWith(stream);
        ToolCall call;
        call.id = u"call_7"_s;
        call.name = u"read_file"_s;
        call.rawArguments = u"{\"path\":\"a.txt\"}"_s;
        call.arguments = QJsonObject { { u"path"_s, u"a.txt"_s } };
        request.messages.append(ChatMessage::assistant(u"Reading."_s, { call }));
        request.messages.append(ChatMessage::toolResult(call, u"hello"_s));
        LlmClient client(configFor(dialect));
        const CompletionResult result = QCoro::waitFor(client.complete(request));
        QVERIFY(result.ok());
        QCOMPARE(result.completion->stopReason, StopReason::EndTurn);

        const QJsonArray messages = m_server->requests().constFirst().body.value("messages"_L1).toArray();
        const QJsonObject last = messages.last().toObject();
        if (dialect == Dialect::AnthropicMessages) {
            QCOMPARE(messages.size(), 3); // user, assistant, user(tool_result)
            QCOMPARE(last.value("role"_L1).toString(), u"user"_s);
            const QJsonObject block = last.value("content"_L1).toArray().at(0).toObject();
            QCOMPARE(block.value("type"_L1).toString(), u"tool_result"_s);
            QCOMPARE(block.value("tool_use_id"_L1).toString(), u"call_7"_s);
        } else {
            QCOMPARE(messages.size(), 4); // system, user, assistant, tool
            QCOMPARE(last.value("role"_L1).toString(), u"tool"_s);
            QCOMPARE(last.value("tool_call_id"_L1).toString(), u"call_7"_s);
        }
    }

    void retriesHonourRetryAfter_data() { addDialectRows(); }
    void retriesHonourRetryAfter()
    {
        QFETCH(Dialect, dialect);
        QFETCH(bool, stream);
        m_server->setScript(QJsonArray {
            QJsonObject { { u"status"_s, 429 }, { u"retry_after_ms"_s, 30 } },
            QJsonObject { { u"status"_s, 503 } },
            QJsonObject { { u"text"_s, u"Recovered."_s } },
        });
        LlmClient client(configFor(dialect));
        QSignalSpy retries(&client, &LlmClient::retrying);
        const CompletionResult result = QCoro::waitFor(client.complete(requestWith(stream)));
        QVERIFY(result.ok());
        QCOMPARE(result.completion->message.text, u"Recovered."_s);
        QCOMPARE(result.attempts, 3);
        QCOMPARE(retries.size(), 2);
        QCOMPARE(retries.at(0).at(1).toLongLong(), 30); // the server's hint, not the backoff
    }

    void streamCutMidwayIsRetriedAndRestarted_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addRow("openai") << Dialect::OpenAiChat;
        QTest::addRow("anthropic") << Dialect::AnthropicMessages;
    }
    void streamCutMidwayIsRetriedAndRestarted()
    {
        QFETCH(Dialect, dialect);
        const QString text = u"A long answer that will be cut off part way through."_s;
        m_server->setScript(QJsonArray { QJsonObject { { u"text"_s, text }, { u"cut_after"_s, 4 } },
                                         QJsonObject { { u"text"_s, text } } });
        LlmClient client(configFor(dialect));
        QString shown;
        int restarts = 0;
        const CompletionResult result =
            QCoro::waitFor(client.complete(requestWith(true), [&](const StreamDelta &delta) {
                if (delta.kind == StreamDelta::Kind::Restart) {
                    shown.clear();
                    ++restarts;
                } else if (delta.kind == StreamDelta::Kind::Text) {
                    shown += delta.text;
                }
            }));
        QVERIFY(result.ok());
        QCOMPARE(result.attempts, 2);
        QCOMPARE(restarts, 1);
        QCOMPARE(shown, text);
    }

    void invalidToolJsonIsFlaggedNotFatal_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addRow("openai") << Dialect::OpenAiChat;
        QTest::addRow("anthropic") << Dialect::AnthropicMessages;
    }
    void invalidToolJsonIsFlaggedNotFatal()
    {
        QFETCH(Dialect, dialect);
        m_server->setScript(QJsonArray { QJsonObject {
            { u"tool_calls"_s,
              QJsonArray { QJsonObject { { u"name"_s, u"read_file"_s },
                                         { u"raw_arguments"_s, u"{\"path\": \"a.txt"_s } } } } } });
        LlmClient client(configFor(dialect));
        const CompletionResult result = QCoro::waitFor(client.complete(requestWith(true)));
        QVERIFY(result.ok());
        const ToolCall call = result.completion->message.toolCalls.value(0);
        QCOMPARE(call.name, u"read_file"_s);
        QVERIFY(!call.argumentsValid);
        QCOMPARE(call.rawArguments, u"{\"path\": \"a.txt"_s);
    }

    void clientErrorsAreExplainedAndNotRetried_data()
    {
        QTest::addColumn<Dialect>("dialect");
        QTest::addColumn<int>("status");
        QTest::addColumn<LlmError::Kind>("kind");
        QTest::addColumn<QString>("advice");
        for (Dialect dialect : { Dialect::OpenAiChat, Dialect::AnthropicMessages }) {
            const char *name = dialect == Dialect::OpenAiChat ? "openai" : "anthropic";
            QTest::addRow("%s 400", name) << dialect << 400 << LlmError::Kind::BadRequest << u"model name"_s;
            QTest::addRow("%s 401", name) << dialect << 401 << LlmError::Kind::Unauthorized << u"API key"_s;
            QTest::addRow("%s 403", name) << dialect << 403 << LlmError::Kind::Forbidden << u"permissions"_s;
            QTest::addRow("%s 404", name) << dialect << 404 << LlmError::Kind::NotFound << u"base URL"_s;
        }
    }
    void clientErrorsAreExplainedAndNotRetried()
    {
        QFETCH(Dialect, dialect);
        QFETCH(int, status);
        QFETCH(LlmError::Kind, kind);
        QFETCH(QString, advice);
        m_server->setScript(
            QJsonArray { QJsonObject { { u"status"_s, status }, { u"message"_s, u"scripted refusal"_s } },
                         QJsonObject { { u"text"_s, u"never reached"_s } } });
        LlmClient client(configFor(dialect));
        const CompletionResult result = QCoro::waitFor(client.complete(requestWith(true)));
        QVERIFY(!result.ok());
        QCOMPARE(result.error->kind, kind);
        QCOMPARE(result.error->httpStatus, status);
        QCOMPARE(result.attempts, 1);
        QVERIFY2(result.error->message.contains(advice), qPrintable(result.error->message));
        QVERIFY2(result.error->message.contains(u"scripted refusal"_s), qPrintable(result.error->message));
        QCOMPARE(m_server->remainingTurns(), 1);
    }

    void quietStreamTimesOut()
    {
        m_server->setScript(
            QJsonArray { QJsonObject { { u"text"_s, u"slow"_s }, { u"chunk_delay_ms"_s, 2000 } } });
        ProviderConfig config = configFor(Dialect::OpenAiChat);
        config.idleTimeout = std::chrono::milliseconds { 200 };
        config.retry.maxAttempts = 1;
        LlmClient client(config);
        const CompletionResult result = QCoro::waitFor(client.complete(requestWith(true)));
        QVERIFY(!result.ok());
        QCOMPARE(result.error->kind, LlmError::Kind::Timeout);
    }

    void unreachableServerIsANetworkError()
    {
        ProviderConfig config = configFor(Dialect::OpenAiChat);
        const quint16 port = m_server->port();
        delete m_server; // nothing listens on that port any more
        m_server = nullptr;
        config.baseUrl = QUrl(u"http://127.0.0.1:%1/v1"_s.arg(port));
        config.retry.maxAttempts = 2;
        LlmClient client(config);
        const CompletionResult result = QCoro::waitFor(client.complete(requestWith(true)));
        QVERIFY(!result.ok());
        QCOMPARE(result.error->kind, LlmError::Kind::Network);
        QCOMPARE(result.attempts, 2);
        QVERIFY(result.error->message.contains(u"base URL"_s));
    }
};

QTEST_GUILESS_MAIN(TestLlmClient)
#include "tst_llmclient.moc"
