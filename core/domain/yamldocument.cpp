// SPDX-License-Identifier: GPL-3.0-or-later
#include "yamldocument.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace delegate {

namespace {

// yaml-cpp's tags: "?" for a plain scalar, "!" for a quoted or block one.
constexpr char plainTag[] = "?";
constexpr char coreTagPrefix[] = "tag:yaml.org,2002:";
constexpr char stringTag[] = "tag:yaml.org,2002:str";

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString parentOf(const QString &path)
{
    const qsizetype dot = path.lastIndexOf(u'.');
    const qsizetype bracket = path.lastIndexOf(u'[');
    const qsizetype cut = std::max(dot, bracket);
    return cut < 0 ? QString() : path.left(cut);
}

} // namespace

YamlDocument::YamlDocument(QString fileName)
    : m_fileName(std::move(fileName))
{ }

YamlDocument YamlDocument::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        YamlDocument document(path);
        document.m_errors.append(
            SourceError { path, 0, 0, {}, QStringLiteral("cannot read: ") + file.errorString() });
        return document;
    }
    return parse(file.readAll(), path);
}

YamlDocument YamlDocument::parse(const QByteArray &text, const QString &fileName)
{
    YamlDocument document(fileName);
    YAML::Node node;
    try {
        node = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &error) {
        const Position position =
            error.mark.is_null() ? Position {} : Position { error.mark.line + 1, error.mark.column + 1 };
        document.fail(position, QStringLiteral("YAML syntax error: ") + fromStd(error.msg));
        return document;
    }
    if (!node.IsDefined() || node.IsNull()) {
        document.fail(
            {}, QStringLiteral("the file is empty: expected a mapping of fields, such as `objective: ...`"));
        return document;
    }
    if (!node.IsMap()) {
        const YAML::Mark mark = node.Mark();
        document.fail(
            { mark.line + 1, mark.column + 1 },
            QStringLiteral("expected a mapping of fields at the top of the file, such as `name: ...`"));
        return document;
    }
    document.m_root = document.convert(node, QString()).toObject();
    return document;
}

void YamlDocument::fail(Position position, const QString &message)
{
    m_errors.append(SourceError { m_fileName, position.line, position.column, {}, message });
}

QJsonValue YamlDocument::convert(const YAML::Node &node, const QString &path)
{
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null())
        m_valuePositions.insert(path, Position { mark.line + 1, mark.column + 1 });

    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const YAML::Node &key = it->first;
            const YAML::Mark keyMark = key.Mark();
            const Position keyPosition { keyMark.line + 1, keyMark.column + 1 };
            if (!key.IsScalar()) {
                fail(keyPosition,
                     QStringLiteral("a key must be a plain word such as `objective`, not a list or mapping"));
                continue;
            }
            const QString name = fromStd(key.Scalar());
            const QString childPath = path.isEmpty() ? name : path + u'.' + name;
            if (object.contains(name)) {
                m_errors.append(SourceError {
                    m_fileName, keyPosition.line, keyPosition.column, childPath,
                    QStringLiteral("duplicate key: `%1` is already set above; keep one").arg(name) });
                continue;
            }
            m_keyPositions.insert(childPath, keyPosition);
            object.insert(name, convert(it->second, childPath));
        }
        return object;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (std::size_t i = 0; i < node.size(); ++i)
            array.append(convert(node[i], path + u'[' + QString::number(qsizetype(i)) + u']'));
        return array;
    }
    case YAML::NodeType::Scalar: {
        const QString text = fromStd(node.Scalar());
        // Quoted and block scalars are text; so is an explicit !!str.
        const std::string &tag = node.Tag();
        const bool coreTag = tag.rfind(coreTagPrefix, 0) == 0;
        if (tag != plainTag && (!coreTag || tag == stringTag))
            return text;
        const QJsonValue resolved = resolvePlainScalar(text);
        if (!resolved.isString())
            m_scalarTexts.insert(path, text);
        return resolved;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return QJsonValue(QJsonValue::Null);
    }
    return QJsonValue(QJsonValue::Null);
}

QJsonValue YamlDocument::resolvePlainScalar(const QString &text)
{
    static const QRegularExpression null(QStringLiteral("^(~|null|Null|NULL|)$"));
    static const QRegularExpression boolean(QStringLiteral("^(true|True|TRUE|false|False|FALSE)$"));
    static const QRegularExpression decimal(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression octal(QStringLiteral("^0o[0-7]+$"));
    static const QRegularExpression hex(QStringLiteral("^0x[0-9a-fA-F]+$"));
    static const QRegularExpression real(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));

    if (null.match(text).hasMatch())
        return QJsonValue(QJsonValue::Null);
    if (boolean.match(text).hasMatch())
        return text.front().toLower() == u't';
    if (decimal.match(text).hasMatch() || real.match(text).hasMatch())
        return text.toDouble();
    if (octal.match(text).hasMatch())
        return double(text.mid(2).toLongLong(nullptr, 8));
    if (hex.match(text).hasMatch())
        return double(text.mid(2).toLongLong(nullptr, 16));
    // .inf and .nan stay text: no field of the domain takes them.
    return text;
}

std::optional<YamlDocument::Position> YamlDocument::positionOf(QString path, FieldError::Kind kind) const
{
    // An unknown key, or a required one written without a value: at the key.
    if (kind == FieldError::Kind::UnknownKey || kind == FieldError::Kind::Missing) {
        if (const auto it = m_keyPositions.constFind(path); it != m_keyPositions.constEnd())
            return *it;
    }
    if (kind == FieldError::Kind::Missing) {
        // The mapping that lacks the field, at its key when it has one.
        path = parentOf(path);
        if (const auto it = m_keyPositions.constFind(path); it != m_keyPositions.constEnd())
            return *it;
    }
    for (;;) {
        if (const auto it = m_valuePositions.constFind(path); it != m_valuePositions.constEnd())
            return *it;
        if (path.isEmpty())
            return std::nullopt;
        path = parentOf(path);
    }
}

SourceError YamlDocument::locate(const FieldError &error) const
{
    const Position position = positionOf(error.path, error.kind).value_or(Position {});
    return SourceError { m_fileName, position.line, position.column, error.path, error.message };
}

JsonReader::ScalarText YamlDocument::scalarText() const
{
    return [texts = m_scalarTexts](const QString &path) -> std::optional<QString> {
        if (const auto it = texts.constFind(path); it != texts.constEnd())
            return *it;
        return std::nullopt;
    };
}

} // namespace delegate
