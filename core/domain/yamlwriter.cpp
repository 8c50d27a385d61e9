// SPDX-License-Identifier: GPL-3.0-or-later
#include "yamlwriter.h"

#include "yamldocument.h"

#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace delegate {

namespace {

constexpr int indentStep = 2;
constexpr qsizetype flowListWidth = 60;

QString spaces(int count)
{
    return QString(count, u' ');
}

bool isEmpty(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return true;
    case QJsonValue::String:
        return value.toString().isEmpty();
    case QJsonValue::Array:
        return value.toArray().isEmpty();
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        return std::all_of(object.constBegin(), object.constEnd(),
                           [](const QJsonValue &v) { return isEmpty(v); });
    }
    case QJsonValue::Bool:
    case QJsonValue::Double:
        return false;
    }
    return false;
}

// Characters YAML does not allow raw in a scalar, or reads as line breaks.
bool isUnprintable(QChar c)
{
    const char16_t u = c.unicode();
    return u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029 || u == 0xfeff;
}

bool isPlainSafe(const QString &text, bool inFlow)
{
    static const QString indicators = QStringLiteral("-?:,[]{}#&*!|>'\"%@`");
    static const QString flowIndicators = QStringLiteral(",[]{}");
    if (text.isEmpty() || indicators.contains(text.front()) || text.front().isSpace() || text.back().isSpace()
        || text.endsWith(u':'))
        return false;
    if (text.contains(QLatin1String(": ")) || text.contains(QLatin1String(" #")))
        return false;
    for (const QChar c : text) {
        if (isUnprintable(c) || (inFlow && flowIndicators.contains(c)))
            return false;
    }
    // YAML 1.1 tools still read these as booleans; quoting them costs nothing.
    static const QRegularExpression yaml11Boolean(
        QStringLiteral("^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$"));
    return YamlDocument::resolvePlainScalar(text).isString() && !yaml11Boolean.match(text).hasMatch();
}

bool isLiteralSafe(const QString &text)
{
    if (!text.contains(u'\n') || text.front().isSpace())
        return false;
    for (const QChar c : text) {
        if (c != u'\n' && isUnprintable(c))
            return false;
    }
    // A line of only blanks is read back as an empty line.
    const QStringList lines = text.split(u'\n');
    return std::none_of(lines.cbegin(), lines.cend(),
                        [](const QString &line) { return !line.isEmpty() && line.trimmed().isEmpty(); });
}

QString doubleQuoted(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"':
            out += QLatin1String("\\\"");
            break;
        case u'\\':
            out += QLatin1String("\\\\");
            break;
        case u'\n':
            out += QLatin1String("\\n");
            break;
        case u'\t':
            out += QLatin1String("\\t");
            break;
        case u'\r':
            out += QLatin1String("\\r");
            break;
        default:
            if (isUnprintable(c))
                out += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + u'"';
}

QString scalarText(const QJsonValue &value, bool inFlow)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number == double(qint64(number)) && std::abs(number) < 9007199254740992.0)
            return QString::number(qint64(number));
        return QString::number(number, 'g', QLocale::FloatingPointShortest);
    }
    const QString text = value.toString();
    return isPlainSafe(text, inFlow) ? text : doubleQuoted(text);
}

// The block header keeps the string's trailing line breaks exactly:
// |- strips them all, | keeps one, |+ keeps every one.
void writeLiteral(QString &out, const QString &text, int indent)
{
    qsizetype trailing = 0;
    while (trailing < text.size() && text[text.size() - 1 - trailing] == u'\n')
        ++trailing;
    out += trailing == 0 ? QLatin1String(" |-\n")
        : trailing == 1  ? QLatin1String(" |\n")
                         : QLatin1String(" |+\n");
    const QStringList lines = text.left(text.size() - trailing).split(u'\n');
    for (const QString &line : lines) {
        if (!line.isEmpty())
            out += spaces(indent) + line;
        out += u'\n';
    }
    for (qsizetype i = 1; i < trailing; ++i)
        out += u'\n';
}

} // namespace

YamlWriter::YamlWriter(QHash<QString, QStringList> keyOrder)
    : m_keyOrder(std::move(keyOrder))
{ }

QByteArray YamlWriter::write(const QJsonObject &root) const
{
    QString out;
    writeMapping(out, root, QString(), 0);
    return out.toUtf8();
}

QStringList YamlWriter::orderedKeys(const QJsonObject &object, const QString &name) const
{
    const QStringList preferred = m_keyOrder.value(name);
    QStringList keys = object.keys();
    std::stable_sort(keys.begin(), keys.end(), [&preferred](const QString &a, const QString &b) {
        const qsizetype ia = preferred.contains(a) ? preferred.indexOf(a) : preferred.size();
        const qsizetype ib = preferred.contains(b) ? preferred.indexOf(b) : preferred.size();
        return ia < ib;
    });
    return keys;
}

void YamlWriter::writeMapping(QString &out, const QJsonObject &object, const QString &name, int indent) const
{
    for (const QString &key : orderedKeys(object, name)) {
        const QJsonValue value = object.value(key);
        if (isEmpty(value))
            continue;
        out += spaces(indent) + (isPlainSafe(key, false) ? key : doubleQuoted(key)) + u':';
        writeValue(out, value, key, indent);
    }
}

void YamlWriter::writeSequence(QString &out, const QJsonArray &array, const QString &name, int indent) const
{
    for (const QJsonValue &element : array) {
        if (element.isObject() || element.isArray()) {
            if (isEmpty(element)) {
                out +=
                    spaces(indent) + (element.isObject() ? QLatin1String("- {}\n") : QLatin1String("- []\n"));
                continue;
            }
            // The element's block, with its first indentation turned into "- ".
            QString block;
            if (element.isObject())
                writeMapping(block, element.toObject(), name, indent + indentStep);
            else
                writeSequence(block, element.toArray(), name, indent + indentStep);
            out += spaces(indent) + QLatin1String("- ") + QStringView(block).mid(indent + indentStep);
            continue;
        }
        out += spaces(indent) + u'-';
        writeValue(out, element, name, indent);
    }
}

void YamlWriter::writeValue(QString &out, const QJsonValue &value, const QString &name, int indent) const
{
    if (value.isObject()) {
        out += u'\n';
        writeMapping(out, value.toObject(), name, indent + indentStep);
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        const bool scalars = std::all_of(array.begin(), array.end(), [](const QJsonValue &element) {
            return element.isBool() || element.isDouble()
                || (element.isString() && isPlainSafe(element.toString(), true));
        });
        if (scalars) {
            QStringList items;
            for (const QJsonValue &element : array)
                items.append(scalarText(element, true));
            const QString flow = u'[' + items.join(QLatin1String(", ")) + u']';
            if (flow.size() + indent <= flowListWidth) {
                out += u' ' + flow + u'\n';
                return;
            }
        }
        out += u'\n';
        writeSequence(out, array, name, indent + indentStep);
        return;
    }
    if (value.isString() && isLiteralSafe(value.toString())) {
        writeLiteral(out, value.toString(), indent + indentStep);
        return;
    }
    out += u' ' + scalarText(value, false) + u'\n';
}

} // namespace delegate
