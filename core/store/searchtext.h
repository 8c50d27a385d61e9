// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

namespace delegate {

// What full-text search sees of an event, for the databases that do not
// extract it themselves (PostgreSQL; SQLite's FTS5 does the same in SQL).
namespace SearchText {

// The string values of a payload in document order, separated by spaces. A
// payload that is not a JSON object (only possible if someone edited the
// table by hand) is searched as it is.
QString ofPayload(QByteArrayView payloadJson);

// Text as FTS5's unicode61 tokenizer (with remove_diacritics) sees it:
// lower case, accents removed, every run of characters that are neither
// letters nor digits turned into one space. Indexing and querying both go
// through this, so the PostgreSQL store matches what the SQLite one does.
QString normalize(QStringView text);

} // namespace SearchText

} // namespace delegate
