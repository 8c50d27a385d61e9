// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sandboxetc.h"

#include "sandbox/bwrapcommand.h"

#include <QDir>
#include <QFile>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace delegate {

namespace {

// What ordinary programs read from /etc. Nothing with credentials.
const char *const kEntries[] = {
    "alternatives",
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "nsswitch.conf",
    "host.conf",
    "gai.conf",
    "localtime",
    "timezone",
    "protocols",
    "services",
    "mime.types",
    "magic",
    "magic.mime",
    "profile",
    "bash.bashrc",
    "inputrc",
    "terminfo",
    "ca-certificates",
    "ca-certificates.conf",
    "os-release",
    "debian_version",
    "perl",
    "xml",
    "sgml",
    "fonts",
    "ssl",
};

bool worldReadable(const struct stat &st)
{
    if (S_ISDIR(st.st_mode))
        return (st.st_mode & (S_IROTH | S_IXOTH)) == (S_IROTH | S_IXOTH);
    return st.st_mode & S_IROTH;
}

bool copyFile(const QByteArray &from, const QByteArray &to, mode_t mode)
{
    const int in = ::open(from.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (in < 0)
        return false;
    const int out = ::open(to.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode & 0755);
    bool ok = out >= 0;
    char buffer[65536];
    while (ok) {
        const ssize_t n = ::read(in, buffer, sizeof buffer);
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        ok = ::write(out, buffer, size_t(n)) == n;
    }
    ::close(in);
    if (out >= 0)
        ::close(out);
    return ok;
}

// Copies a tree as it is: symlinks stay symlinks (their targets resolve
// inside the sandbox, where /usr is the host's), and whatever other users
// could not read on the host stays out.
void copyTree(const QByteArray &from, const QByteArray &to)
{
    struct stat st;
    if (::lstat(from.constData(), &st) != 0)
        return;
    if (S_ISLNK(st.st_mode)) {
        char target[4096];
        const ssize_t n = ::readlink(from.constData(), target, sizeof target - 1);
        if (n > 0) {
            target[n] = '\0';
            (void)::symlink(target, to.constData());
        }
        return;
    }
    if (!worldReadable(st))
        return;
    if (S_ISREG(st.st_mode)) {
        copyFile(from, to, st.st_mode);
        return;
    }
    if (!S_ISDIR(st.st_mode) || ::mkdir(to.constData(), 0755) != 0)
        return;
    DIR *dir = ::opendir(from.constData());
    if (!dir)
        return;
    while (dirent *entry = ::readdir(dir)) {
        if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0)
            continue;
        copyTree(from + '/' + entry->d_name, to + '/' + entry->d_name);
    }
    ::closedir(dir);
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const bool ok = file.write(contents) == contents.size();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    return ok;
}

} // namespace

std::shared_ptr<SandboxEtc> SandboxEtc::build()
{
    auto etc = std::make_shared<SandboxEtc>();
    etc->m_dir =
        std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/delegate-sandbox-etc-XXXXXX"));
    if (!etc->m_dir->isValid()) {
        etc->m_error = QStringLiteral("cannot create the sandbox's /etc under %1: %2")
                           .arg(QDir::tempPath(), etc->m_dir->errorString());
        etc->m_dir.reset();
        return etc;
    }
    const QString root = etc->m_dir->path();
    // Readable by a sandbox that runs as another user than the engine.
    QFile::setPermissions(root,
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                              | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    for (const char *name : kEntries)
        copyTree(QByteArray("/etc/") + name, QFile::encodeName(root) + '/' + name);
    // Python keeps its site configuration in /etc/python3.X.
    const QStringList pythons =
        QDir(QStringLiteral("/etc"))
            .entryList({ QStringLiteral("python3*") }, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &name : pythons)
        copyTree(QFile::encodeName(QStringLiteral("/etc/") + name), QFile::encodeName(root + u'/' + name));
    // The private keys directory is never world-readable, but make sure.
    QDir(root + QStringLiteral("/ssl/private")).removeRecursively();

    if (!writeFile(root + QStringLiteral("/passwd"), BwrapCommand::passwdContents())
        || !writeFile(root + QStringLiteral("/group"), BwrapCommand::groupContents())
        || !writeFile(root + QStringLiteral("/hosts"), BwrapCommand::hostsContents())
        // Empty (no name server) unless a sandbox with network binds the
        // host's over it; it has to exist to be a mount point.
        || !writeFile(root + QStringLiteral("/resolv.conf"), QByteArray())) {
        etc->m_error = QStringLiteral("cannot write the sandbox's /etc files in %1").arg(root);
        etc->m_dir.reset();
    }
    return etc;
}

} // namespace delegate
