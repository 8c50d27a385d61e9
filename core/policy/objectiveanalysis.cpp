// SPDX-License-Identifier: GPL-3.0-or-later
#include "objectiveanalysis.h"

#include <QRegularExpression>

namespace delegate {

namespace {

bool isAnchor(const QString &token)
{
    static const QRegularExpression url(QStringLiteral("^[a-z][a-z0-9+.-]*://"));
    static const QRegularExpression fileName(QStringLiteral("^[\\w-]+\\.[A-Za-z0-9]{1,6}$"));
    static const QRegularExpression camelCase(QStringLiteral("^[a-z]+[A-Z]\\w*$|^[A-Z][a-z0-9]+[A-Z]\\w*$"));
    static const QRegularExpression identifier(QStringLiteral("\\w_\\w|::|\\(\\)|->"));
    static const QRegularExpression number(QStringLiteral("\\d"));
    if (token.compare(QLatin1String("e.g"), Qt::CaseInsensitive) == 0
        || token.compare(QLatin1String("i.e"), Qt::CaseInsensitive) == 0)
        return false;
    return url.match(token).hasMatch() || token.contains(u'/') || fileName.match(token).hasMatch()
        || camelCase.match(token).hasMatch() || identifier.match(token).hasMatch()
        || number.match(token).hasMatch();
}

QString stripPunctuation(const QString &token)
{
    static const QRegularExpression edges(QStringLiteral("^[(\\[{,;:!?]+|[)\\]},;:!?.]+$"));
    return QString(token).remove(edges);
}

} // namespace

const QStringList &ObjectiveAnalysis::vagueVerbs()
{
    static const QStringList verbs = {
        QStringLiteral("fix"),      QStringLiteral("improve"),    QStringLiteral("handle"),
        QStringLiteral("clean"),    QStringLiteral("cleanup"),    QStringLiteral("update"),
        QStringLiteral("optimize"), QStringLiteral("optimise"),   QStringLiteral("refactor"),
        QStringLiteral("enhance"),  QStringLiteral("make"),       QStringLiteral("deal"),
        QStringLiteral("look"),     QStringLiteral("sort"),       QStringLiteral("tidy"),
        QStringLiteral("address"),  QStringLiteral("solve"),      QStringLiteral("do"),
        QStringLiteral("work"),     QStringLiteral("help"),       QStringLiteral("support"),
        QStringLiteral("change"),   QStringLiteral("modernize"),  QStringLiteral("modernise"),
        QStringLiteral("rework"),   QStringLiteral("streamline"),
    };
    return verbs;
}

ObjectiveAnalysis ObjectiveAnalysis::analyse(const QString &objective)
{
    static const QStringList referenceWords = { QStringLiteral("this"), QStringLiteral("these"),
                                                QStringLiteral("those"), QStringLiteral("it"),
                                                QStringLiteral("them") };
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    static const QRegularExpression quotedText(QStringLiteral("\"[^\"]{2,}\"|`[^`]{2,}`"));
    static const QRegularExpression hasLetterOrDigit(QStringLiteral("[\\w]"));

    ObjectiveAnalysis analysis;
    // Quoted text counts as one anchor however many words it holds.
    for (auto it = quotedText.globalMatch(objective); it.hasNext();)
        analysis.anchors.append(it.next().captured());

    const QStringList tokens = objective.split(whitespace, Qt::SkipEmptyParts);
    for (const QString &raw : tokens) {
        if (!hasLetterOrDigit.match(raw).hasMatch())
            continue;
        ++analysis.wordCount;
        const QString token = stripPunctuation(raw);
        const QString word = token.toLower();
        if (analysis.leadingVerb.isEmpty() && word != QLatin1String("please"))
            analysis.leadingVerb = word;
        if (isAnchor(token) && !analysis.anchors.contains(token))
            analysis.anchors.append(token);
        if (referenceWords.contains(word) && !analysis.references.contains(word))
            analysis.references.append(word);
    }
    analysis.vagueVerb = vagueVerbs().contains(analysis.leadingVerb);
    return analysis;
}

} // namespace delegate
