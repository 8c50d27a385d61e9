// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/role.h"

#include <QString>

namespace delegate::rpc {

// Who is on the other end of a connection, as its token says.
struct Identity
{
    QString user;
    Role role = Role::Auditor;

    QString actor() const { return QStringLiteral("user:") + user; }
};

} // namespace delegate::rpc
