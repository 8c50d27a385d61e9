// SPDX-License-Identifier: GPL-3.0-or-later
#include "batchtargets.h"

#include <QFile>

namespace delegate {

using namespace Qt::StringLiterals;

bool BatchTargets::isCsv(const QString &path)
{
    return path.endsWith(u".csv"_s, Qt::CaseInsensitive);
}

std::optional<QList<BatchTarget>> BatchTargets::read(const QString &path, const QString &parameter,
                                                     QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the targets file %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    QString problem;
    auto targets = parse(QString::fromUtf8(file.readAll()), isCsv(path), parameter, &problem);
    if (!targets)
        *error = path + problem;
    return targets;
}

std::optional<QList<BatchTarget>> BatchTargets::parse(const QString &text, bool csv, const QString &parameter,
                                                      QString *error)
{
    QList<BatchTarget> targets;
    QStringList header;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int number = int(i + 1);
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        if (!csv) {
            targets.append({ number, { { parameter, trimmed } } });
            continue;
        }
        const std::optional<QStringList> fields = splitCsvLine(line);
        if (!fields) {
            *error = u":%1: a quoted field is not closed (fields cannot span lines)"_s.arg(number);
            return std::nullopt;
        }
        if (header.isEmpty()) {
            header = *fields;
            for (const QString &name : std::as_const(header)) {
                if (name.isEmpty()) {
                    *error = u":%1: the header row names a parameter per column; a column has no name"_s.arg(
                        number);
                    return std::nullopt;
                }
            }
            continue;
        }
        if (fields->size() != header.size()) {
            *error = u":%1: %2 fields, but the header row has %3 columns (%4)"_s.arg(number)
                         .arg(fields->size())
                         .arg(header.size())
                         .arg(header.join(u", "_s));
            return std::nullopt;
        }
        BatchTarget target { number, {} };
        for (qsizetype column = 0; column < header.size(); ++column)
            target.values.insert(header.at(column), fields->at(column));
        targets.append(target);
    }
    if (targets.isEmpty()) {
        *error =
            csv ? u": no rows below the header row"_s : u": no targets (one a line; # starts a comment)"_s;
        return std::nullopt;
    }
    return targets;
}

std::optional<QStringList> BatchTargets::splitCsvLine(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"' && field.trimmed().isEmpty()) {
            quoted = true;
            wasQuoted = true;
            field.clear();
        } else if (c == u',') {
            fields.append(wasQuoted ? field : field.trimmed());
            field.clear();
            wasQuoted = false;
        } else if (!wasQuoted) {
            field += c;
        }
    }
    if (quoted)
        return std::nullopt;
    fields.append(wasQuoted ? field : field.trimmed());
    return fields;
}

} // namespace delegate
