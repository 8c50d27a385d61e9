// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enumnames.h"

namespace delegate {

enum class AlignmentVerdict {
    // The environment grants what the task needs and nothing more.
    Aligned,
    // The task can be done, but the environment grants more than it uses.
    Excess,
    // The task cannot be done here: something it needs is not granted.
    Missing,
};

template<> std::span<const EnumName<AlignmentVerdict>> enumNames<AlignmentVerdict>();

} // namespace delegate
