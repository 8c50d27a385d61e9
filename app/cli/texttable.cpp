// SPDX-License-Identifier: GPL-3.0-or-later
#include "texttable.h"

#include <QTextStream>

namespace delegate::cli {

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{ }

void TextTable::setRightAligned(qsizetype column)
{
    m_rightAligned.insert(column);
}

void TextTable::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells.append(QString());
    m_rows.append(std::move(cells));
}

void TextTable::print(QTextStream &out, qsizetype indent) const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths.append(header.size());
    for (const QStringList &row : m_rows) {
        for (qsizetype i = 0; i < widths.size(); ++i)
            widths[i] = std::max(widths.at(i), row.at(i).size());
    }
    const auto printRow = [&](const QStringList &cells) {
        QString line(indent, u' ');
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const bool last = i == widths.size() - 1;
            if (i > 0)
                line += QStringLiteral("  ");
            if (m_rightAligned.contains(i))
                line += cells.at(i).rightJustified(widths.at(i));
            else if (last)
                line += cells.at(i);
            else
                line += cells.at(i).leftJustified(widths.at(i));
        }
        out << line << '\n';
    };
    printRow(m_headers);
    for (const QStringList &row : m_rows)
        printRow(row);
}

} // namespace delegate::cli
