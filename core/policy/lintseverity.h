// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enumnames.h"

namespace delegate {

// How much a lint finding weighs.
enum class LintSeverity {
    Error, // the element is not satisfied: the task is not bounded until it is fixed
    Warning, // the element holds, but the run is likely to go worse than it could
    Info, // a suggestion
};

template<> std::span<const EnumName<LintSeverity>> enumNames<LintSeverity>();

} // namespace delegate
