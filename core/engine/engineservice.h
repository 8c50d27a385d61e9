// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpc/rpcserver.h"

#include <QCoro/QCoroTask>
#include <QObject>
#include <QPointer>

namespace delegate {

class Engine;
struct EngineError;

// The engine's JSON-RPC methods and notifications, as docs/protocol.md
// describes them. Leads may do everything; reviewers read, decide
// checkpoints, review and release approved actions; auditors only read.
// Who a caller is comes from the connection's token, never from the request.
//
// Notifications go to subscribers of a topic: "runs" (run.updated, only the
// newest per run is kept for a slow client), "checkpoints"
// (checkpoint.opened, checkpoint.decided), "events" and "events:<run id>"
// (event.appended, every one).
class EngineService final : public QObject
{
    Q_OBJECT

public:
    // Neither the engine nor the server is owned; both must outlive the
    // calls they serve.
    EngineService(Engine *engine, rpc::RpcServer *server, QObject *parent = nullptr);

    static rpc::RpcOutcome failure(const EngineError &error);

private:
    using Params = QJsonObject;
    using Caller = rpc::Caller;
    using Outcome = QCoro::Task<rpc::RpcOutcome>;

    void registerMethods();
    void connectNotifications();

    Outcome submit(Params params, Caller caller);
    Outcome list(Params params, Caller caller);
    Outcome get(Params params, Caller caller);
    Outcome events(Params params, Caller caller);
    Outcome cancel(Params params, Caller caller);
    Outcome pause(Params params, Caller caller);
    Outcome resume(Params params, Caller caller);
    Outcome steer(Params params, Caller caller);
    Outcome checkpoints(Params params, Caller caller);
    Outcome decide(Params params, Caller caller);
    Outcome review(Params params, Caller caller);
    Outcome revise(Params params, Caller caller);
    Outcome act(Params params, Caller caller);
    Outcome status(Params params, Caller caller);
    Outcome verify(Params params, Caller caller);
    Outcome search(Params params, Caller caller);
    Outcome exportEvents(Params params, Caller caller);
    Outcome historyEvents(Params params, Caller caller);
    Outcome historySearch(Params params, Caller caller);
    Outcome historyFacets(Params params, Caller caller);
    Outcome historyExport(Params params, Caller caller);
    Outcome figures(Params params, Caller caller);

    QPointer<Engine> m_engine;
    QPointer<rpc::RpcServer> m_server;
};

} // namespace delegate
