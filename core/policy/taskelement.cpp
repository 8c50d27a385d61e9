// SPDX-License-Identifier: GPL-3.0-or-later
#include "taskelement.h"

namespace delegate {

template<> std::span<const EnumName<TaskElement>> enumNames<TaskElement>()
{
    static constexpr EnumName<TaskElement> names[] = {
        { TaskElement::ScopeAndContext, QLatin1StringView("scope-and-context") },
        { TaskElement::Environment, QLatin1StringView("environment") },
        { TaskElement::Limits, QLatin1StringView("limits") },
        { TaskElement::ReviewableArtifact, QLatin1StringView("reviewable-artifact") },
    };
    return names;
}

QString elementTitle(TaskElement element)
{
    switch (element) {
    case TaskElement::ScopeAndContext:
        return QStringLiteral("bounded scope and context");
    case TaskElement::Environment:
        return QStringLiteral("an environment that fits");
    case TaskElement::Limits:
        return QStringLiteral("limits for unattended running");
    case TaskElement::ReviewableArtifact:
        return QStringLiteral("a reviewable artifact");
    }
    return {};
}

} // namespace delegate
