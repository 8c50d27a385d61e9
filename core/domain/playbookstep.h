// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace delegate {

class JsonReader;

// One deterministic step of a skill's playbook: a command, and the parser
// that turns its output into part of the artifact.
struct PlaybookStep
{
    QString command;
    QString parser; // a parser the engine knows by name, such as "junit" or "lines"
    // How many times to run the command: a number, or a skill parameter such
    // as "{{runs}}"; empty means once. Repeating is how flakiness shows.
    QString repeat;

    QJsonObject toJson() const;
    static PlaybookStep read(JsonReader &reader);

    friend bool operator==(const PlaybookStep &, const PlaybookStep &) = default;
};

} // namespace delegate
