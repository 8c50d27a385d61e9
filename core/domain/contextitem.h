// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"

#include <QJsonObject>
#include <QString>

namespace delegate {

class JsonReader;

// One piece of context handed to the agent with the task.
struct ContextItem
{
    enum class Kind {
        File, // a path in the repository
        Url, // a page, log query or dashboard
        Text, // pasted text: an error excerpt, audit findings
    };

    Kind kind = Kind::Text;
    QString value; // the path, the URL or the text itself
    QString label; // how the agent and the reviewer refer to it

    QJsonObject toJson() const;
    static ContextItem read(JsonReader &reader);

    friend bool operator==(const ContextItem &, const ContextItem &) = default;
};

template<> std::span<const EnumName<ContextItem::Kind>> enumNames<ContextItem::Kind>();

} // namespace delegate
