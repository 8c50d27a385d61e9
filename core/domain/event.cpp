// SPDX-License-Identifier: GPL-3.0-or-later
#include "event.h"

#include "canonicaljson.h"

#include <QCryptographicHash>
#include <QJsonValue>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define DELEGATE_SHA_EXTENSIONS 1
#endif

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

constexpr qsizetype hashLength = 64;

// SHA-256 with the x86 SHA extensions. The store hashes every event it
// appends and verify hashes every event it reads; QCryptographicHash's
// portable code takes about 4 us for a typical event, more than SQLite needs
// to insert it, while these instructions take a tenth of that. Machines
// without them use QCryptographicHash; the tests compare both.
#ifdef DELEGATE_SHA_EXTENSIONS

alignas(16) constexpr uint32_t roundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

bool cpuHasShaExtensions()
{
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return false;
    const bool ssse3 = ecx & (1u << 9);
    const bool sse41 = ecx & (1u << 19);
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
        return false;
    const bool sha = ebx & (1u << 29);
    return ssse3 && sse41 && sha;
}

const bool useShaExtensions = cpuHasShaExtensions();

// Processes whole 64-byte blocks. The state lives in two registers as the
// instructions want it: ABEF and CDGH (highest lane first).
__attribute__((target("sha,sse4.1,ssse3"))) void compressBlocks(uint32_t state[8], const unsigned char *data,
                                                                qsizetype blocks)
{
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i *>(&state[0]));
    __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i *>(&state[4]));
    dcba = _mm_shuffle_epi32(dcba, 0xb1); // CDAB
    hgfe = _mm_shuffle_epi32(hgfe, 0x1b); // EFGH
    __m128i abef = _mm_alignr_epi8(dcba, hgfe, 8);
    __m128i cdgh = _mm_blend_epi16(hgfe, dcba, 0xf0);

    for (; blocks > 0; --blocks, data += 64) {
        const __m128i abefSaved = abef;
        const __m128i cdghSaved = cdgh;
        __m128i words[4];
#pragma GCC unroll 16
        for (int group = 0; group < 16; ++group) {
            __m128i &current = words[group & 3];
            if (group < 4) {
                current = _mm_shuffle_epi8(
                    _mm_loadu_si128(reinterpret_cast<const __m128i *>(data + 16 * group)), byteSwap);
            } else {
                const __m128i &previous = words[(group + 3) & 3];
                const __m128i &beforePrevious = words[(group + 2) & 3];
                current = _mm_sha256msg1_epu32(current, words[(group + 1) & 3]);
                current = _mm_add_epi32(current, _mm_alignr_epi8(previous, beforePrevious, 4));
                current = _mm_sha256msg2_epu32(current, previous);
            }
            __m128i message = _mm_add_epi32(
                current, _mm_load_si128(reinterpret_cast<const __m128i *>(&roundConstants[4 * group])));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message);
            message = _mm_shuffle_epi32(message, 0x0e);
            // Two rounds turn the old ABEF into the new CDGH, so the
            // registers swap roles and are back in place after four.
            abef = _mm_sha256rnds2_epu32(abef, cdgh, message);
        }
        abef = _mm_add_epi32(abef, abefSaved);
        cdgh = _mm_add_epi32(cdgh, cdghSaved);
    }

    const __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
    cdgh = _mm_shuffle_epi32(cdgh, 0xb1); // DCHG
    _mm_storeu_si128(reinterpret_cast<__m128i *>(&state[0]), _mm_blend_epi16(feba, cdgh, 0xf0));
    _mm_storeu_si128(reinterpret_cast<__m128i *>(&state[4]), _mm_alignr_epi8(cdgh, feba, 8));
}

class Sha256 final
{
public:
    void add(QByteArrayView bytes)
    {
        const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
        qsizetype size = bytes.size();
        m_length += quint64(size);
        if (m_buffered > 0) {
            const qsizetype take = std::min<qsizetype>(size, 64 - m_buffered);
            std::memcpy(m_buffer + m_buffered, data, size_t(take));
            m_buffered += take;
            data += take;
            size -= take;
            if (m_buffered < 64)
                return;
            compressBlocks(m_state, m_buffer, 1);
            m_buffered = 0;
        }
        if (size >= 64) {
            compressBlocks(m_state, data, size / 64);
            data += size / 64 * 64;
            size %= 64;
        }
        std::memcpy(m_buffer, data, size_t(size));
        m_buffered = size;
    }

