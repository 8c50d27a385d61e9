// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/jsonreader.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace delegate {

// Reads an action's parameters and collects every problem at once, each as
// "parameters.base: expected text, got a number". Unknown parameters are
// problems too, with the closest known name suggested: a misspelt `bsae`
// must not silently become the default base branch.
class ActionParameters final
{
public:
    explicit ActionParameters(const QJsonObject &parameters);
    ActionParameters(const ActionParameters &) = delete;
    ActionParameters &operator=(const ActionParameters &) = delete;

    QString text(QLatin1StringView key, JsonReader::Need need = JsonReader::Need::Optional);
    QStringList textList(QLatin1StringView key);
    bool boolean(QLatin1StringView key, bool fallback);
    // Draft indices below count, such as created_drafts: [0, 2].
    QList<int> indices(QLatin1StringView key, qsizetype count);
    void fail(QLatin1StringView key, const QString &message);

    // Every problem found, unknown keys included. Call once, after all reads.
    QStringList problems();

private:
    FieldErrors m_errors;
    JsonReader m_reader;
};

} // namespace delegate
