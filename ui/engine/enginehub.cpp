// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginehub.h"

#include "enginesession.h"

namespace delegate::ui {

EngineHub::EngineHub(QObject *parent)
    : QObject(parent)
{ }

EngineHub::~EngineHub() = default;

EngineSession *EngineHub::addEngine(const QString &name, const rpc::ConnectOptions &options)
{
    if (EngineSession *existing = engine(name))
        return existing;
    auto *session = new EngineSession(name, options, this);
    m_engines.append(session);
    Q_EMIT engineAdded(session);
    return session;
}

void EngineHub::removeEngine(const QString &name)
{
    EngineSession *session = engine(name);
    if (!session)
        return;
    m_engines.removeOne(session);
    Q_EMIT engineRemoved(name);
    session->stop();
    session->deleteLater();
}

EngineSession *EngineHub::engine(const QString &name) const
{
    for (EngineSession *session : m_engines) {
        if (session->name() == name)
            return session;
    }
    return nullptr;
}

void EngineHub::startAll()
{
    for (EngineSession *session : std::as_const(m_engines))
        session->start();
}

} // namespace delegate::ui
