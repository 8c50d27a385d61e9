// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/skill.h"

#include <QByteArray>
#include <QString>

namespace delegate {

// Writes a skill as an Agent Skills folder (SKILL.md plus the delegate.yaml
// sidecar) that SkillFolder::load reads back as the same skill.
class SkillWriter final
{
public:
    static QByteArray skillMarkdown(const Skill &skill);
    static QByteArray boundsYaml(const Skill &skill);
    // Writes both files into directory, which must not hold a SKILL.md yet.
    static bool write(const Skill &skill, const QString &directory, QString *error);
};

} // namespace delegate
