// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/storecopier.h"

#include "store/eventreader.h"
#include "store/eventrepository.h"
#include "store/storedatabase.h"

namespace delegate {

using namespace Qt::StringLiterals;

namespace {

// Events indexed per transaction after the copy.
constexpr qint64 indexChunk = 20'000;

} // namespace

StoreResult<StoreCopyReport> StoreCopier::copy(const QString &fromAddress, const QString &toAddress,
                                               const Progress &progress, int batchSize)
{
    using Result = StoreResult<StoreCopyReport>;
    const auto report = [&progress](Phase phase, qint64 done, qint64 total) {
        if (progress)
            progress(phase, done, total);
    };
    batchSize = std::max(1, batchSize);

    EventReader source;
    if (auto error = source.open(fromAddress))
        return Result::failure(u"cannot read the source store: %1"_s.arg(*error));
    const std::unique_ptr<StoreDatabase> target = StoreDatabase::forAddress(toAddress);
    if (auto error = target->open(StoreDatabase::Mode::ReadWrite))
        return Result::failure(u"cannot open the target store: %1"_s.arg(*error));
    if (auto error = target->migrate())
        return Result::failure(u"cannot prepare the target store: %1"_s.arg(*error));
    const std::unique_ptr<EventRepository> events = target->createRepository();
    const StoreResult<ChainHead> existing = events->lastEvent();
    if (!existing)
        return Result::failure(existing.error());
    if (existing->sequence > 0) {
        return Result::failure(
            u"the target store %1 already holds %2 events: copy into an empty store (a new database), so "
            "the two histories are not mixed"_s.arg(toAddress, QString::number(existing->sequence)));
    }

    // One snapshot of the source for the whole walk.
    if (auto error = source.events().beginRead())
        return Result::failure(u"cannot read the source store: %1"_s.arg(*error));
    const StoreResult<ChainHead> sourceHead = source.events().lastEvent();
    if (!sourceHead) {
        source.events().rollback();
        return Result::failure(sourceHead.error());
    }
    StoreCopyReport copyReport;
    copyReport.sourceHeadSequence = sourceHead->sequence;
    copyReport.sourceHeadHash = QString::fromLatin1(sourceHead->hash);
    const qint64 total = sourceHead->sequence;
    report(Phase::Copying, 0, total);

    StoreError failure = events->beginWrite();
    ChainHead copiedHead { 0, {} };
    qint64 inBatch = 0;
    const StoreError walk =
        failure ? failure : source.events().forEach(1, [&](const EncodedEvent &event, QByteArrayView hash) {
            if (event.sequence > total)
                return false;
            if ((failure = events->insert(event, hash)))
                return false;
            copiedHead = ChainHead { event.sequence, hash.toByteArray() };
            ++copyReport.copied;
            if (++inBatch < batchSize)
                return true;
            inBatch = 0;
            if ((failure = events->recordHead(copiedHead)) || (failure = events->commit()))
                return false;
            report(Phase::Copying, copyReport.copied, total);
            failure = events->beginWrite();
            return !failure;
        });
    source.events().rollback();
    if (!failure)
        failure = walk;
    if (!failure && copyReport.copied > 0) {
        failure = events->recordHead(copiedHead);
        if (!failure)
            failure = events->commit();
    } else if (!failure) {
        failure = events->commit();
    }
    if (failure) {
        events->rollback();
        return Result::failure(u"copying event %1 into %2 failed: %3. The events before it were copied; "
                               "remove the target database and start again"_s.arg(
                                   QString::number(copyReport.copied + 1), toAddress, *failure));
    }
    report(Phase::Copying, copyReport.copied, total);

    // Search and the index by run work on the copy at once, not only after
    // an engine has been idle on it for a while.
    qint64 indexed = 0;
    while (indexed < copyReport.copied) {
        if ((failure = events->beginWrite()))
            break;
        const StoreResult<qint64> watermark = events->indexPending(indexChunk);
        if (!watermark) {
            failure = watermark.error();
            break;
        }
        if ((failure = events->commit()))
            break;
        if (watermark.value() == indexed)
            break;
        indexed = watermark.value();
        report(Phase::Indexing, indexed, copyReport.copied);
    }
    if (failure) {
        events->rollback();
        return Result::failure(
            u"the events were copied, but indexing them for search failed: %1. Start delegated on the target "
            "store; it indexes them when idle"_s.arg(*failure));
    }

    const StoreResult<VerifyReport> verified = ChainVerifier::verify(
        *events, [&report](qint64 checked, qint64 all) { report(Phase::Verifying, checked, all); });
    if (!verified)
        return Result::failure(
            u"the events were copied, but verifying the target failed: %1"_s.arg(verified.error()));
    copyReport.target = verified.value();
    return copyReport;
}

} // namespace delegate
