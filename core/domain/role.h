// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"

namespace delegate {

// What a person may do with an engine.
enum class Role {
    Lead, // compose, submit, cancel, approve
    Reviewer, // answer checkpoints, review, approve
    Auditor, // read only
};

template<> std::span<const EnumName<Role>> enumNames<Role>();

} // namespace delegate
