// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audittrail.h"
#include "rpc/rpcerror.h"

#include <QCoro/QCoroTask>

#include <functional>
#include <variant>

namespace delegate {

// Gathers what an audit trail is built from over the engine protocol: the
// run's detail (runs.get) and every one of its events (runs.events, page
// after page until the last). The GUI calls through its EngineSession and
// delegatectl through its connection; both hand in how to call.
class AuditTrailLoader final
{
public:
    using Call = std::function<QCoro::Task<rpc::RpcOutcome>(QString method, QJsonObject params)>;
    // Events read so far; called after each page.
    using Progress = std::function<void(qsizetype eventsRead)>;
    using Result = std::variant<AuditTrail, rpc::RpcError>;

    static constexpr int pageSize = 1000; // the most runs.events gives at once

    static QCoro::Task<Result> load(Call call, QString runId, Progress progress = {});
};

} // namespace delegate
