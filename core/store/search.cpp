// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/search.h"

#include <QRegularExpression>

namespace delegate {

using namespace Qt::StringLiterals;

QString SearchRequest::fromWords(const QString &text)
{
    static const QRegularExpression whitespace(u"\\s+"_s);
    QStringList terms;
    for (QString word : text.split(whitespace, Qt::SkipEmptyParts)) {
        if (word == u"AND" || word == u"OR" || word == u"NOT") {
            terms.append(word);
            continue;
        }
        const bool prefix = word.size() > 1 && word.endsWith(u'*');
        if (prefix)
            word.chop(1);
        word.replace(u'"', u"\"\""_s);
        terms.append(u'"' + word + u'"' + (prefix ? u"*"_s : QString()));
    }
    // Operators at either end (or two in a row) are FTS5 syntax errors;
    // treat such a stray operator as a word.
    for (qsizetype i = 0; i < terms.size(); ++i) {
        const bool isOperator = !terms.at(i).startsWith(u'"');
        if (!isOperator)
            continue;
        const bool atEdge = i == 0 || i == terms.size() - 1;
        const bool afterOperator = i > 0 && !terms.at(i - 1).startsWith(u'"');
        if (atEdge || afterOperator)
            terms[i] = u'"' + terms.at(i) + u'"';
    }
    return terms.join(u' ');
}

} // namespace delegate
