// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "policy/lintreport.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QProgressBar;

namespace delegate::ui {

// The bounded-task lint's judgement of the task being composed: the
// verdict in a word, colour and icon, the 0-100 score, the four elements,
// and every finding with its fix. Activating a finding (click, Enter)
// asks for the field it names.
class BoundednessMeter final : public QWidget
{
    Q_OBJECT

public:
    enum Role { FieldRole = Qt::UserRole + 1, RuleRole };

    explicit BoundednessMeter(QWidget *parent = nullptr);

    void setReport(const LintReport &report);
    const LintReport &report() const { return m_report; }
    QListWidget *findingsList() const { return m_findings; }
    QString verdictText() const;

Q_SIGNALS:
    void fieldActivated(const QString &fieldPath);

private:
    LintReport m_report;
    QLabel *m_verdict;
    QLabel *m_score;
    QProgressBar *m_bar;
    QLabel *m_summary;
    QList<QLabel *> m_elements;
    QListWidget *m_findings;
};

} // namespace delegate::ui
