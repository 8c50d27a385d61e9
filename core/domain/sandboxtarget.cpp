// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandboxtarget.h"

namespace delegate {

namespace {
constexpr QLatin1StringView sshPrefix("ssh:");
}

QString SandboxTarget::toString() const
{
    if (kind == Kind::Ssh)
        return host.isEmpty() ? QStringLiteral("ssh") : sshPrefix + host;
    return QStringLiteral("local");
}

std::optional<SandboxTarget> SandboxTarget::parse(QStringView text)
{
    if (text == QLatin1StringView("local"))
        return SandboxTarget {};
    if (text == QLatin1StringView("ssh"))
        return SandboxTarget { Kind::Ssh, QString() }; // the hosts come from a pool
    if (text.startsWith(sshPrefix)) {
        const QStringView host = text.mid(sshPrefix.size());
        const bool plausible = !host.isEmpty() && !host.contains(u' ') && !host.startsWith(u'-');
        if (plausible)
            return SandboxTarget { Kind::Ssh, host.toString() };
    }
    return std::nullopt;
}

} // namespace delegate
