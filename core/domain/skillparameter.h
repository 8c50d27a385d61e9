// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace delegate {

class JsonReader;

// A value a task fills in when it uses a skill ({service}, {since}).
struct SkillParameter
{
    QString name;
    QString description;
    bool required = false;
    QString defaultValue;

    QJsonObject toJson() const;
    static SkillParameter read(JsonReader &reader);

    friend bool operator==(const SkillParameter &, const SkillParameter &) = default;
};

} // namespace delegate
