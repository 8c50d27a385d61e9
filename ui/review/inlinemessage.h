// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFrame>

class QLabel;

namespace delegate::ui {

// A message shown where something happened (beside the buttons that failed,
// not in a modal box): what happened and what to do. Hidden when empty.
class InlineMessage final : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Information, Success, Warning, Error };
    Q_ENUM(Kind)

    explicit InlineMessage(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    void showError(const QString &text) { showMessage(Kind::Error, text); }
    void showInformation(const QString &text) { showMessage(Kind::Information, text); }
    void clear();

    Kind kind() const { return m_kind; }
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    QLabel *m_icon;
    QLabel *m_label;
    Kind m_kind = Kind::Information;
    bool m_applying = false; // setPalette() in changeEvent() must not recurse
};

} // namespace delegate::ui
