// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/event.h"

#include <QList>
#include <QString>

namespace delegate {

// A full-text search over the events' kind and payload text, newest first.
struct SearchRequest
{
    QString query; // FTS5 query syntax; see fromWords() for plain words
    int limit = 20;
    int offset = 0;
    // Keyset paging: only events older than this sequence (0: no bound). A
    // view that keeps paging while events arrive uses this instead of offset.
    qint64 beforeSequence = 0;
    // Around the matched terms in snippets.
    QString highlightStart = QStringLiteral("[");
    QString highlightEnd = QStringLiteral("]");

    // Turns what a person types into an FTS5 query that matches every word:
    // each word becomes a quoted phrase (so "run.state_changed" or "c++" are
    // no syntax errors), a trailing * keeps prefix search, and upper-case
    // AND, OR, NOT stay operators.
    static QString fromWords(const QString &text);
};

struct SearchHit
{
    Event event;
    QString snippet; // the best-matching text with the terms highlighted
};

struct SearchPage
{
    QList<SearchHit> hits;
    bool hasMore = false;
    // Events the index has not caught up with yet: a search cannot find
    // them until the writer indexes them (when its queue is next idle).
    qint64 unindexed = 0;
};

} // namespace delegate
