// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace delegate {

// What the bounded-task lint notices in an objective's wording. Plain
// heuristics, each one explainable in a sentence: no model involved.
struct ObjectiveAnalysis
{
    static constexpr int minimumWords = 6;

    int wordCount = 0;
    QString leadingVerb; // the first word, lower case ("please" skipped)
    bool vagueVerb = false; // fix, improve, handle ... say nothing about where or how much
    // Words that point at something specific: a path, an identifier, a number,
    // quoted text, a URL.
    QStringList anchors;
    // this, these, those, it, them: they refer to something the agent must be given.
    QStringList references;

    bool isTooShort() const { return wordCount < minimumWords; }

    static ObjectiveAnalysis analyse(const QString &objective);
    // The verbs the lint considers vague, for the documentation and messages.
    static const QStringList &vagueVerbs();
};

} // namespace delegate
