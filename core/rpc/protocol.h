// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace delegate::rpc {

// Bumped when a method or notification changes incompatibly; clients and
// engines compare it in session.authenticate (docs/protocol.md).
inline constexpr int protocolVersion = 1;

} // namespace delegate::rpc
