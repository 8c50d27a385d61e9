// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>
#include <QString>

namespace delegate::ui {

// How an event kind looks in the history: an icon by its family (run,
// agent, tool, checkpoint, review, artifact, action, engine) and a few
// words on what such an event records.
namespace EventKindLook {

QIcon icon(const QString &kind);
QString description(const QString &kind);

} // namespace EventKindLook

} // namespace delegate::ui
