// SPDX-License-Identifier: GPL-3.0-or-later
#include "contextitem.h"

#include "jsonreader.h"

#include <QUrl>

namespace delegate {

template<> std::span<const EnumName<ContextItem::Kind>> enumNames<ContextItem::Kind>()
{
    // The kind's name is also the key that holds the value: {file: docs/x.md}.
    static constexpr EnumName<ContextItem::Kind> names[] = {
        { ContextItem::Kind::File, QLatin1StringView("file") },
        { ContextItem::Kind::Url, QLatin1StringView("url") },
        { ContextItem::Kind::Text, QLatin1StringView("text") },
    };
    return names;
}

QJsonObject ContextItem::toJson() const
{
    QJsonObject json { { enumToString(kind), value } };
    if (!label.isEmpty())
        json.insert(QLatin1String("label"), label);
    return json;
}

ContextItem ContextItem::read(JsonReader &reader)
{
    ContextItem item;
    int found = 0;
    for (const EnumName<Kind> &kind : enumNames<Kind>()) {
        if (reader.has(kind.name)) {
            item.kind = kind.value;
            item.value = reader.text(kind.name);
            ++found;
        }
    }
    item.label = reader.text(QLatin1StringView("label"));
    if (found != 1) {
        reader.fail(
            QLatin1StringView(),
            QStringLiteral("expected exactly one of `file`, `url` or `text` (with an optional `label`), "
                           "found %1")
                .arg(found));
    } else if (item.kind == Kind::Url && QUrl(item.value, QUrl::StrictMode).scheme().isEmpty()) {
        reader.fail(QLatin1StringView("url"),
                    QStringLiteral("`%1` is not a URL: expected one with a scheme, such as https://")
                        .arg(item.value));
    }
    reader.finish();
    return item;
}

} // namespace delegate
