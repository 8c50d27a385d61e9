// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspace/patchstats.h"

#include <QHash>

namespace delegate {

QList<PatchFileStat> PatchStats::parse(const QByteArray &numstat, const QByteArray &nameStatus)
{
    QList<PatchFileStat> files;
    const QList<QByteArray> status = nameStatus.split('\0');
    for (qsizetype i = 0; i + 1 < status.size();) {
        const QByteArray code = status.at(i);
        if (code.isEmpty())
            break;
        PatchFileStat file;
        file.status = QChar(QLatin1Char(code.at(0)));
        if ((code.startsWith('R') || code.startsWith('C')) && i + 2 < status.size()) {
            file.oldPath = QString::fromUtf8(status.at(i + 1));
            file.path = QString::fromUtf8(status.at(i + 2));
            i += 3;
        } else {
            file.path = QString::fromUtf8(status.at(i + 1));
            i += 2;
        }
        files.append(file);
    }

    QHash<QString, qsizetype> byPath;
    for (qsizetype i = 0; i < files.size(); ++i)
        byPath.insert(files.at(i).path, i);

    // "added\tremoved\tpath\0", or "added\tremoved\t\0old\0new\0" for a rename.
    const QList<QByteArray> fields = numstat.split('\0');
    for (qsizetype i = 0; i < fields.size();) {
        const QByteArray &head = fields.at(i);
        const QList<QByteArray> parts = head.split('\t');
        if (parts.size() < 3) {
            ++i;
            continue;
        }
        QString path;
        if (parts.at(2).isEmpty() && i + 2 < fields.size()) {
            path = QString::fromUtf8(fields.at(i + 2));
            i += 3;
        } else {
            path = QString::fromUtf8(parts.at(2));
            i += 1;
        }
        const auto found = byPath.constFind(path);
        if (found == byPath.constEnd())
            continue;
        PatchFileStat &file = files[*found];
        file.binary = parts.at(0) == "-" && parts.at(1) == "-";
        file.added = file.binary ? 0 : parts.at(0).toInt();
        file.removed = file.binary ? 0 : parts.at(1).toInt();
    }
    return files;
}

} // namespace delegate
