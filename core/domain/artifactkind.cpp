// SPDX-License-Identifier: GPL-3.0-or-later
#include "artifactkind.h"

namespace delegate {

template<> std::span<const EnumName<ArtifactKind>> enumNames<ArtifactKind>()
{
    static constexpr EnumName<ArtifactKind> names[] = {
        { ArtifactKind::Patch, QLatin1StringView("patch") },
        { ArtifactKind::Report, QLatin1StringView("report") },
        { ArtifactKind::Issues, QLatin1StringView("issues") },
        { ArtifactKind::Question, QLatin1StringView("question") },
    };
    return names;
}

} // namespace delegate
