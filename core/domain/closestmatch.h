// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace delegate {

// Levenshtein distance between two words, case-insensitive.
int editDistance(QStringView a, QStringView b);

// The candidate a mistyped word most likely meant, or an empty string when
// none is close enough to suggest ("objectve" -> "objective"; "foo" -> "").
QString closestMatch(QStringView word, const QStringList &candidates);

} // namespace delegate
