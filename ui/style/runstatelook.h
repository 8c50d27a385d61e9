// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace delegate::ui {

// How a run state looks everywhere in the GUI: a colour, an icon and a word,
// so colour is never the only cue (docs/ui: "States look the same
// everywhere").
struct RunStateLook
{
    QColor color;
    QIcon icon;
    QString word;
    bool active = false; // provisioning or running: shown with an activity indicator
    bool needsHuman = false; // waiting for a human: the most visible state

    // For a protocol state name ("waiting_for_human"); unknown names look neutral.
    static RunStateLook of(const QString &state);
};

} // namespace delegate::ui
