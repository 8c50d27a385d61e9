// SPDX-License-Identifier: GPL-3.0-or-later
#include "confirmation.h"

#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace delegate::ui {

bool confirmWithDialog(QWidget *parent, const ConfirmationRequest &request)
{
    QMessageBox box(parent);
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(request.title);
    box.setText(request.question);
    QString details;
    for (const QString &line : request.consequences)
        details += u"<li>"_s + line.toHtmlEscaped() + u"</li>"_s;
    if (!details.isEmpty())
        box.setInformativeText(u"<ul style=\"margin-left: 0\">"_s + details + u"</ul>"_s);
    QPushButton *accept = box.addButton(request.acceptText, QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    // Going ahead takes a deliberate choice: Enter cancels.
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == accept;
}

} // namespace delegate::ui
