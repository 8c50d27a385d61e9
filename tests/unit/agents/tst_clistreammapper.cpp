// SPDX-License-Identifier: GPL-3.0-or-later
// Recorded streams of the three CLI agents, mapped onto Delegate's events.
#include "agents/cli/clistreammapper.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

Q_DECLARE_METATYPE(delegate::CliStreamMapper::Runtime)

class TestCliStreamMapper final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordedStreams_data()
    {
        QTest::addColumn<CliStreamMapper::Runtime>("runtime");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("sessionId");
        QTest::addColumn<int>("toolCalls");
        QTest::addColumn<int>("toolErrors");
        QTest::addColumn<int>("malformed");
        QTest::addColumn<int>("raw");
        QTest::addColumn<qint64>("inputTokens");
        QTest::addColumn<qint64>("outputTokens");
        QTest::addColumn<QString>("finalMessageStart");
        QTest::addRow("claude code") << CliStreamMapper::Runtime::ClaudeCode << u"claude-code.jsonl"_s
                                     << u"5f0c2a4e-1d7b-4f4e-9a51-7f2b1c9d3e10"_s << 2 << 1 << 1 << 1
                                     << qint64(2000) << qint64(310) << u"Fixed `add`"_s;
        QTest::addRow("codex") << CliStreamMapper::Runtime::Codex << u"codex.jsonl"_s
                               << u"0199a213-81c0-7800-8aa1-bbab2a035a53"_s << 1 << 1 << 1 << 1
                               << qint64(2400) << qint64(180) << u"Fixed `add`"_s;
        QTest::addRow("gemini") << CliStreamMapper::Runtime::Gemini << u"gemini.jsonl"_s << u"c1e2f3a4"_s << 2
                                << 1 << 1 << 1 << qint64(1900) << qint64(200) << u"Running the test first."_s;
    }
    void recordedStreams()
    {
        QFETCH(CliStreamMapper::Runtime, runtime);
        QFETCH(QString, file);
        QFETCH(QString, sessionId);
        QFETCH(int, toolCalls);
        QFETCH(int, toolErrors);
        QFETCH(int, malformed);
        QFETCH(int, raw);
        QFETCH(qint64, inputTokens);
        QFETCH(qint64, outputTokens);
        QFETCH(QString, finalMessageStart);

        QFile stream(QStringLiteral(DELEGATE_SOURCE_DIR "/tests/fixtures/cli-agents/streams/") + file);
        QVERIFY(stream.open(QIODevice::ReadOnly));
        const auto mapper = CliStreamMapper::create(runtime);
        AgentEvents events;
        while (!stream.atEnd())
            events += mapper->mapLine(stream.readLine());

        auto count = [&](QLatin1StringView kind, auto predicate) {
            return int(std::count_if(events.cbegin(), events.cend(), [&](const AgentEvent &event) {
                return event.kind == kind && predicate(event);
            }));
        };
        auto any = [](const AgentEvent &) {
            return true;
        };
        QCOMPARE(events.constFirst().kind, agentevents::started);
        QCOMPARE(mapper->sessionId(), sessionId);
        QCOMPARE(count(agentevents::toolCall, any), toolCalls);
        QCOMPARE(count(agentevents::toolResult,
                       [](const AgentEvent &event) { return event.payload.value("is_error"_L1).toBool(); }),
                 toolErrors);
        QCOMPARE(count(agentevents::malformed, any), malformed);
        QCOMPARE(count(agentevents::raw, any), raw);
        QCOMPARE(events.constLast().kind, agentevents::finished);
        // Every tool result names the tool it answers.
        QCOMPARE(count(agentevents::toolResult,
                       [](const AgentEvent &event) {
                           return event.payload.value("name"_L1).toString().isEmpty();
                       }),
                 0);

        QVERIFY(mapper->outcome());
        const CliAgentOutcome &outcome = *mapper->outcome();
        QVERIFY(outcome.success);
        QCOMPARE(outcome.inputTokens, inputTokens);
        QCOMPARE(outcome.outputTokens, outputTokens);
        QVERIFY2(outcome.finalMessage.startsWith(finalMessageStart), qPrintable(outcome.finalMessage));
        QCOMPARE(outcome.sessionId, sessionId);
    }

    void failuresCarryTheReason_data()
    {
        QTest::addColumn<CliStreamMapper::Runtime>("runtime");
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reason");
        QTest::addRow("claude max turns")
            << CliStreamMapper::Runtime::ClaudeCode
            << QByteArray(R"({"type":"result","subtype":"error_max_turns","is_error":true,"usage":{}})")
            << u"error_max_turns"_s;
        QTest::addRow("codex turn failed")
            << CliStreamMapper::Runtime::Codex
            << QByteArray(R"({"type":"turn.failed","error":{"message":"stream disconnected"}})")
            << u"stream disconnected"_s;
        QTest::addRow("gemini error result")
            << CliStreamMapper::Runtime::Gemini
            << QByteArray(
                   R"({"type":"result","status":"error","error":{"type":"FatalTurnLimitedError","message":"turn limit"},"stats":{}})")
            << u"turn limit"_s;
    }
    void failuresCarryTheReason()
    {
        QFETCH(CliStreamMapper::Runtime, runtime);
        QFETCH(QByteArray, line);
        QFETCH(QString, reason);
        const auto mapper = CliStreamMapper::create(runtime);
        const AgentEvents events = mapper->mapLine(line);
        QVERIFY(mapper->outcome());
        QVERIFY(!mapper->outcome()->success);
        QCOMPARE(mapper->outcome()->reason, reason);
        QCOMPARE(events.constLast().kind, agentevents::finished);
        QCOMPARE(events.constLast().payload.value("status"_L1).toString(), u"error"_s);
    }

    void blankLinesAreIgnored()
    {
        const auto mapper = CliStreamMapper::create(CliStreamMapper::Runtime::Codex);
        QVERIFY(mapper->mapLine("   \n").isEmpty());
        QVERIFY(!mapper->outcome());
    }
};

QTEST_GUILESS_MAIN(TestCliStreamMapper)
#include "tst_clistreammapper.moc"
