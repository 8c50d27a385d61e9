// SPDX-License-Identifier: GPL-3.0-or-later
// The pieces under the LLM client: SSE framing, retry timing, provider
// defaults, tool-call argument parsing and prices.
#include "agents/llm/dialectcodec.h"
#include "agents/llm/pricetable.h"
#include "agents/llm/providerconfig.h"
#include "agents/llm/retrypolicy.h"
#include "agents/llm/sseparser.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace delegate::llm;
using namespace std::chrono;

class TestLlmWire final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sseSurvivesAnySplit_data()
    {
        QTest::addColumn<int>("splitEvery");
        for (int split : { 1, 2, 3, 5, 7, 13, 1000 })
            QTest::addRow("every %d bytes", split) << split;
    }
    void sseSurvivesAnySplit()
    {
        QFETCH(int, splitEvery);
        const QByteArray stream = ": keep-alive\r\n\r\n"
                                  "event: message_start\r\ndata: {\"a\":1}\r\n\r\n"
                                  "data: first line\ndata: second line\n\n"
                                  "data:no-space\n\n"
                                  "data: [DONE]\n\n";
        SseParser parser;
        QList<SseEvent> events;
        for (qsizetype i = 0; i < stream.size(); i += splitEvery)
            events += parser.feed(stream.mid(i, splitEvery));
        QCOMPARE(events.size(), 4);
        QCOMPARE(events.at(0).event, QByteArray("message_start"));
        QCOMPARE(events.at(0).data, QByteArray("{\"a\":1}"));
        QCOMPARE(events.at(1).data, QByteArray("first line\nsecond line"));
        QCOMPARE(events.at(2).data, QByteArray("no-space"));
        QCOMPARE(events.at(3).data, QByteArray("[DONE]"));
        QVERIFY(!parser.hasPartialEvent());
    }

    void ssePartialEventIsKept()
    {
        SseParser parser;
        QVERIFY(parser.feed("data: {\"half\":").isEmpty());
        QVERIFY(parser.hasPartialEvent());
        const QList<SseEvent> events = parser.feed(" true}\n\n");
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0).data, QByteArray("{\"half\": true}"));
    }

    void retryAfterHeaders_data()
    {
        QTest::addColumn<QByteArray>("retryAfterMs");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<qint64>("expectedMs"); // -1: no hint
        QTest::addRow("milliseconds win") << QByteArray("1500") << QByteArray("9") << qint64(1500);
        QTest::addRow("fractional ms") << QByteArray("12.2") << QByteArray() << qint64(13);
        QTest::addRow("seconds") << QByteArray() << QByteArray("3") << qint64(3000);
        QTest::addRow("http date") << QByteArray() << QByteArray("Wed, 25 Nov 2026 12:00:10 GMT")
                                   << qint64(10000);
        QTest::addRow("date in the past")
            << QByteArray() << QByteArray("Wed, 25 Nov 2026 11:00:00 GMT") << qint64(0);
        QTest::addRow("garbage") << QByteArray() << QByteArray("soon") << qint64(-1);
        QTest::addRow("none") << QByteArray() << QByteArray() << qint64(-1);
    }
    void retryAfterHeaders()
    {
        QFETCH(QByteArray, retryAfterMs);
        QFETCH(QByteArray, retryAfter);
        QFETCH(qint64, expectedMs);
        const QDateTime now(QDate(2026, 11, 25), QTime(12, 0, 0), QTimeZone::utc());
        const auto hint = parseRetryAfter(retryAfterMs, retryAfter, now);
        if (expectedMs < 0) {
            QVERIFY(!hint);
        } else {
            QVERIFY(hint);
            QCOMPARE(hint->count(), expectedMs);
        }
    }

    void backoffGrowsAndIsCapped()
    {
        RetryPolicy policy;
        policy.initialBackoff = milliseconds { 100 };
        policy.maxBackoff = milliseconds { 1000 };
        policy.jitter = 0.25;
        for (int attempt = 1; attempt <= 8; ++attempt) {
            const double base = std::min(100.0 * std::pow(2.0, attempt - 1), 1000.0);
            const qint64 delay = policy.delayFor(attempt, std::nullopt).count();
            QVERIFY2(delay >= qint64(base * 0.75) && delay <= qint64(base * 1.25) + 1,
                     qPrintable(u"attempt %1 waited %2 ms"_s.arg(attempt).arg(delay)));
        }
        QCOMPARE(policy.delayFor(1, milliseconds { 250 }).count(), 250);
        QCOMPARE(policy.delayFor(1, milliseconds { 60000 }).count(), 1000); // a hint is capped too
    }

    void providerDefaultsFromEnvironment()
    {
        QProcessEnvironment environment;
        ProviderConfig openAi = ProviderConfig::fromEnvironment(Dialect::OpenAiChat, environment);
        QCOMPARE(openAi.endpoint().toString(), u"https://api.openai.com/v1/chat/completions"_s);
        environment.insert(u"OPENAI_BASE_URL"_s, u"http://localhost:11434/v1/"_s);
        environment.insert(u"OPENAI_API_KEY"_s, u"sk-local"_s);
        openAi = ProviderConfig::fromEnvironment(Dialect::OpenAiChat, environment);
        QCOMPARE(openAi.endpoint().toString(), u"http://localhost:11434/v1/chat/completions"_s);
        QCOMPARE(openAi.apiKey, u"sk-local"_s);

        environment.insert(u"ANTHROPIC_BASE_URL"_s, u"http://127.0.0.1:9000"_s);
        environment.insert(u"ANTHROPIC_API_KEY"_s, u"sk-ant"_s);
        const ProviderConfig anthropic =
            ProviderConfig::fromEnvironment(Dialect::AnthropicMessages, environment);
        QCOMPARE(anthropic.endpoint().toString(), u"http://127.0.0.1:9000/v1/messages"_s);
        QCOMPARE(anthropic.apiKey, u"sk-ant"_s);
    }

    void toolArguments_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<bool>("valid");
        QTest::addRow("object") << u"{\"path\":\"a\"}"_s << true;
        QTest::addRow("empty means no arguments") << QString() << true;
        QTest::addRow("truncated") << u"{\"path\":"_s << false;
        QTest::addRow("array") << u"[1,2]"_s << false;
        QTest::addRow("string") << u"\"a\""_s << false;
    }
    void toolArguments()
    {
        QFETCH(QString, raw);
        QFETCH(bool, valid);
        const ToolCall call = makeToolCall(u"id"_s, u"read_file"_s, raw);
        QCOMPARE(call.argumentsValid, valid);
        QCOMPARE(call.rawArguments, raw);
    }

    void prices()
    {
        QString error;
        const PriceTable table = PriceTable::fromJson(
            QJsonObject {
                { u"gpt-4o"_s, QJsonObject { { u"input_per_mtok"_s, 2.5 }, { u"output_per_mtok"_s, 10.0 } } },
                { u"llama*"_s, QJsonObject { { u"input_per_mtok"_s, 0.0 }, { u"output_per_mtok"_s, 0.0 } } },
                { u"llama3-70b*"_s,
                  QJsonObject { { u"input_per_mtok"_s, 0.5 }, { u"output_per_mtok"_s, 0.5 } } },
                { u"broken"_s, QJsonObject { { u"input_per_mtok"_s, u"cheap"_s } } } },
            &error);
        QVERIFY(error.contains(u"broken"_s));
        QCOMPARE(*table.costUsd(u"gpt-4o"_s, { 1'000'000, 100'000 }), 3.5);
        QCOMPARE(*table.costUsd(u"llama3-8b"_s, { 5000, 5000 }), 0.0);
        QCOMPARE(*table.costUsd(u"llama3-70b-instruct"_s, { 2'000'000, 0 }), 1.0); // longest prefix wins
        QVERIFY(!table.costUsd(u"unknown-model"_s, { 1, 1 })); // unknown, not free
        QVERIFY(!table.priceFor(u"broken"_s));
    }
};

QTEST_GUILESS_MAIN(TestLlmWire)
#include "tst_llmwire.moc"
