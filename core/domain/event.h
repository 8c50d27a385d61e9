// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "fielderror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace delegate {

// An event as the store keeps it: text as UTF-8 and the payload as canonical
// JSON already, so the store can hash and write it without converting.
// Views only: whatever they point into must outlive the call.
struct EncodedEvent
{
    qint64 sequence = 0;
    QByteArrayView runId; // empty: an engine-wide event
    qint64 timeMs = 0; // milliseconds since 1970-01-01T00:00:00Z
    QByteArrayView actor;
    QByteArrayView kind;
    QByteArrayView payload; // canonical JSON of an object
    QByteArrayView prevHash;
};

// One entry of the append-only audit log. The store assigns sequence, time
// and both hashes when it appends; everything else comes from the caller.
//
// hash = lower-case hex SHA-256 over the bytes of prev_hash (its 64 hex
// characters) followed by the canonical JSON (see CanonicalJson) of the
// event without its hash:
//   {"actor":…,"kind":…,"payload":{…},"prev_hash":…,"run_id":…|null,
//    "sequence":N,"time":"YYYY-MM-DDTHH:MM:SS.mmmZ"}
// The first event's prev_hash is 64 zeros. Changing any field of an event,
// or removing or reordering events, breaks the chain from there on.
struct Event
{
    qint64 sequence = 0; // global, from 1, without gaps
    QString runId; // empty for engine-wide events
    QDateTime time; // UTC, millisecond precision
    QString actor; // "agent", "system" or "user:<name>"
    QString kind; // "run.state_changed", "agent.message", "tool.call", ...
    QJsonObject payload;
    QString prevHash;
    QString hash;

    // The canonical JSON of the event including its hash, as a JSON object:
    // the keys of the canonical form plus "hash".
    QJsonObject toJson() const;
    static std::optional<Event> fromJson(const QJsonObject &json, FieldErrors *errors = nullptr);

    // Canonical JSON without the hash: the bytes the hash covers (after prev_hash).
    QByteArray canonicalJson() const;
    QString computeHash() const;

    static QString genesisHash();
    // "agent", "system", or "user:" followed by a name without whitespace.
    static bool isValidActor(QStringView actor);
    // Non-empty, at most 128 characters, no whitespace or control characters.
    static bool isValidKind(QStringView kind);
    // 64 lower-case hex digits.
    static bool isValidHash(QByteArrayView hash);
    static bool isValidHash(QStringView hash);

    // The canonical JSON of an encoded event; with a hash given, the "hash"
    // member is included too (the form export writes, one event per line).
    static QByteArray canonicalJson(const EncodedEvent &event, QByteArrayView hash = {});
    // The same, appended to out (the store reuses one buffer for a batch).
    static void appendCanonicalJson(QByteArray &out, const EncodedEvent &event, QByteArrayView hash = {});
    // Lower-case hex SHA-256 of prevHash followed by canonicalBody.
    static QByteArray chainHash(QByteArrayView prevHash, QByteArrayView canonicalBody);
    // The same into 64 characters at hex, without allocating.
    static void chainHash(QByteArrayView prevHash, QByteArrayView canonicalBody, char *hex);

    // The canonical JSON without the hash falls into parts that do not depend
    // on the event's place in the chain and parts that do:
    //   head       {"actor":…,"kind":…,"payload":{…},"prev_hash":"
    //   prev_hash  the 64 hex digits
    //   run        ","run_id":…,"sequence":
    //   sequence   the digits
    //   time       ,"time":"YYYY-MM-DDTHH:MM:SS.mmmZ"}
    // The store builds head and run on the appending thread; its writer then
    // hashes the pieces as they are, without joining them.
    // Returns where in out the payload starts.
    static qsizetype appendCanonicalHead(QByteArray &out, QByteArrayView actor, QByteArrayView kind,
                                         QByteArrayView payload);
    static void appendCanonicalRun(QByteArray &out, QByteArrayView runId);
    // The same as chainHash(prevHash, canonical JSON) into 64 characters at hex.
    static void chainHash(QByteArrayView prevHash, QByteArrayView head, QByteArrayView run, qint64 sequence,
                          qint64 timeMs, char *hex);
    // "YYYY-MM-DDTHH:MM:SS.mmmZ", the form times take in canonical JSON.
    static QString formatTime(qint64 msecsSinceEpoch);
    static void appendTime(QByteArray &out, qint64 msecsSinceEpoch);

    friend bool operator==(const Event &, const Event &) = default;
};

} // namespace delegate
