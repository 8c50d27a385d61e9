// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSet>
#include <QStringList>

class QTextStream;

namespace delegate::cli {

// Rows of text in aligned columns, a header first. The last column is not
// padded, so long titles or prompts do not leave trailing blanks.
class TextTable final
{
public:
    explicit TextTable(QStringList headers);

    void setRightAligned(qsizetype column);
    void addRow(QStringList cells);
    bool isEmpty() const { return m_rows.isEmpty(); }

    void print(QTextStream &out, qsizetype indent = 0) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    QSet<qsizetype> m_rightAligned;
};

} // namespace delegate::cli
