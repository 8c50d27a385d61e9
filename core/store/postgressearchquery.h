// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/storeresult.h"

namespace delegate {

// Search queries are written in FTS5's syntax (see SearchRequest); on
// PostgreSQL they become a tsquery over the same normalised words (see
// SearchText::normalize). The part of FTS5's syntax covered: phrases in
// double quotes or bare words (the words of a phrase must follow each
// other), a trailing * for a prefix, AND (also implied between terms), OR,
// NOT, and parentheses. Column filters, NEAR and ^ are refused as syntax
// errors rather than silently read as words.
namespace PostgresSearchQuery {

// The text for to_tsquery('simple', …); empty when no term has any word in
// it (such a query matches nothing). Fails with "syntax error …".
StoreResult<QString> fromFts5(const QString &query);

} // namespace PostgresSearchQuery

} // namespace delegate
