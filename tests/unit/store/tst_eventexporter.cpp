// SPDX-License-Identifier: GPL-3.0-or-later
#include "storetestsupport.h"

#include "store/eventexporter.h"
#include "store/eventreader.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 startMs = 1'714'564'800'000; // 2024-05-01T12:00:00Z

QList<QByteArray> lines(const QByteArray &text, const char *separator = "\n")
{
    QList<QByteArray> result = text.split(*separator);
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

// Splits one CSV record (RFC 4180) into its fields.
QList<QByteArray> csvFields(const QByteArray &record)
{
    QList<QByteArray> fields { QByteArray() };
    bool quoted = false;
    for (qsizetype i = 0; i < record.size(); ++i) {
        const char c = record.at(i);
        if (quoted) {
            if (c == '"' && i + 1 < record.size() && record.at(i + 1) == '"') {
                fields.last().append('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.last().append(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.append(QByteArray());
        } else {
            fields.last().append(c);
        }
    }
    return fields;
}

} // namespace

class TestEventExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void jsonlLetsAnOutsiderRecomputeTheChain();
    void csvHasHeaderRowsAndHead();
    void filters_data();
    void filters();
    void emptyStoreExportsOnlyTheHead();

private:
    QByteArray exportAll(EventExporter::Format format, const EventFilter &filter = {},
                         ExportSummary *summary = nullptr);

    std::unique_ptr<QTemporaryDir> m_directory;
    QString m_path;
};

void TestEventExporter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const std::optional<QString> error = test::TestStores::instance().start();
    QVERIFY2(!error, qPrintable(error.value_or(QString())));
}

void TestEventExporter::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QString error;
    m_path = test::TestStores::instance().newStore(*m_directory, u"store.db"_s, &error);
    QVERIFY2(!m_path.isEmpty(), qPrintable(error));
    QList<test::ChainEntry> entries = test::numberedEntries(12, startMs);
    entries[4].payload.insert(u"text"_s, u"comma, \"quote\"\nnew line \u00e9"_s);
    QVERIFY(!test::appendChain(m_path, entries));
}

QByteArray TestEventExporter::exportAll(EventExporter::Format format, const EventFilter &filter,
                                        ExportSummary *summary)
{
    EventReader reader;
    if (reader.open(m_path))
        return {};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const StoreResult<ExportSummary> result = EventExporter::write(reader.events(), buffer, format, filter);
    if (!result)
        return {};
    if (summary)
        *summary = result.value();
    return buffer.data();
}

void TestEventExporter::jsonlLetsAnOutsiderRecomputeTheChain()
{
    ExportSummary summary;
    const QByteArray text = exportAll(EventExporter::Format::Jsonl, {}, &summary);
    const QList<QByteArray> records = lines(text);
    QCOMPARE(records.size(), 13);
    QCOMPARE(summary.exported, 12);

    // Recompute as someone without Delegate would: drop "hash", write the
    // rest canonically, SHA-256 over prev_hash followed by that.
    QByteArray previous(64, '0');
    for (qsizetype i = 0; i < 12; ++i) {
        const QJsonObject event = QJsonDocument::fromJson(records.at(i)).object();
        QCOMPARE(event.value("sequence"_L1).toInteger(), i + 1);
        QCOMPARE(event.value("prev_hash"_L1).toString().toLatin1(), previous);
        QJsonObject body = event;
        body.remove("hash"_L1);
        const QByteArray canonical = CanonicalJson::serialize(body);
        const QByteArray hash =
            QCryptographicHash::hash(QByteArray(previous + canonical), QCryptographicHash::Sha256).toHex();
        QCOMPARE(event.value("hash"_L1).toString().toLatin1(), hash);
        // Each line is canonical itself.
        QCOMPARE(CanonicalJson::serialize(event), records.at(i));
        previous = hash;
    }
    const QJsonObject trailer = QJsonDocument::fromJson(records.last()).object();
    QCOMPARE(trailer.value("format"_L1).toString(), u"delegate-events-1"_s);
    QCOMPARE(trailer.value("exported"_L1).toInteger(), 12);
    const QJsonObject head = trailer.value("chain_head"_L1).toObject();
    QCOMPARE(head.value("sequence"_L1).toInteger(), 12);
    QCOMPARE(head.value("hash"_L1).toString().toLatin1(), previous);
    QCOMPARE(summary.headHash.toLatin1(), previous);
}

