// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/secretprovider.h"

namespace delegate {

// Where actions get their credentials: a name (GITHUB_TOKEN) gives a value.
// It is the same interface sandbox policies take their secrets through, so
// the engine implements it once over its secret store; howToSet() words the
// "set this secret" part of error messages.
using SecretSource = SecretProvider;

} // namespace delegate
