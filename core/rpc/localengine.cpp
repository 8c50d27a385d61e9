// SPDX-License-Identifier: GPL-3.0-or-later
#include "localengine.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace delegate::rpc {

namespace {

std::optional<QString> writePrivately(const QString &path, const QByteArray &contents)
{
    QSaveFile file(path);
    // Owner-only from the first byte: QSaveFile writes a temporary file
    // that is renamed over the target.
    if (!file.open(QIODevice::WriteOnly))
        return u"cannot write %1: %2"_s.arg(path, file.errorString());
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return u"cannot make %1 private (mode 0600): %2"_s.arg(path, file.errorString());
    file.write(contents);
    if (!file.commit())
        return u"cannot write %1: %2"_s.arg(path, file.errorString());
    return std::nullopt;
}

} // namespace

QString LocalEngineDirectory::defaultPath()
{
    const QString overridden = qEnvironmentVariable("DELEGATE_RUNTIME_DIR");
    if (!overridden.isEmpty())
        return QDir::cleanPath(overridden);
    return QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation) + u"/delegate"_s;
}

LocalEngineDirectory::LocalEngineDirectory(QString path)
    : m_path(QDir::cleanPath(std::move(path)))
{ }

QString LocalEngineDirectory::endpointFile() const
{
    return m_path + u"/engine.json"_s;
}

QString LocalEngineDirectory::tokenFile() const
{
    return m_path + u"/token"_s;
}

QString LocalEngineDirectory::lockFile() const
{
    return m_path + u"/delegated.lock"_s;
}

QString LocalEngineDirectory::logFile() const
{
    return m_path + u"/delegated.log"_s;
}

std::optional<QString> LocalEngineDirectory::ensureExists() const
{
    if (!QDir().mkpath(m_path))
        return u"cannot create the folder %1; set DELEGATE_RUNTIME_DIR to a folder you can write"_s.arg(
            m_path);
    if (::chmod(QFile::encodeName(m_path).constData(), 0700) != 0)
        return u"cannot make %1 private (mode 0700): %2"_s.arg(m_path,
                                                               QString::fromLocal8Bit(strerror(errno)));
    return std::nullopt;
}

std::optional<QString> LocalEngineDirectory::publish(const LocalEndpoint &endpoint) const
{
    if (auto problem = ensureExists())
        return problem;
    if (auto problem = writePrivately(tokenFile(), endpoint.token.toUtf8() + '\n'))
        return problem;
    const QJsonObject description { { u"url"_s, endpoint.url.toString() },
                                    { u"pid"_s, endpoint.pid },
                                    { u"version"_s, endpoint.version },
                                    { u"store"_s, endpoint.store } };
    return writePrivately(endpointFile(), QJsonDocument(description).toJson());
}

void LocalEngineDirectory::withdraw() const
{
    QFile::remove(endpointFile());
    QFile::remove(tokenFile());
}

LocalEngineDirectory::ReadResult LocalEngineDirectory::read() const
{
    QFile endpointData(endpointFile());
    if (!endpointData.open(QIODevice::ReadOnly))
        return { std::nullopt, u"no engine has published itself in %1"_s.arg(m_path) };
    QJsonParseError parseError;
    const QJsonObject description = QJsonDocument::fromJson(endpointData.readAll(), &parseError).object();
    const QUrl url(description.value("url"_L1).toString());
    if (parseError.error != QJsonParseError::NoError || !url.isValid() || url.isEmpty())
        return { std::nullopt,
                 u"%1 is not what an engine writes; remove it and start delegated again"_s.arg(
                     endpointFile()) };
    QFile tokenData(tokenFile());
    if (!tokenData.open(QIODevice::ReadOnly))
        return { std::nullopt,
                 u"cannot read the engine's token %1: %2"_s.arg(tokenFile(), tokenData.errorString()) };
    LocalEndpoint endpoint;
    endpoint.url = url;
    endpoint.token = QString::fromUtf8(tokenData.readAll()).trimmed();
    endpoint.pid = description.value("pid"_L1).toInteger();
    endpoint.version = description.value("version"_L1).toString();
    endpoint.store = description.value("store"_L1).toString();
    return { endpoint, {} };
}

} // namespace delegate::rpc
