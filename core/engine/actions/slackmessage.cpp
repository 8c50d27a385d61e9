// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/slackmessage.h"

#include "engine/actions/artifacttext.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

// Slack's limits: a header's text, a section's text, blocks per message.
constexpr qsizetype headerLimit = 150;
constexpr qsizetype sectionLimit = 3000;
constexpr qsizetype sectionBlockLimit = 45;

QString escaped(QString text)
{
    text.replace(u'&', "&amp;"_L1);
    text.replace(u'<', "&lt;"_L1);
    text.replace(u'>', "&gt;"_L1);
    return text;
}

QString convertLine(const QString &line)
{
    static const QRegularExpression heading(u"^#{1,6}\\s+(.*)$"_s);
    static const QRegularExpression bullet(u"^(\\s*)[-*+]\\s+(.*)$"_s);
    static const QRegularExpression strong(u"(\\*\\*|__)(.+?)\\1"_s);
    static const QRegularExpression link(u"\\[([^\\]]+)\\]\\(([^)\\s]+)\\)"_s);

    QString text = escaped(line);
    if (const QRegularExpressionMatch match = heading.match(text); match.hasMatch())
        return u'*' + match.captured(1).remove(u'*').trimmed() + u'*';
    if (const QRegularExpressionMatch match = bullet.match(text); match.hasMatch())
        text = match.captured(1) + u"• "_s + match.captured(2);
    text.replace(strong, u"*\\2*"_s);
    text.replace(link, u"<\\2|\\1>"_s);
    return text;
}

// Splits at paragraph boundaries, so no section ends mid-sentence unless a
// paragraph alone is too long.
QStringList sections(const QString &text)
{
    QStringList result;
    QString current;
    const QStringList paragraphs = text.split(u"\n\n"_s);
    for (const QString &paragraph : paragraphs) {
        QString piece = paragraph;
        while (piece.size() > sectionLimit) {
            if (!current.isEmpty()) {
                result.append(current);
                current.clear();
            }
            result.append(piece.left(sectionLimit));
            piece = piece.mid(sectionLimit);
        }
        if (current.size() + piece.size() + 2 > sectionLimit) {
            result.append(current);
            current.clear();
        }
        current += (current.isEmpty() ? QString() : u"\n\n"_s) + piece;
    }
    if (!current.trimmed().isEmpty())
        result.append(current);
    return result;
}

QJsonObject textObject(const QString &type, const QString &text)
{
    return { { u"type"_s, type }, { u"text"_s, text } };
}

} // namespace

QString SlackMessage::mrkdwn(const QString &markdown)
{
    QStringList lines = markdown.split(u'\n');
    bool inCode = false;
    for (QString &line : lines) {
        if (line.trimmed().startsWith("```"_L1)) {
            inCode = !inCode;
            line = u"```"_s;
            continue;
        }
        line = inCode ? escaped(line) : convertLine(line);
    }
    return lines.join(u'\n').trimmed();
}

QJsonObject SlackMessage::payload(const Artifact &artifact, const QString &runId, const QString &headline)
{
    QString header = headline.simplified();
    if (header.size() > headerLimit)
        header = header.left(headerLimit - 1) + u'…';

    QJsonArray blocks;
    blocks.append(
        QJsonObject { { u"type"_s, u"header"_s }, { u"text"_s, textObject(u"plain_text"_s, header) } });
    QStringList parts = sections(mrkdwn(ArtifactText::markdown(artifact)));
    if (parts.size() > sectionBlockLimit) {
        parts.resize(sectionBlockLimit);
        parts.last() += u"\n\n_(cut short: the whole text is in Delegate)_"_s;
    }
    for (const QString &part : std::as_const(parts))
        blocks.append(
            QJsonObject { { u"type"_s, u"section"_s }, { u"text"_s, textObject(u"mrkdwn"_s, part) } });
    blocks.append(QJsonObject {
        { u"type"_s, u"context"_s },
        { u"elements"_s,
          QJsonArray { textObject(u"mrkdwn"_s,
                                  u"Delegate · run `%1` · artifact v%2 · approved before posting"_s.arg(runId)
                                      .arg(artifact.version)) } },
    });
    return { { u"text"_s, escaped(headline.simplified()) }, { u"blocks"_s, blocks } };
}

} // namespace delegate
