// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/canonicaljson.h"
#include "domain/event.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTest>

using namespace delegate;
using namespace Qt::StringLiterals;

namespace {

// Computed outside Delegate, with Python's json.dumps(event, sort_keys=True,
// separators=(",", ":"), ensure_ascii=False) and hashlib.sha256: the chain
// can be recomputed by anyone who follows docs/store.md.
const QByteArray firstCanonical =
    "{\"actor\":\"agent\",\"kind\":\"tool.call\",\"payload\":{\"a\":\"\xc3\xbc\\n\\\"q\\\"\",\"b\":1,"
    "\"c\":[1.5,true,null],\"\xc3\xa9\":{\"y\":-2,\"z\":0}},\"prev_hash\":"
    "\"0000000000000000000000000000000000000000000000000000000000000000\",\"run_id\":\"run-1\","
    "\"sequence\":1,\"time\":\"2024-05-01T12:00:00.123Z\"}";
const QString firstHash = u"ab4b2f185b19052f6ce0a68d5952a191c98e2e41f7e4a576e02fd79444cedaa4"_s;
const QString secondHash = u"9d62fbf686ad291c1dfae97c1b45d1fb0474dd463beea47de64e1cdd8af2bf22"_s;

Event firstEvent()
{
    Event event;
    event.sequence = 1;
    event.runId = u"run-1"_s;
    event.time = QDateTime::fromMSecsSinceEpoch(1714564800123, Qt::UTC);
    event.actor = u"agent"_s;
    event.kind = u"tool.call"_s;
    event.payload = QJsonObject { { u"b"_s, 1 },
                                  { u"a"_s, u"\u00fc\n\"q\""_s },
                                  { u"c"_s, QJsonArray { 1.5, true, QJsonValue::Null } },
                                  { u"\u00e9"_s, QJsonObject { { u"z"_s, 0 }, { u"y"_s, -2 } } } };
    event.prevHash = Event::genesisHash();
    event.hash = firstHash;
    return event;
}

Event secondEvent()
{
    Event event;
    event.sequence = 2;
    event.time = QDateTime::fromMSecsSinceEpoch(1714564800123, Qt::UTC);
    event.actor = u"user:alice"_s;
    event.kind = u"run.state_changed"_s;
    event.prevHash = firstHash;
    event.hash = secondHash;
    return event;
}

} // namespace

class TestEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonicalJsonMatchesIndependentComputation();
    void hashChainLinksEvents();
    void anyChangeChangesTheHash_data();
    void anyChangeChangesTheHash();
    void jsonRoundTrip();
    void fromJsonReportsEveryProblem();
    void actors_data();
    void actors();
    void formatTime_data();
    void formatTime();
    void formatTimeAgreesWithQDateTime();
    void chainHashAgreesWithQCryptographicHash();
    void piecewiseHashAgreesWithWholeText_data();
    void piecewiseHashAgreesWithWholeText();
};

void TestEvent::canonicalJsonMatchesIndependentComputation()
{
    QCOMPARE(firstEvent().canonicalJson(), firstCanonical);
    QCOMPARE(firstEvent().computeHash(), firstHash);
}

void TestEvent::hashChainLinksEvents()
{
    const Event first = firstEvent();
    const Event second = secondEvent();
    QCOMPARE(first.prevHash, QString(64, u'0'));
    QCOMPARE(second.prevHash, first.hash);
    QCOMPARE(second.computeHash(), secondHash);
    QVERIFY(second.canonicalJson().contains("\"run_id\":null"));
}

void TestEvent::anyChangeChangesTheHash_data()
{
    QTest::addColumn<QString>("field");
    QTest::addRow("sequence") << u"sequence"_s;
    QTest::addRow("run") << u"run"_s;
    QTest::addRow("time") << u"time"_s;
    QTest::addRow("actor") << u"actor"_s;
    QTest::addRow("kind") << u"kind"_s;
    QTest::addRow("payload") << u"payload"_s;
    QTest::addRow("prev_hash") << u"prev_hash"_s;
}

void TestEvent::anyChangeChangesTheHash()
{
    QFETCH(QString, field);
    Event event = firstEvent();
    if (field == u"sequence")
        event.sequence = 2;
    else if (field == u"run")
        event.runId = u"run-2"_s;
    else if (field == u"time")
        event.time = event.time.addMSecs(1);
    else if (field == u"actor")
        event.actor = u"system"_s;
    else if (field == u"kind")
        event.kind = u"tool.result"_s;
    else if (field == u"payload")
        event.payload.insert(u"b"_s, 2);
    else
        event.prevHash = secondHash;
    QVERIFY(event.computeHash() != firstHash);
}

void TestEvent::jsonRoundTrip()
{
    for (const Event &event : { firstEvent(), secondEvent() }) {
        const QJsonObject json = event.toJson();
        QCOMPARE(json.value("time"_L1).toString(), u"2024-05-01T12:00:00.123Z"_s);
        FieldErrors errors;
        const std::optional<Event> back = Event::fromJson(json, &errors);
        QVERIFY2(back, qPrintable(errors.isEmpty() ? QString() : errors.first().message));
        QCOMPARE(*back, event);
        QCOMPARE(back->computeHash(), event.hash);
    }
    // run_id null and missing both mean an engine-wide event.
    QJsonObject json = secondEvent().toJson();
    QVERIFY(json.value("run_id"_L1).isNull());
    json.remove("run_id"_L1);
    QCOMPARE(Event::fromJson(json)->runId, QString());
}

