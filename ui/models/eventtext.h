// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace delegate::ui {

// How a run's events read in the GUI: one-line summaries for lists and
// tiles, the full text of tool calls and results for the console, and the
// words a search looks through. docs/agents.md and docs/protocol.md list
// the kinds and their payloads.
namespace eventtext {

// A tool call that runs a command line (the built-in `run`, a playbook
// step, a CLI agent's shell): its arguments and output read as a terminal.
bool isCommand(const QJsonObject &call);
QString toolName(const QJsonObject &call);
// The call on one line: the command, or the path, or `key: value, …`.
QString argumentsSummary(const QJsonObject &call);
// Every argument, multi-line values kept whole.
QString argumentsText(const QJsonObject &call);
// "exit 0", "exit 2", "error", "ok".
QString resultStatus(const QJsonObject &result);
bool resultFailed(const QJsonObject &result);
// A turn's usage (agent.usage) with the run's totals (run.usage) when known.
QString usageSummary(const QJsonObject &turn, const QJsonObject &totals);

// A short name for the kind of item ("Agent", "Question", "State" …).
QString label(const QString &kind, const QJsonObject &payload);
// The event on one line, without its label.
QString summary(const QString &kind, const QJsonObject &payload);
// Everything a search should find in the event (and its result).
QString searchText(const QString &kind, const QJsonObject &payload, const QJsonObject &result);
// What the watch wall's tail shows of the event, a line each; empty for
// events that say nothing about the work (usage, hashes).
QStringList tailLines(const QString &kind, const QJsonObject &payload);

// The first line of text, cut to at most `width` characters with an ellipsis.
QString oneLine(const QString &text, qsizetype width);

} // namespace eventtext

} // namespace delegate::ui
