// SPDX-License-Identifier: GPL-3.0-or-later
#include "pricetable.h"

using namespace Qt::StringLiterals;

namespace delegate::llm {

void PriceTable::setPrice(const QString &pattern, Price price)
{
    for (Entry &entry : m_entries) {
        if (entry.pattern == pattern) {
            entry.price = price;
            return;
        }
    }
    m_entries.append({ pattern, price });
}

std::optional<PriceTable::Price> PriceTable::priceFor(const QString &model) const
{
    const Entry *best = nullptr;
    qsizetype bestLength = -1;
    for (const Entry &entry : m_entries) {
        if (entry.pattern == model)
            return entry.price;
        if (entry.pattern.endsWith(u'*')) {
            const QStringView prefix = QStringView(entry.pattern).chopped(1);
            if (model.startsWith(prefix) && prefix.size() > bestLength) {
                best = &entry;
                bestLength = prefix.size();
            }
        }
    }
    if (best)
        return best->price;
    return std::nullopt;
}

std::optional<double> PriceTable::costUsd(const QString &model, const TokenUsage &usage) const
{
    const std::optional<Price> price = priceFor(model);
    if (!price)
        return std::nullopt;
    return (double(usage.inputTokens) * price->inputPerMillion
            + double(usage.outputTokens) * price->outputPerMillion)
        / 1'000'000.0;
}

PriceTable PriceTable::fromJson(const QJsonObject &json, QString *error)
{
    PriceTable table;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QJsonObject entry = it.value().toObject();
        const QJsonValue input = entry.value("input_per_mtok"_L1);
        const QJsonValue output = entry.value("output_per_mtok"_L1);
        if (!input.isDouble() || !output.isDouble() || input.toDouble() < 0 || output.toDouble() < 0) {
            if (error) {
                *error =
                    u"Price for '%1' needs non-negative numbers 'input_per_mtok' and 'output_per_mtok' (USD per million tokens)."_s
                        .arg(it.key());
            }
            continue;
        }
        table.setPrice(it.key(), { input.toDouble(), output.toDouble() });
    }
    return table;
}

QJsonObject PriceTable::toJson() const
{
    QJsonObject json;
    for (const Entry &entry : m_entries) {
        json.insert(entry.pattern,
                    QJsonObject { { u"input_per_mtok"_s, entry.price.inputPerMillion },
                                  { u"output_per_mtok"_s, entry.price.outputPerMillion } });
    }
    return json;
}

} // namespace delegate::llm
