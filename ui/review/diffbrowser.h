// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "unifieddiff.h"

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QSplitter;
class QToolButton;
class QTreeWidget;

namespace delegate::ui {

class DiffView;

// A diff to read: the files with their +added/−removed counts beside the
// diff itself (unified or side by side), a find bar (Ctrl+F) and file
// jumps (J/K or n/p, or the buttons).
class DiffBrowser final : public QWidget
{
    Q_OBJECT

public:
    explicit DiffBrowser(QWidget *parent = nullptr);
    ~DiffBrowser() override;

    void setDiff(std::shared_ptr<const UnifiedDiff> diff);
    DiffView *view() const { return m_view; }
    QTreeWidget *fileList() const { return m_files; }
    QLineEdit *findField() const { return m_findField; }
    QWidget *findBar() const { return m_findBar; }
    // Shown under the file list (the review's comments).
    void setSidePanel(QWidget *panel);

    void showFind();
    void hideFind();

private:
    void fillFiles();
    void selectFile(int file);
    void updateMatches();

    std::shared_ptr<const UnifiedDiff> m_diff;
    QSplitter *m_splitter;
    QSplitter *m_sideSplitter;
    QTreeWidget *m_files;
    DiffView *m_view;
    QToolButton *m_unified;
    QToolButton *m_sideBySide;
    QLabel *m_totals;
    QWidget *m_findBar;
    QLineEdit *m_findField;
    QLabel *m_matches;
};

} // namespace delegate::ui
