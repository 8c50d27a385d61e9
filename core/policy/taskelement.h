// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/enumnames.h"

#include <QString>

namespace delegate {

// The four elements every task handed to a background agent needs. Every
// lint finding belongs to exactly one of them.
enum class TaskElement {
    ScopeAndContext, // a specific objective, a scope and the context to understand it
    Environment, // somewhere to run that fits the work
    Limits, // bounds for running unattended: time and a budget
    ReviewableArtifact, // what comes back, the criteria to judge it, and a human review point
};

template<> std::span<const EnumName<TaskElement>> enumNames<TaskElement>();

// "bounded scope and context", for people.
QString elementTitle(TaskElement element);

} // namespace delegate