    void finish(unsigned char digest[32])
    {
        const quint64 bits = m_length * 8;
        m_buffer[m_buffered++] = 0x80;
        if (m_buffered > 56) {
            std::memset(m_buffer + m_buffered, 0, size_t(64 - m_buffered));
            compressBlocks(m_state, m_buffer, 1);
            m_buffered = 0;
        }
        std::memset(m_buffer + m_buffered, 0, size_t(56 - m_buffered));
        for (int i = 0; i < 8; ++i)
            m_buffer[56 + i] = static_cast<unsigned char>(bits >> (56 - 8 * i));
        compressBlocks(m_state, m_buffer, 1);
        for (int i = 0; i < 8; ++i) {
            for (int j = 0; j < 4; ++j)
                digest[4 * i + j] = static_cast<unsigned char>(m_state[i] >> (24 - 8 * j));
        }
    }

private:
    uint32_t m_state[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    unsigned char m_buffer[64];
    qsizetype m_buffered = 0;
    quint64 m_length = 0;
};

#endif // DELEGATE_SHA_EXTENSIONS

void toHex(const unsigned char *digest, int size, char *out)
{
    static constexpr char digits[] = "0123456789abcdef";
    for (int i = 0; i < size; ++i) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 0xf];
    }
}

char *writeDigits(char *out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

// Room for a time, even in a far year: "-292278994-08-17T07:12:55.807Z".
constexpr int timeCapacity = 40;

// Days to civil date after H. Hinnant's algorithm: exact for the whole
// proleptic Gregorian calendar, and far cheaper than QDateTime::toString,
// which the store would otherwise call for every event it hashes.
char *writeTime(char *out, qint64 msecsSinceEpoch)
{
    constexpr qint64 msPerDay = 86'400'000;
    qint64 days = msecsSinceEpoch / msPerDay;
    qint64 msOfDay = msecsSinceEpoch % msPerDay;
    if (msOfDay < 0) {
        msOfDay += msPerDay;
        --days;
    }
    days += 719'468;
    const qint64 era = (days >= 0 ? days : days - 146'096) / 146'097;
    const qint64 dayOfEra = days - era * 146'097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36'524 - dayOfEra / 146'096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;
    const qint64 day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const qint64 month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

    if (year < 0) {
        *out++ = '-';
        out = writeDigits(out, -year, -year > 9999 ? int(std::to_string(-year).size()) : 4);
    } else {
        out = writeDigits(out, year, year > 9999 ? int(std::to_string(year).size()) : 4);
    }
    *out++ = '-';
    out = writeDigits(out, month, 2);
    *out++ = '-';
    out = writeDigits(out, day, 2);
    *out++ = 'T';
    out = writeDigits(out, msOfDay / 3'600'000, 2);
    *out++ = ':';
    out = writeDigits(out, msOfDay / 60'000 % 60, 2);
    *out++ = ':';
    out = writeDigits(out, msOfDay / 1000 % 60, 2);
    *out++ = '.';
    out = writeDigits(out, msOfDay % 1000, 3);
    *out++ = 'Z';
    return out;
}

// The canonical JSON after "sequence": the digits, then the time member.
constexpr int tailCapacity = 24 + 10 + timeCapacity + 2;

char *writeTail(char *out, qint64 sequence, qint64 timeMs)
{
    out = std::to_chars(out, out + 24, sequence).ptr;
    constexpr char timeKey[] = R"(,"time":")";
    std::memcpy(out, timeKey, sizeof timeKey - 1);
    out = writeTime(out + sizeof timeKey - 1, timeMs);
    *out++ = '"';
    *out++ = '}';
    return out;
}

bool isHexDigit(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

QDateTime parseTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    return time.toUTC();
}

} // namespace

QJsonObject Event::toJson() const
{
    QJsonObject json;
    json.insert("sequence"_L1, sequence);
    json.insert("run_id"_L1, runId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(runId));
    json.insert("time"_L1, formatTime(time.toMSecsSinceEpoch()));
    json.insert("actor"_L1, actor);
    json.insert("kind"_L1, kind);
    json.insert("payload"_L1, payload);
    json.insert("prev_hash"_L1, prevHash);
    json.insert("hash"_L1, hash);
    return json;
}

std::optional<Event> Event::fromJson(const QJsonObject &json, FieldErrors *errors)
{
    FieldErrors found;
    const auto fail = [&found](const QString &path, const QString &message) {
        found.append(FieldError { FieldError::Kind::InvalidValue, path, message });
    };
    const auto missing = [&found](const QString &path, const QString &message) {
        found.append(FieldError { FieldError::Kind::Missing, path, message });
    };

    Event event;
    const QJsonValue sequence = json.value("sequence"_L1);
    if (sequence.isUndefined())
        missing(u"sequence"_s, u"expected the event's sequence number, a whole number from 1"_s);
    else if (sequence.toInteger(0) < 1)
        fail(u"sequence"_s, u"expected a whole number from 1"_s);
    event.sequence = sequence.toInteger(0);

    const QJsonValue runId = json.value("run_id"_L1);
    if (runId.isString())
        event.runId = runId.toString();
    else if (!runId.isNull() && !runId.isUndefined())
        fail(u"run_id"_s, u"expected the run's id as text, or null for an engine-wide event"_s);

    const QJsonValue time = json.value("time"_L1);
    if (time.isUndefined()) {
        missing(u"time"_s, u"expected an ISO 8601 time such as 2024-05-01T12:00:00.000Z"_s);
    } else {
        event.time = parseTime(time.toString());
        if (!event.time.isValid())
            fail(u"time"_s, u"expected an ISO 8601 time such as 2024-05-01T12:00:00.000Z"_s);
    }

    event.actor = json.value("actor"_L1).toString();
    if (!json.contains("actor"_L1))
        missing(u"actor"_s, u"expected \"agent\", \"system\" or \"user:<name>\""_s);
    else if (!isValidActor(event.actor))
        fail(u"actor"_s, u"expected \"agent\", \"system\" or \"user:<name>\""_s);

    event.kind = json.value("kind"_L1).toString();
    if (!json.contains("kind"_L1))
        missing(u"kind"_s, u"expected the event's kind, such as \"run.state_changed\""_s);
    else if (!isValidKind(event.kind))
        fail(u"kind"_s, u"expected text without spaces of at most 128 characters, such as \"tool.call\""_s);

    const QJsonValue payload = json.value("payload"_L1);
    if (payload.isObject())
        event.payload = payload.toObject();
    else if (payload.isUndefined())
        missing(u"payload"_s, u"expected a JSON object (it may be empty: {})"_s);
    else
        fail(u"payload"_s, u"expected a JSON object (it may be empty: {})"_s);

    const auto readHash = [&](QLatin1StringView key, QString *target) {
        const QJsonValue value = json.value(key);
        *target = value.toString();
        if (value.isUndefined())
            missing(QString(key), u"expected 64 lower-case hex digits (a SHA-256)"_s);
        else if (!isValidHash(QStringView(*target)))
            fail(QString(key), u"expected 64 lower-case hex digits (a SHA-256)"_s);
    };
    readHash("prev_hash"_L1, &event.prevHash);
    readHash("hash"_L1, &event.hash);

    if (errors)
        errors->append(found);
    if (!found.isEmpty())
        return std::nullopt;
    return event;
}

QByteArray Event::canonicalJson() const
{
    const QByteArray runIdUtf8 = runId.toUtf8();
    const QByteArray actorUtf8 = actor.toUtf8();
    const QByteArray kindUtf8 = kind.toUtf8();
    const QByteArray payloadJson = CanonicalJson::serialize(payload);
    const QByteArray prevHashLatin1 = prevHash.toLatin1();
    EncodedEvent encoded;
    encoded.sequence = sequence;
    encoded.runId = runIdUtf8;
    encoded.timeMs = time.toMSecsSinceEpoch();
    encoded.actor = actorUtf8;
    encoded.kind = kindUtf8;
    encoded.payload = payloadJson;
    encoded.prevHash = prevHashLatin1;
    return canonicalJson(encoded);
}

QString Event::computeHash() const
{
    return QString::fromLatin1(chainHash(prevHash.toLatin1(), canonicalJson()));
}

QString Event::genesisHash()
{
    return QString(hashLength, u'0');
}

bool Event::isValidActor(QStringView actor)
{
    if (actor == u"agent" || actor == u"system")
        return true;
    if (!actor.startsWith(u"user:") || actor.size() == 5)
        return false;
    for (QChar c : actor.mid(5)) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

bool Event::isValidKind(QStringView kind)
{
    if (kind.isEmpty() || kind.size() > 128)
        return false;
    for (QChar c : kind) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

bool Event::isValidHash(QByteArrayView hash)
{
    return hash.size() == hashLength
        && std::all_of(hash.begin(), hash.end(), [](char c) { return isHexDigit(char16_t(c)); });
}

bool Event::isValidHash(QStringView hash)
{
    return hash.size() == hashLength
        && std::all_of(hash.begin(), hash.end(), [](QChar c) { return isHexDigit(c.unicode()); });
}

QByteArray Event::canonicalJson(const EncodedEvent &event, QByteArrayView hash)
{
    QByteArray out;
    out.reserve(event.payload.size() + event.runId.size() + event.actor.size() + event.kind.size() + 256);
    appendCanonicalJson(out, event, hash);
    return out;
}

void Event::appendCanonicalJson(QByteArray &out, const EncodedEvent &event, QByteArrayView hash)
{
    if (hash.isEmpty()) {
        appendCanonicalHead(out, event.actor, event.kind, event.payload);
        out.append(event.prevHash);
        appendCanonicalRun(out, event.runId);
        char tail[tailCapacity];
        out.append(tail, writeTail(tail, event.sequence, event.timeMs) - tail);
        return;
    }
    // Members in key order: actor, hash, kind, payload, prev_hash, run_id, sequence, time.
    out.append(R"({"actor":)");
    CanonicalJson::appendUtf8String(out, event.actor);
    out.append(R"(,"hash":")");
    out.append(hash);
    out.append(R"(","kind":)");
    CanonicalJson::appendUtf8String(out, event.kind);
    out.append(R"(,"payload":)");
    out.append(event.payload);
    out.append(R"(,"prev_hash":")");
    out.append(event.prevHash);
    appendCanonicalRun(out, event.runId);
    char tail[tailCapacity];
    out.append(tail, writeTail(tail, event.sequence, event.timeMs) - tail);
}

qsizetype Event::appendCanonicalHead(QByteArray &out, QByteArrayView actor, QByteArrayView kind,
                                     QByteArrayView payload)
{
    out.append(R"({"actor":)");
    CanonicalJson::appendUtf8String(out, actor);
    out.append(R"(,"kind":)");
    CanonicalJson::appendUtf8String(out, kind);
    out.append(R"(,"payload":)");
    const qsizetype payloadStart = out.size();
    out.append(payload);
    out.append(R"(,"prev_hash":")");
    return payloadStart;
}

void Event::appendCanonicalRun(QByteArray &out, QByteArrayView runId)
{
    out.append(R"(","run_id":)");
    if (runId.isEmpty())
        out.append("null");
    else
        CanonicalJson::appendUtf8String(out, runId);
    out.append(R"(,"sequence":)");
}

void Event::chainHash(QByteArrayView prevHash, QByteArrayView head, QByteArrayView run, qint64 sequence,
                      qint64 timeMs, char *hex)
{
    char tail[tailCapacity];
    const QByteArrayView tailView(tail, writeTail(tail, sequence, timeMs) - tail);
#ifdef DELEGATE_SHA_EXTENSIONS
    if (useShaExtensions) {
        Sha256 sha;
        for (QByteArrayView part : { prevHash, head, prevHash, run, tailView })
            sha.add(part);
        unsigned char digest[32];
        sha.finish(digest);
        toHex(digest, 32, hex);
        return;
    }
#endif
    QCryptographicHash sha(QCryptographicHash::Sha256);
    for (QByteArrayView part : { prevHash, head, prevHash, run, tailView })
        sha.addData(part);
    const QByteArray digest = sha.result();
    toHex(reinterpret_cast<const unsigned char *>(digest.constData()), int(digest.size()), hex);
}

QByteArray Event::chainHash(QByteArrayView prevHash, QByteArrayView canonicalBody)
{
    QByteArray hex(hashLength, Qt::Uninitialized);
    chainHash(prevHash, canonicalBody, hex.data());
    return hex;
}

void Event::chainHash(QByteArrayView prevHash, QByteArrayView canonicalBody, char *hex)
{
#ifdef DELEGATE_SHA_EXTENSIONS
    if (useShaExtensions) {
        Sha256 sha;
        sha.add(prevHash);
        sha.add(canonicalBody);
        unsigned char digest[32];
        sha.finish(digest);
        toHex(digest, 32, hex);
        return;
    }
#endif
    QCryptographicHash sha(QCryptographicHash::Sha256);
    sha.addData(prevHash);
    sha.addData(canonicalBody);
    const QByteArray digest = sha.result();
    toHex(reinterpret_cast<const unsigned char *>(digest.constData()), int(digest.size()), hex);
}

QString Event::formatTime(qint64 msecsSinceEpoch)
{
    QByteArray out;
    appendTime(out, msecsSinceEpoch);
    return QString::fromLatin1(out);
}

void Event::appendTime(QByteArray &out, qint64 msecsSinceEpoch)
{
    char text[timeCapacity];
    out.append(text, writeTime(text, msecsSinceEpoch) - text);
}

} // namespace delegate
