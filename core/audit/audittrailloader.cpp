// SPDX-License-Identifier: GPL-3.0-or-later
#include "audittrailloader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate {

QCoro::Task<AuditTrailLoader::Result> AuditTrailLoader::load(Call call, QString runId, Progress progress)
{
    const QJsonObject detailParams { { u"run_id"_s, runId } };
    const QString getMethod = u"runs.get"_s;
    const rpc::RpcOutcome detail = co_await call(getMethod, detailParams);
    if (detail.error)
        co_return *detail.error;

    QList<Event> events;
    qint64 after = 0;
    const QString eventsMethod = u"runs.events"_s;
    while (true) {
        const QJsonObject params { { u"run_id"_s, runId },
                                   { u"after_sequence"_s, after },
                                   { u"limit"_s, pageSize } };
        const rpc::RpcOutcome page = co_await call(eventsMethod, params);
        if (page.error)
            co_return *page.error;
        const QJsonObject result = page.result.toObject();
        const QJsonArray array = result.value("events"_L1).toArray();
        for (const QJsonValue &value : array) {
            FieldErrors errors;
            std::optional<Event> event = Event::fromJson(value.toObject(), &errors);
            if (!event) {
                co_return rpc::RpcError { rpc::InternalError,
                                          u"the engine sent an event that cannot be read (%1); the engine "
                                          "may be newer than this client: update it"_s.arg(
                                              errors.isEmpty() ? u"no event"_s
                                                               : errors.constFirst().toString()),
                                          {} };
            }
            events.append(std::move(*event));
        }
        if (progress)
            progress(events.size());
        const qint64 last = result.value("last_sequence"_L1).toInteger(after);
        // A short page is the end; so is a page that did not move on.
        if (array.size() < pageSize || last <= after)
            break;
        after = last;
    }
    co_return AuditTrail::build(detail.result.toObject(), events);
}

} // namespace delegate
