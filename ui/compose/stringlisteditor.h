// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QListWidget;
class QToolButton;

namespace delegate::ui {

// A short list of texts edited in place: constraints, acceptance criteria,
// verify commands, scope paths. Type into the line below and press Enter to
// add; double-click (or F2) edits an item, Delete removes it, Alt+Up/Down
// moves it. Items keep their text exactly, line breaks included, so a list
// read from a task file is written back unchanged.
class StringListEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit StringListEditor(const QString &placeholder, QWidget *parent = nullptr);

    QStringList items() const;
    // Replaces the items without emitting changed().
    void setItems(const QStringList &items);
    void setMonospace(bool monospace);

    QListWidget *list() const { return m_list; }
    QLineEdit *input() const { return m_input; }

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void addFromInput();
    void removeCurrent();
    void moveCurrent(int offset);
    void fitHeight();
    void updateButtons();

    QListWidget *m_list;
    QLineEdit *m_input;
    QToolButton *m_remove;
    bool m_filling = false;
};

} // namespace delegate::ui
