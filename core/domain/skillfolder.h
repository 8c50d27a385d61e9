// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "loadresult.h"
#include "skill.h"

#include <QString>

namespace delegate {

// A skill on disk, in the Agent Skills layout so other agent tools can use
// the same folder: SKILL.md (YAML frontmatter with name and description,
// then the agent's instructions in Markdown) plus Delegate's bounds template
// in delegate.yaml beside it (parameters, expected artifact, required
// capabilities, checkpoint policy, verify commands, playbook steps).
class SkillFolder final
{
public:
    static constexpr const char *skillFile = "SKILL.md";
    static constexpr const char *boundsFile = "delegate.yaml";
    static constexpr int maxNameLength = 64;
    static constexpr int maxDescriptionLength = 1024;

    static LoadResult<Skill> load(const QString &directory);
    // Empty when the name follows the Agent Skills rules; otherwise what to change.
    static QString checkName(const QString &name);
};

} // namespace delegate
