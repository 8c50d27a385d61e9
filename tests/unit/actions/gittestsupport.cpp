// SPDX-License-Identifier: GPL-3.0-or-later
#include "gittestsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace delegate::testing {

GitCall git(const QString &directory, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"GIT_OPTIONAL_LOCKS"_s, u"0"_s);
    env.insert(u"GIT_AUTHOR_NAME"_s, u"Test"_s);
    env.insert(u"GIT_AUTHOR_EMAIL"_s, u"test@example.invalid"_s);
    env.insert(u"GIT_COMMITTER_NAME"_s, u"Test"_s);
    env.insert(u"GIT_COMMITTER_EMAIL"_s, u"test@example.invalid"_s);
    process.setProcessEnvironment(env);
    process.start(u"git"_s, QStringList { u"-C"_s, directory } + arguments);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return GitCall { process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError() };
}

void writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(contents);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

QByteArray binaryBlob(char seed, int size)
{
    QByteArray blob;
    for (int i = 0; i < size; ++i)
        blob.append(char((i * 7 + seed) % 256));
    blob[10] = '\0';
    return blob;
}

QMap<QString, QByteArray> treeContents(const QString &root)
{
    QMap<QString, QByteArray> contents;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        if (relative == ".git"_L1 || relative.startsWith(".git/"_L1))
            continue;
        contents.insert(relative, readFile(path));
    }
    return contents;
}

Checkout snapshot(const QString &repository)
{
    Checkout checkout;
    checkout.head = git(repository, { u"rev-parse"_s, u"HEAD"_s }).text();
    checkout.symbolicHead = git(repository, { u"symbolic-ref"_s, u"HEAD"_s }).text();
    checkout.status =
        git(repository, { u"status"_s, u"--porcelain=v2"_s, u"--branch"_s, u"--untracked-files=all"_s }).out;
    checkout.index =
        QCryptographicHash::hash(readFile(repository + u"/.git/index"_s), QCryptographicHash::Sha256);
    const QList<QByteArray> refs =
        git(repository, { u"for-each-ref"_s, u"--format=%(refname) %(objectname)"_s }).out.split('\n');
    for (const QByteArray &line : refs) {
        // Delegate's own branch (and its remote-tracking copy) may change.
        if (!line.contains("/delegate/"))
            checkout.refs += line + '\n';
    }
    checkout.files = treeContents(repository);
    return checkout;
}

} // namespace delegate::testing
