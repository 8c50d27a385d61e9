// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/sshremotescripts.h"

#include "sandbox/sshclient.h"

namespace delegate::sshscripts {

namespace {

QString shell(const QString &name, const char *script, const QStringList &args)
{
    return QStringLiteral("exec /bin/sh -c %1 %2 %3")
        .arg(SshClient::shellQuote(QString::fromUtf8(script)), name, SshClient::shellJoin(args));
}

// Git with Delegate's own settings: no hooks, no user configuration that
// could run programs, and no complaint about a tree another uid owns.
const char *const kGit =
    R"SH(g() { git -c core.hooksPath=/dev/null -c safe.directory='*' -c core.fsmonitor=false \
  -c gc.auto=0 -c maintenance.auto=false -c core.autocrlf=false -c commit.gpgsign=false \
  -c user.name=Delegate -c user.email=delegate@localhost "$@"; }
)SH";

} // namespace

QString probe(const QString &remoteRoot)
{
    static const char *const script = R"SH(
u=$(id -u)
R=$1
if [ -z "$R" ]; then
  if [ "$u" = 0 ]; then R=/var/tmp/delegate-remote; else R=${XDG_CACHE_HOME:-$HOME/.cache}/delegate/remote; fi
fi
echo "uid=$u"
echo "root=$R"
for t in bwrap git tar setpriv prlimit timeout; do echo "tool.$t=$(command -v $t 2>/dev/null)"; done
b=$(command -v bwrap 2>/dev/null)
if [ -n "$b" ] && [ -u "$b" ]; then echo "bwrap.setuid=1"; fi
for n in bin sbin lib lib32 lib64 libx32; do
  if [ -L "/$n" ]; then echo "link./$n=$(readlink "/$n")"; elif [ -d "/$n" ]; then echo "dir./$n=1"; fi
done
echo "sysctl.unprivileged_userns_clone=$(cat /proc/sys/kernel/unprivileged_userns_clone 2>/dev/null || echo absent)"
echo "sysctl.max_user_namespaces=$(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo absent)"
echo "sysctl.apparmor_restrict_unprivileged_userns=$(cat /proc/sys/kernel/apparmor_restrict_unprivileged_userns 2>/dev/null || echo absent)"
)SH";
    return shell(QStringLiteral("delegate-probe"), script, { remoteRoot });
}

QString buildEtc(const QString &remoteRoot, const QString &passwd, const QString &group, const QString &hosts)
{
    // The same selection as the local sandbox's /etc (SandboxEtc): what
    // programs read, never credentials, only what every user may read.
    static const char *const script = R"SH(
set -e
R=$1
umask 022
mkdir -p "$R"
chmod 711 "$R"
new=$(mktemp -d "$R/etc.new.XXXXXX")
chmod 755 "$new"
for n in alternatives ld.so.cache ld.so.conf ld.so.conf.d nsswitch.conf host.conf gai.conf localtime \
         timezone protocols services mime.types magic magic.mime profile bash.bashrc inputrc terminfo \
         ca-certificates ca-certificates.conf os-release debian_version perl xml sgml fonts ssl python3*; do
  if [ -e "/etc/$n" ] || [ -L "/etc/$n" ]; then cp -RP "/etc/$n" "$new/" 2>/dev/null || true; fi
done
rm -rf "$new/ssl/private"
find "$new" -mindepth 1 ! -type l ! -perm -o+r -prune -exec rm -rf {} + 2>/dev/null || true
printf '%s' "$2" > "$new/passwd"
printf '%s' "$3" > "$new/group"
printf '%s' "$4" > "$new/hosts"
: > "$new/resolv.conf"
chmod 644 "$new/passwd" "$new/group" "$new/hosts" "$new/resolv.conf"
rm -rf "$R/etc.old"
if [ -d "$R/etc" ]; then mv "$R/etc" "$R/etc.old"; fi
mv "$new" "$R/etc"
rm -rf "$R/etc.old"
echo "$R/etc"
)SH";
    return shell(QStringLiteral("delegate-etc"), script, { remoteRoot, passwd, group, hosts });
}

