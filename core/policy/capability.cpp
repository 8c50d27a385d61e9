// SPDX-License-Identifier: GPL-3.0-or-later
#include "capability.h"

namespace delegate {

template<> std::span<const EnumName<Capability>> enumNames<Capability>()
{
    static constexpr EnumName<Capability> names[] = {
        { Capability::RepositoryRead, QLatin1StringView("repository.read") },
        { Capability::RepositoryWrite, QLatin1StringView("repository.write") },
        { Capability::NetworkAllowlist, QLatin1StringView("network.allowlist") },
        { Capability::NetworkFull, QLatin1StringView("network.full") },
        { Capability::Tool, QLatin1StringView("tools") },
        { Capability::Mount, QLatin1StringView("mounts") },
        { Capability::Secret, QLatin1StringView("secrets") },
        { Capability::CpuTime, QLatin1StringView("limits.cpu_time") },
        { Capability::Memory, QLatin1StringView("limits.memory_mb") },
        { Capability::Processes, QLatin1StringView("limits.processes") },
        { Capability::FileSize, QLatin1StringView("limits.file_size_mb") },
        { Capability::Output, QLatin1StringView("limits.output_kb") },
        { Capability::WallTime, QLatin1StringView("limits.wall_time") },
    };
    return names;
}

template<> std::span<const EnumName<CapabilityRisk>> enumNames<CapabilityRisk>()
{
    static constexpr EnumName<CapabilityRisk> names[] = {
        { CapabilityRisk::Low, QLatin1StringView("low") },
        { CapabilityRisk::Medium, QLatin1StringView("medium") },
        { CapabilityRisk::High, QLatin1StringView("high") },
    };
    return names;
}

} // namespace delegate
