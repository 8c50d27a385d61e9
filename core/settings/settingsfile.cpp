// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsfile.h"

#include "domain/yamldocument.h"
#include "domain/yamlwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace delegate {

QString SettingsFile::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + u"/delegate/settings.yaml"_s;
}

LoadResult<DelegateSettings> SettingsFile::load(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        LoadResult<DelegateSettings> empty;
        empty.value = DelegateSettings {};
        return empty;
    }
    return YamlDocument::read(path).load<DelegateSettings>();
}

LoadResult<DelegateSettings> SettingsFile::parse(const QByteArray &text, const QString &fileName)
{
    return YamlDocument::parse(text, fileName).load<DelegateSettings>();
}

QByteArray SettingsFile::toYaml(const DelegateSettings &settings)
{
    static const YamlWriter writer({
        { QString(), { u"providers"_s, u"default_provider"_s, u"engine"_s } },
        { u"providers"_s, { u"name"_s, u"kind"_s, u"base_url"_s, u"models"_s } },
        { u"engine"_s, { u"max_runs"_s, u"daily_budget_usd"_s, u"store"_s } },
    });
    return "# Delegate's settings (docs/settings.md). API keys are in the system keychain, not here.\n"
        + writer.write(settings.toJson());
}

std::optional<QString> SettingsFile::save(const DelegateSettings &settings, const QString &path)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return u"Cannot create the folder %1 for the settings file: check its permissions."_s.arg(folder);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return u"Cannot write the settings file %1: %2"_s.arg(path, file.errorString());
    file.write(toYaml(settings));
    if (!file.commit())
        return u"Cannot write the settings file %1: %2"_s.arg(path, file.errorString());
    return std::nullopt;
}

} // namespace delegate