QString createSession(const QString &remoteRoot, const QString &treeOwner)
{
    static const char *const script = R"SH(
set -e
R=$1
owner=$2
umask 077
d=$(mktemp -d "$R/s.XXXXXXXX")
chmod 711 "$d"
mkdir "$d/tree"
chmod 755 "$d/tree"
(umask 022 && tar -x -f - -C "$d/tree" --no-same-owner --delay-directory-restore)
)SH"
                                      "%1"
                                      R"SH(
export GIT_DIR="$d/git" GIT_WORK_TREE="$d/tree"
g init -q
g add -A
g commit -q --allow-empty --no-verify -m baseline
if [ -n "$owner" ]; then chown -R "$owner" "$d/tree"; fi
echo "$d"
)SH";
    const QString text = QString::fromUtf8(script).arg(QString::fromUtf8(kGit));
    return QStringLiteral("exec /bin/sh -c %1 delegate-session %2")
        .arg(SshClient::shellQuote(text), SshClient::shellJoin({ remoteRoot, treeOwner }));
}

QString storeRequest(const QString &sessionDir, int id, qint64 optionsSize)
{
    static const char *const script = R"SH(
set -e
d=$1
umask 077
if [ "$3" -gt 0 ]; then dd of="$d/args.$2" bs="$3" count=1 iflag=fullblock 2>/dev/null; else : > "$d/args.$2"; fi
cat > "$d/stdin.$2"
)SH";
    return shell(QStringLiteral("delegate-store"), script,
                 { sessionDir, QString::number(id), QString::number(optionsSize) });
}

QString runCommand(const QString &sessionDir, int id, qint64 wallSeconds, const QStringList &command)
{
    // bwrap dies with its parent, and the sandbox's pid namespace with bwrap:
    // killing the timeout process in front of bwrap takes everything down.
    // The watchdog reads standard input, which only closes when the engine
    // hangs up or sshd goes away: commands never outlive the connection.
    static const char *const script = R"SH(
d=$1; id=$2; wall=$3; shift 3
exec 3<"$d/args.$id" || exit 251
rm -f "$d/args.$id"
: > "$d/run.$id"
exec 5<&0
exec 6<"$d/stdin.$id" || exit 251
rm -f "$d/stdin.$id"
"$@" 4>"$d/status.$id" <&6 &
pid=$!
exec 3<&- 6<&-
{ cat >/dev/null; if [ -e "$d/run.$id" ]; then kill -TERM "$pid"; fi; } <&5 >/dev/null 2>&1 &
exec 5<&-
wait "$pid"
code=$?
rm -f "$d/run.$id"
printf '{"wrapper-exit": %d}\n' "$code" >> "$d/status.$id"
exit 0
)SH";
    return shell(QStringLiteral("delegate-run"), script,
                 QStringList { sessionDir, QString::number(id), QString::number(wallSeconds) } + command);
}

QString collect(const QString &sessionDir, int id)
{
    static const char *const script = R"SH(
d=$1; id=$2
s=$(tr '\n' ' ' < "$d/status.$id" 2>/dev/null)
rm -f "$d/status.$id"
printf '%s\n' "$s"
)SH"
                                      "%1"
                                      R"SH(
export GIT_DIR="$d/git" GIT_WORK_TREE="$d/tree" GIT_INDEX_FILE="$d/sync.index"
cd "$d/tree" || exit 3
rm -f "$d/sync.index"
g read-tree HEAD || exit 3
g add -A || exit 3
g diff --cached --binary --no-renames --no-color --no-ext-diff --no-textconv HEAD || exit 3
t=$(g write-tree) || exit 3
c=$(g commit-tree "$t" -p HEAD -m sync) || exit 3
g update-ref HEAD "$c" || exit 3
)SH";
    const QString text = QString::fromUtf8(script).arg(QString::fromUtf8(kGit));
    return QStringLiteral("exec /bin/sh -c %1 delegate-collect %2")
        .arg(SshClient::shellQuote(text), SshClient::shellJoin({ sessionDir, QString::number(id) }));
}

QString removeSession(const QString &sessionDir)
{
    static const char *const script = R"SH(
case "$1" in */s.*) ;; *) exit 2 ;; esac
chmod -R u+rwx "$1" 2>/dev/null
rm -rf "$1"
)SH";
    return shell(QStringLiteral("delegate-remove"), script, { sessionDir });
}

} // namespace delegate::sshscripts
