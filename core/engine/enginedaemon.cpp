// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginedaemon.h"

#include "engine.h"
#include "engineservice.h"
#include "rpc/rpcserver.h"
#include "version.h"

#include <QLockFile>
#include <QPointer>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace delegate {

EngineDaemon::EngineDaemon(DaemonOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_directory(m_options.runtimeDirectory.isEmpty() ? rpc::LocalEngineDirectory::defaultPath()
                                                       : m_options.runtimeDirectory)
{ }

EngineDaemon::~EngineDaemon()
{
    if (m_published)
        m_directory.withdraw();
}

QString EngineDaemon::currentUser()
{
    if (const passwd *entry = ::getpwuid(::getuid()))
        return QString::fromLocal8Bit(entry->pw_name);
    return u"uid%1"_s.arg(::getuid());
}

QUrl EngineDaemon::url() const
{
    return m_server ? m_server->url() : QUrl();
}

QCoro::Task<std::optional<QString>> EngineDaemon::start()
{
    QPointer<EngineDaemon> self(this);
    if (auto problem = m_directory.ensureExists())
        co_return problem;
    m_lock = std::make_unique<QLockFile>(m_directory.lockFile());
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, application;
        m_lock->getLockInfo(&pid, &host, &application);
        co_return u"another engine (pid %1) already runs for %2; stop it first (delegatectl engine stop), "
                  "or give this one another --runtime-dir"_s.arg(pid)
                      .arg(m_directory.path());
    }

    if (!m_options.tokensFile.isEmpty()) {
        if (auto problem = m_tokens.loadFile(m_options.tokensFile))
            co_return problem;
    }
    const QString localToken = rpc::AccessTokens::generate();
    const QString user = m_options.localUser.isEmpty() ? currentUser() : m_options.localUser;
    m_tokens.add(localToken, rpc::Identity { user, Role::Lead });

    m_engine = new Engine(this);
    const EngineResult<void> opened = co_await m_engine->open(m_options.engine);
    if (!self)
        co_return u"the daemon was stopped while it started"_s;
    if (!opened.ok())
        co_return opened.error().message;

    m_server =
        new rpc::RpcServer([this](const QString &token) { return m_tokens.authenticate(token); }, this);
    new EngineService(m_engine, m_server, m_server);
    if (!m_server->listen(m_options.address, m_options.port)) {
        co_return u"cannot listen on %1 port %2: %3"_s.arg(m_options.address.toString())
            .arg(m_options.port)
            .arg(m_server->errorString());
    }

    rpc::LocalEndpoint endpoint;
    endpoint.url = m_server->url();
    endpoint.token = localToken;
    endpoint.pid = QCoreApplication::applicationPid();
    endpoint.version = QLatin1String(versionString);
    endpoint.store = m_engine->storePath();
    if (auto problem = m_directory.publish(endpoint))
        co_return problem;
    m_published = true;
    co_return std::nullopt;
}

QCoro::Task<void> EngineDaemon::stop(QString reason)
{
    QPointer<EngineDaemon> self(this);
    if (m_published) {
        m_directory.withdraw();
        m_published = false;
    }
    if (m_server)
        m_server->close();
    if (m_engine)
        co_await m_engine->shutdown(std::move(reason));
    if (self && m_lock)
        m_lock->unlock();
}

} // namespace delegate
