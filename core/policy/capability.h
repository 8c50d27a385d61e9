// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enumnames.h"

namespace delegate {

// Every kind of grant an environment can make. The spellings are the field
// paths people write in environment files, so findings and chips can point
// at the line to change.
enum class Capability {
    RepositoryRead,
    RepositoryWrite,
    NetworkAllowlist,
    NetworkFull,
    Tool,
    Mount,
    Secret,
    CpuTime,
    Memory,
    Processes,
    FileSize,
    Output,
    WallTime,
};

// How much a grant widens what a command can do outside the task.
enum class CapabilityRisk {
    Low, // more resources or more programs, nothing new leaves the sandbox
    Medium, // the command sees or changes more of the host's data
    High, // data or credentials can leave the machine
};

template<> std::span<const EnumName<Capability>> enumNames<Capability>();
template<> std::span<const EnumName<CapabilityRisk>> enumNames<CapabilityRisk>();

} // namespace delegate
