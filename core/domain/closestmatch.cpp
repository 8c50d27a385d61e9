// SPDX-License-Identifier: GPL-3.0-or-later
#include "closestmatch.h"

#include <algorithm>
#include <vector>

namespace delegate {

int editDistance(QStringView a, QStringView b)
{
    std::vector<int> previous(b.size() + 1);
    std::vector<int> current(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        current[0] = int(i);
        const QChar left = a[i - 1].toCaseFolded();
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int substitution = previous[j - 1] + (left == b[j - 1].toCaseFolded() ? 0 : 1);
            current[j] = std::min({ previous[j] + 1, current[j - 1] + 1, substitution });
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

QString closestMatch(QStringView word, const QStringList &candidates)
{
    // A third of the word's length catches typos and swapped separators
    // (base-ref, baseref) without suggesting unrelated keys for short words.
    const int allowed = std::max<int>(1, int(word.size()) / 3);
    QString best;
    int bestDistance = allowed + 1;
    for (const QString &candidate : candidates) {
        const int distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace delegate
