// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enumnames.h"

namespace delegate {

enum class LintVerdict {
    // The agent would not know what to do, where, or what to hand back.
    Unbounded,
    // Some elements are there, at least one is not.
    PartiallyBounded,
    // All four elements are satisfied: no finding of error severity.
    Bounded,
};

template<> std::span<const EnumName<LintVerdict>> enumNames<LintVerdict>();

} // namespace delegate
