// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpc/engineconnector.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace delegate::ui {

// Connects the GUI to another engine — a team server, or a colleague's — by
// a name, its ws:// or wss:// URL and a file holding the token. Only the
// file's path is remembered, never the token itself.
class AddEngineDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit AddEngineDialog(QStringList takenNames, QWidget *parent = nullptr);

    QString name() const;
    QUrl url() const;
    QString tokenFile() const;

    // What the fields say, or why they cannot be used (empty when fine).
    QString problem() const;
    // Options for the engine: the token read from the file.
    static std::optional<rpc::ConnectOptions> optionsFor(const QUrl &url, const QString &tokenFile,
                                                         QString *error);

private:
    void validate();

    QStringList m_takenNames;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_tokenFile;
    QLabel *m_problem;
    QPushButton *m_ok;
};

} // namespace delegate::ui