void TestEvent::fromJsonReportsEveryProblem()
{
    QJsonObject json = firstEvent().toJson();
    json.insert("actor"_L1, u"robot"_s);
    json.insert("hash"_L1, u"ABC"_s);
    json.remove("payload"_L1);
    json.insert("time"_L1, u"yesterday"_s);
    FieldErrors errors;
    QVERIFY(!Event::fromJson(json, &errors));
    QStringList paths;
    for (const FieldError &error : errors)
        paths.append(error.path);
    paths.sort();
    QCOMPARE(paths, (QStringList { u"actor"_s, u"hash"_s, u"payload"_s, u"time"_s }));
}

void TestEvent::actors_data()
{
    QTest::addColumn<QString>("actor");
    QTest::addColumn<bool>("valid");
    QTest::addRow("agent") << u"agent"_s << true;
    QTest::addRow("system") << u"system"_s << true;
    QTest::addRow("user") << u"user:alice"_s << true;
    QTest::addRow("user with unicode") << u"user:j\u00fcrgen"_s << true;
    QTest::addRow("user without name") << u"user:"_s << false;
    QTest::addRow("user with space") << u"user:a b"_s << false;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("other") << u"Agent"_s << false;
}

void TestEvent::actors()
{
    QFETCH(QString, actor);
    QFETCH(bool, valid);
    QCOMPARE(Event::isValidActor(actor), valid);
}

void TestEvent::formatTime_data()
{
    QTest::addColumn<qint64>("msecs");
    QTest::addColumn<QString>("text");
    QTest::addRow("epoch") << qint64(0) << u"1970-01-01T00:00:00.000Z"_s;
    QTest::addRow("before epoch") << qint64(-1) << u"1969-12-31T23:59:59.999Z"_s;
    QTest::addRow("2024") << qint64(1714564800123) << u"2024-05-01T12:00:00.123Z"_s;
    QTest::addRow("leap day") << qint64(1709164799999) << u"2024-02-28T23:59:59.999Z"_s;
    QTest::addRow("leap day itself") << qint64(1709164800000) << u"2024-02-29T00:00:00.000Z"_s;
    QTest::addRow("year 2000") << qint64(951782400000) << u"2000-02-29T00:00:00.000Z"_s;
    QTest::addRow("year 9999") << qint64(253402300799999) << u"9999-12-31T23:59:59.999Z"_s;
}

void TestEvent::formatTime()
{
    QFETCH(qint64, msecs);
    QFETCH(QString, text);
    QCOMPARE(Event::formatTime(msecs), text);
}

void TestEvent::formatTimeAgreesWithQDateTime()
{
    QRandomGenerator random(7);
    for (int i = 0; i < 10'000; ++i) {
        const qint64 msecs = qint64(random.bounded(253402300799999.0)) - (i % 2 ? 0 : 62135596800000);
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
        QCOMPARE(Event::formatTime(msecs), time.toString(Qt::ISODateWithMs));
    }
}

void TestEvent::chainHashAgreesWithQCryptographicHash()
{
    // The hash has a fast path for CPUs with SHA instructions; it must give
    // the standard SHA-256 for every length, across block boundaries.
    QRandomGenerator random(11);
    for (int length = 0; length <= 600; ++length) {
        QByteArray data(length, Qt::Uninitialized);
        for (char &c : data)
            c = char(random.bounded(256));
        for (int split : { 0, length / 3, length }) {
            const QByteArray expected = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
            QCOMPARE(Event::chainHash(QByteArrayView(data).first(split), QByteArrayView(data).sliced(split)),
                     expected);
        }
    }
    QByteArray large(1 << 20, 'x');
    const QByteArray whole = large + QByteArray("tail");
    QCOMPARE(Event::chainHash(large, "tail"),
             QCryptographicHash::hash(whole, QCryptographicHash::Sha256).toHex());
    QCOMPARE(Event::chainHash({}, {}),
             QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestEvent::piecewiseHashAgreesWithWholeText_data()
{
    QTest::addColumn<Event>("event");
    QTest::addRow("with run") << firstEvent();
    QTest::addRow("engine-wide") << secondEvent();
    Event escaped = firstEvent();
    escaped.runId = u"run \"quoted\" \u00e9"_s;
    escaped.kind = u"k\\ind"_s;
    escaped.sequence = 9'007'199'254'740'993;
    escaped.time = QDateTime::fromMSecsSinceEpoch(-1, Qt::UTC);
    QTest::addRow("escapes, big sequence, old time") << escaped;
}

void TestEvent::piecewiseHashAgreesWithWholeText()
{
    // The store's writer hashes an event in pieces prepared on another
    // thread; the result must be the hash of the whole canonical text.
    QFETCH(Event, event);
    const QByteArray runId = event.runId.toUtf8();
    const QByteArray payload = CanonicalJson::serialize(event.payload);
    QByteArray head;
    const qsizetype payloadStart =
        Event::appendCanonicalHead(head, event.actor.toUtf8(), event.kind.toUtf8(), payload);
    QCOMPARE(head.mid(payloadStart, payload.size()), payload);
    QByteArray run;
    Event::appendCanonicalRun(run, runId);
    char hash[64];
    Event::chainHash(event.prevHash.toLatin1(), head, run, event.sequence, event.time.toMSecsSinceEpoch(),
                     hash);
    QCOMPARE(QByteArray(hash, 64), event.computeHash().toLatin1());
    QCOMPARE(head + event.prevHash.toLatin1() + run,
             event.canonicalJson().left(head.size() + 64 + run.size()));
}

QTEST_GUILESS_MAIN(TestEvent)
#include "tst_event.moc"
