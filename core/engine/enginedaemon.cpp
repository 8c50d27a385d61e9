// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginedaemon.h"

#include "engine.h"
#include "engineservice.h"
#include "rpc/rpcconnection.h"
#include "rpc/rpcserver.h"
#include "rpc/tlsfiles.h"
#include "version.h"

#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLockFile>
#include <QPointer>
#include <QWebSocket>

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

void EngineDaemon::reloadTokens()
{
    if (m_options.tokensFile.isEmpty())
        return;
    // A replaced file is a new inode: watch it again.
    if (m_tokensWatcher && !m_tokensWatcher->files().contains(m_options.tokensFile)
        && QFileInfo::exists(m_options.tokensFile))
        m_tokensWatcher->addPath(m_options.tokensFile);
    rpc::AccessTokens reloaded;
    if (QFileInfo::exists(m_options.tokensFile)) {
        if (auto problem = reloaded.loadFile(m_options.tokensFile)) {
            qWarning("delegated: kept the previous tokens: %s", qPrintable(*problem));
            return;
        }
    }
    const QString localUser = m_options.localUser.isEmpty() ? currentUser() : m_options.localUser;
    reloaded.add(m_localToken, rpc::Identity { localUser, Role::Lead });
    m_tokens = reloaded;
    if (!m_server)
        return;
    for (rpc::RpcConnection *connection : m_server->connections()) {
        const std::optional<rpc::Identity> &identity = connection->identity();
        if (identity && !m_tokens.hasUser(identity->user)) {
            qInfo("delegated: closing a connection of %s, whose access was revoked",
                  qPrintable(identity->user));
            connection->socket()->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                        u"Your access to this engine was revoked."_s);
        }
    }
}

QUrl EngineDaemon::teamUrl() const
{
    if (!m_server || m_server->urls().size() < 2)
        return {};
    return m_server->urls().at(1);
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
        // An editor or `delegatectl user` replaces the file; watching its
        // folder too sees the new one.
        m_tokensWatcher = new QFileSystemWatcher(this);
        m_tokensWatcher->addPath(m_options.tokensFile);
        m_tokensWatcher->addPath(QFileInfo(m_options.tokensFile).absolutePath());
        connect(m_tokensWatcher, &QFileSystemWatcher::fileChanged, this, &EngineDaemon::reloadTokens);
        connect(m_tokensWatcher, &QFileSystemWatcher::directoryChanged, this, &EngineDaemon::reloadTokens);
    }
    const QString localToken = rpc::AccessTokens::generate();
    m_localToken = localToken;
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
    if (!m_options.tlsCertificateFile.isEmpty() || !m_options.tlsKeyFile.isEmpty()) {
        if (m_options.tlsCertificateFile.isEmpty() || m_options.tlsKeyFile.isEmpty())
            co_return u"a team server needs both --tls-cert and --tls-key"_s;
        QSslConfiguration tls;
        if (auto problem =
                rpc::TlsFiles::serverConfiguration(m_options.tlsCertificateFile, m_options.tlsKeyFile, &tls))
            co_return problem;
        // The local user's clients read a plain loopback URL from
        // engine.json; TLS is for everyone else.
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            co_return u"cannot listen on loopback: %1"_s.arg(m_server->errorString());
        if (!m_server->listen(m_options.address, m_options.port, tls)) {
            co_return u"cannot listen on %1 port %2: %3"_s.arg(m_options.address.toString())
                .arg(m_options.port)
                .arg(m_server->errorString());
        }
    } else if (!m_server->listen(m_options.address, m_options.port)) {
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
