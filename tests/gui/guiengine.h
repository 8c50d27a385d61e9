// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the GUI tests share: a real engine in the test's process (store in a
// temporary folder, git worktrees, the bubblewrap sandbox, the scripted model
// provider), served over a real WebSocket on loopback, and an EngineHub
// whose "local" session is connected to it as a lead. The GUI reaches it
// only through the RPC client, as it reaches a daemon.

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "enginetestsupport.h"

#include "engine/engineservice.h"
#include "rpc/rpcserver.h"

#include <QCoro/QCoroTask>
#include <QSignalSpy>

namespace delegate::test {

class GuiEngine
{
public:
    EngineHarness harness;
    std::unique_ptr<Engine> engine;
    std::unique_ptr<rpc::RpcServer> server;
    std::unique_ptr<ui::EngineHub> hub;

    static std::optional<rpc::Identity> identityFor(const QString &token)
    {
        if (token == QLatin1String("lead-token"))
            return rpc::Identity { QStringLiteral("ada"), Role::Lead };
        if (token == QLatin1String("reviewer-token"))
            return rpc::Identity { QStringLiteral("grace"), Role::Reviewer };
        if (token == QLatin1String("auditor-token"))
            return rpc::Identity { QStringLiteral("alan"), Role::Auditor };
        return std::nullopt;
    }

    // Starts the engine and the server and connects the hub's "local"
    // session with the token; false when a part failed (with a warning).
    bool start(const QString &token = QStringLiteral("lead-token"))
    {
        if (!harness.setUp())
            return false;
        engine = std::make_unique<Engine>();
        const auto opened = QCoro::waitFor(engine->open(harness.options()));
        if (!opened.ok()) {
            qWarning() << opened.error().message;
            return false;
        }
        server = std::make_unique<rpc::RpcServer>(identityFor);
        if (!server->listen(QHostAddress::LocalHost))
            return false;
        new EngineService(engine.get(), server.get(), server.get());
        hub = std::make_unique<ui::EngineHub>();
        rpc::ConnectOptions options;
        options.url = server->url();
        options.token = token;
        options.startIfNeeded = false;
        ui::EngineSession *session = hub->addEngine(QStringLiteral("local"), options);
        QSignalSpy ready(session, &ui::EngineSession::ready);
        session->start();
        return ready.wait(20000);
    }

    ui::EngineSession *session() const { return hub->engine(QStringLiteral("local")); }

    // Submits the harness's "fix add()" task (or another) as ada; the run ids.
    QStringList submit(SubmitRequest request)
    {
        const auto submitted = QCoro::waitFor(engine->submit(request, QStringLiteral("user:ada")));
        if (!submitted.ok()) {
            qWarning() << submitted.error().message;
            return {};
        }
        return submitted.value();
    }

    ~GuiEngine()
    {
        hub.reset();
        server.reset();
        if (engine)
            QCoro::waitFor(engine->shutdown(QStringLiteral("test")));
    }
};

} // namespace delegate::test
