// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace delegate::ui {

// What a person is asked before a destructive or outbound step: what will
// happen, step by step, in words.
struct ConfirmationRequest
{
    QString title;
    QString question;
    QStringList consequences; // one line per thing that will happen
    QString acceptText; // the button that goes ahead, named after the step ("Reject run")
};

// Views ask through this, so tests can answer instead of a modal dialog.
using Confirmer = std::function<bool(QWidget *parent, const ConfirmationRequest &request)>;

// The default: a QMessageBox with the consequences listed; Cancel is the default button.
bool confirmWithDialog(QWidget *parent, const ConfirmationRequest &request);

} // namespace delegate::ui
