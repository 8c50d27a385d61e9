// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"

namespace delegate {

// What a run hands back for review (the order matches Artifact::Content).
enum class ArtifactKind {
    Patch, // a diff against the base commit: a pull request to be
    Report, // a Markdown diagnosis or analysis
    Issues, // issue drafts, created in a tracker only after approval
    Question, // a question that needs human judgement
};

template<> std::span<const EnumName<ArtifactKind>> enumNames<ArtifactKind>();

} // namespace delegate