void TestEventExporter::csvHasHeaderRowsAndHead()
{
    const QByteArray text = exportAll(EventExporter::Format::Csv);
    // Records end in CRLF; a quoted field may hold a bare LF.
    const QList<QByteArray> records = text.split('\r');
    QCOMPARE(records.first(), QByteArray("sequence,time,run_id,actor,kind,payload,prev_hash,hash"));
    QList<QByteArray> rows;
    for (qsizetype i = 1; i < records.size(); ++i) {
        QByteArray record = records.at(i);
        QVERIFY(record.startsWith('\n'));
        record.remove(0, 1);
        if (!record.isEmpty())
            rows.append(record);
    }
    QCOMPARE(rows.size(), 13);

    EventReader reader;
    QVERIFY(!reader.open(m_path));
    for (qsizetype i = 0; i < 12; ++i) {
        const QList<QByteArray> fields = csvFields(rows.at(i));
        QCOMPARE(fields.size(), 8);
        const Event event = *reader.events().event(i + 1);
        QCOMPARE(fields.at(0), QByteArray::number(i + 1));
        QCOMPARE(fields.at(1), Event::formatTime(event.time.toMSecsSinceEpoch()).toLatin1());
        QCOMPARE(fields.at(2), event.runId.toUtf8());
        QCOMPARE(fields.at(3), event.actor.toUtf8());
        QCOMPARE(fields.at(4), event.kind.toUtf8());
        QCOMPARE(fields.at(5), CanonicalJson::serialize(event.payload));
        QCOMPARE(fields.at(6), event.prevHash.toLatin1());
        QCOMPARE(fields.at(7), event.hash.toLatin1());
    }
    const QByteArray head = reader.events().lastEvent()->hash;
    QCOMPARE(rows.last(), "# chain_head sequence=12 hash=" + head + " exported=12");
}

void TestEventExporter::filters_data()
{
    QTest::addColumn<qint64>("indexedUpTo");
    QTest::addColumn<QString>("runId");
    QTest::addColumn<qint64>("sinceMs");
    QTest::addColumn<QList<qint64>>("sequences");

    // numberedEntries: event i at start + i s, run-1 for i % 3 == 1, run-2
    // for i % 3 == 2, no run for i % 3 == 0. A run's events come from the
    // index by run up to its watermark and from the table after it, so each
    // case runs with none, some and all events indexed.
    for (const qint64 indexed : { qint64(0), qint64(6), qint64(12) }) {
        const auto row = [indexed](const char *name) -> QTestData & {
            return QTest::addRow("%s, %lld indexed", name, static_cast<long long>(indexed)) << indexed;
        };
        row("run") << u"run-1"_s << qint64(-1) << QList<qint64> { 1, 4, 7, 10 };
        row("since") << QString() << startMs + 9'000 << QList<qint64> { 9, 10, 11, 12 };
        row("since between events") << QString() << startMs + 9'500 << QList<qint64> { 10, 11, 12 };
        row("run and since") << u"run-2"_s << startMs + 6'000 << QList<qint64> { 8, 11 };
        row("run and since inside the index") << u"run-2"_s << startMs + 4'000 << QList<qint64> { 5, 8, 11 };
        row("since before everything")
            << QString() << qint64(0) << QList<qint64> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
        row("since after everything") << QString() << startMs + 60'000 << QList<qint64> {};
        row("unknown run") << u"run-9"_s << qint64(-1) << QList<qint64> {};
    }
}

void TestEventExporter::filters()
{
    QFETCH(qint64, indexedUpTo);
    QFETCH(QString, runId);
    QFETCH(qint64, sinceMs);
    QFETCH(QList<qint64>, sequences);
    if (indexedUpTo > 0) {
        const std::unique_ptr<StoreDatabase> database = StoreDatabase::forAddress(m_path);
        QVERIFY(!database->open(StoreDatabase::Mode::ReadWrite));
        const std::unique_ptr<EventRepository> events = database->createRepository();
        QVERIFY(!events->beginWrite());
        const StoreResult<qint64> watermark = events->indexPending(indexedUpTo);
        QVERIFY2(watermark, qPrintable(watermark.error()));
        QCOMPARE(watermark.value(), indexedUpTo);
        QVERIFY(!events->commit());
    }
    EventFilter filter;
    filter.runId = runId;
    if (sinceMs >= 0)
        filter.sinceMs = sinceMs;
    ExportSummary summary;
    const QList<QByteArray> records = lines(exportAll(EventExporter::Format::Jsonl, filter, &summary));
    QList<qint64> exported;
    for (qsizetype i = 0; i + 1 < records.size(); ++i)
        exported.append(QJsonDocument::fromJson(records.at(i)).object().value("sequence"_L1).toInteger());
    QCOMPARE(exported, sequences);
    // The head is the whole chain's, whatever the filter.
    const QJsonObject trailer = QJsonDocument::fromJson(records.last()).object();
    QCOMPARE(trailer.value("chain_head"_L1).toObject().value("sequence"_L1).toInteger(), 12);
    QCOMPARE(trailer.value("exported"_L1).toInteger(), sequences.size());
    QCOMPARE(trailer.value("filter"_L1).toObject().value("run_id"_L1).toString(), runId);
    QCOMPARE(summary.headSequence, 12);
}

void TestEventExporter::emptyStoreExportsOnlyTheHead()
{
    QString error;
    m_path = test::TestStores::instance().newStore(*m_directory, u"empty.db"_s, &error);
    QVERIFY2(!m_path.isEmpty(), qPrintable(error));
    QVERIFY(!test::appendChain(m_path, {}));
    const QList<QByteArray> records = lines(exportAll(EventExporter::Format::Jsonl));
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first(),
             QByteArray(R"({"chain_head":{"hash":")" + QByteArray(64, '0')
                        + R"(","sequence":0},"exported":0,"filter":{},"format":"delegate-events-1"})"));
}

QTEST_GUILESS_MAIN(TestEventExporter)
#include "tst_eventexporter.moc"
