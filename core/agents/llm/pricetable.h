// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chatmessage.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace delegate::llm {

// Prices per million tokens, by model. Prices change often and differ per
// contract, so the table is the user's to fill (Settings or a JSON file);
// a model without a price has an unknown cost, never a made-up one.
class PriceTable final
{
public:
    struct Price
    {
        double inputPerMillion = 0;
        double outputPerMillion = 0;
    };

    // pattern is a model name, or a prefix ending in '*' ("llama3*").
    void setPrice(const QString &pattern, Price price);
    // The exact entry wins over the longest matching prefix.
    std::optional<Price> priceFor(const QString &model) const;
    std::optional<double> costUsd(const QString &model, const TokenUsage &usage) const;

    // {"gpt-4o": {"input_per_mtok": 2.5, "output_per_mtok": 10}, "llama3*": {...}}
    static PriceTable fromJson(const QJsonObject &json, QString *error = nullptr);
    QJsonObject toJson() const;

private:
    struct Entry
    {
        QString pattern;
        Price price;
    };
    QList<Entry> m_entries;
};

} // namespace delegate::llm
