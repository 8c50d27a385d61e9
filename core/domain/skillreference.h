// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>

namespace delegate {

class JsonReader;

// A task made from a skill: the skill's name and the values of its parameters.
struct SkillReference
{
    QString name; // empty: the task uses no skill
    QMap<QString, QString> parameters;

    bool isEmpty() const { return name.isEmpty() && parameters.isEmpty(); }

    QJsonObject toJson() const;
    static SkillReference read(JsonReader &reader);

    friend bool operator==(const SkillReference &, const SkillReference &) = default;
};

} // namespace delegate
