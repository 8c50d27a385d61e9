// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/chainverifier.h"

#include "domain/event.h"
#include "store/eventrepository.h"

namespace delegate {

using namespace Qt::StringLiterals;

QString VerifyReport::problemName(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return u"none"_s;
    case Problem::HashMismatch:
        return u"hash_mismatch"_s;
    case Problem::PrevHashMismatch:
        return u"prev_hash_mismatch"_s;
    case Problem::SequenceGap:
        return u"sequence_gap"_s;
    case Problem::HeadMismatch:
        return u"head_mismatch"_s;
    }
    return {};
}

QString VerifyReport::problemText(Problem problem)
{
    return problemName(problem).replace(u'_', u' ');
}

StoreResult<VerifyReport> ChainVerifier::verify(EventRepository &events, const Progress &progress,
                                                qint64 progressInterval)
{
    // One snapshot: the writer may go on appending meanwhile, and the walk
    // and the recorded head must describe the same moment.
    if (auto error = events.beginRead())
        return StoreResult<VerifyReport>::failure(*error);
    const auto finish = [&events](auto result) {
        events.rollback();
        return result;
    };
    const StoreResult<ChainHead> last = events.lastEvent();
    if (!last)
        return finish(StoreResult<VerifyReport>::failure(last.error()));
    const StoreResult<ChainHead> recorded = events.recordedHead();
    if (!recorded)
        return finish(StoreResult<VerifyReport>::failure(recorded.error()));

    VerifyReport report;
    const qint64 total = last->sequence;
    qint64 expected = 1;
    QByteArray previousHash = Event::genesisHash().toLatin1();
    QByteArray canonical;
    const auto fail = [&report](VerifyReport::Problem problem, qint64 sequence, QString detail) {
        report.problem = problem;
        report.brokenSequence = sequence;
        report.detail = std::move(detail);
        return false;
    };

    const StoreError error = events.forEach(1, [&](const EncodedEvent &event, QByteArrayView hash) {
        if (event.sequence != expected) {
            return fail(VerifyReport::Problem::SequenceGap, expected,
                        expected + 1 == event.sequence
                            ? u"event %1 is missing: the log goes from %2 to %3"_s.arg(
                                QString::number(expected), QString::number(expected - 1),
                                QString::number(event.sequence))
                            : u"events %1 to %2 are missing: the log goes from %3 to %4"_s.arg(
                                QString::number(expected), QString::number(event.sequence - 1),
                                QString::number(expected - 1), QString::number(event.sequence)));
        }
        canonical.resize(0);
        Event::appendCanonicalJson(canonical, event);
        char computedText[64];
        Event::chainHash(event.prevHash, canonical, computedText);
        const QByteArrayView computed(computedText, sizeof computedText);
        if (computed != hash) {
            report.brokenRunId = QString::fromUtf8(event.runId);
            report.expected = QString::fromLatin1(computed);
            report.found = QString::fromLatin1(hash);
            return fail(
                VerifyReport::Problem::HashMismatch, event.sequence,
                u"its stored hash is %1, but its content hashes to %2: the event was changed after it "
                "was written"_s.arg(QString::fromLatin1(hash), QString::fromLatin1(computed)));
        }
        if (event.prevHash != previousHash) {
            report.brokenRunId = QString::fromUtf8(event.runId);
            report.expected = QString::fromLatin1(previousHash);
            report.found = QString::fromLatin1(event.prevHash);
            return fail(
                VerifyReport::Problem::PrevHashMismatch, event.sequence,
                u"its prev_hash is %1, but the hash of event %2 is %3: events before it were replaced"_s.arg(
                    QString::fromLatin1(event.prevHash), QString::number(event.sequence - 1),
                    QString::fromLatin1(previousHash)));
        }
        // Copied into the existing buffer: no allocation per event.
        previousHash.replace(0, previousHash.size(), hash);
        ++report.checked;
        ++expected;
        if (progress && report.checked % progressInterval == 0)
            progress(report.checked, total);
        return true;
    });
    if (error)
        return finish(StoreResult<VerifyReport>::failure(*error));

    if (report.intact()) {
        const qint64 lastSequence = expected - 1;
        if (recorded->sequence > lastSequence) {
            fail(VerifyReport::Problem::HeadMismatch, lastSequence + 1,
                 u"the store recorded %1 events, but the log ends at %2: the events after %2 were removed"_s
                     .arg(QString::number(recorded->sequence), QString::number(lastSequence)));
        } else if (recorded->sequence < lastSequence) {
            fail(VerifyReport::Problem::HeadMismatch, recorded->sequence + 1,
                 u"the store recorded %1 events, but the log goes on to %2: the events after %1 were not "
                 "written by the store"_s.arg(QString::number(recorded->sequence),
                                              QString::number(lastSequence)));
        } else if (lastSequence > 0 && recorded->hash != previousHash) {
            fail(VerifyReport::Problem::HeadMismatch, lastSequence,
                 u"the store recorded the head hash %1, but the newest event's hash is %2"_s.arg(
                     QString::fromLatin1(recorded->hash), QString::fromLatin1(previousHash)));
        }
    }
    report.headSequence = last->sequence;
    report.headHash = QString::fromLatin1(last->hash);
    if (progress)
        progress(report.checked, total);
    return finish(StoreResult<VerifyReport>(report));
}

} // namespace delegate
