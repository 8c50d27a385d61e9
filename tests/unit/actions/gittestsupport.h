// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Real git for the action tests: a command runner with a fixed identity, and
// a snapshot of what the user sees of their own checkout.

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace delegate::testing {

struct GitCall
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString text() const { return QString::fromUtf8(out).trimmed(); }
};

GitCall git(const QString &directory, const QStringList &arguments);
void writeFile(const QString &path, const QByteArray &contents);
QByteArray readFile(const QString &path);
QByteArray binaryBlob(char seed, int size = 3000);
// Every file below a directory (relative path -> contents), .git excluded.
QMap<QString, QByteArray> treeContents(const QString &root);

// HEAD, the checked-out branch, status, the index file, every ref that is
// not Delegate's, and every file of the working tree.
struct Checkout
{
    QString head;
    QString symbolicHead;
    QByteArray status;
    QByteArray index;
    QByteArray refs;
    QMap<QString, QByteArray> files;

    bool operator==(const Checkout &) const = default;
};

Checkout snapshot(const QString &repository);

} // namespace delegate::testing
