// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "unifieddiff.h"

#include <QFrame>
#include <QJsonObject>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;

namespace delegate::ui {

class DiffView;
class StateBadge;

// One attempt of a task in the compare view: its state, what it changed
// (files, +/−), how its verify commands ended, what it cost and took, its
// summary and its diff, with the button that picks it.
class AttemptColumn final : public QFrame
{
    Q_OBJECT

public:
    // A verify command of the task and how it last ended in this attempt.
    struct VerifyResult
    {
        QString command;
        std::optional<int> exitCode; // none: not run
        bool fromLog = false; // read from the agent's log, not from the artifact's evidence
    };

    AttemptColumn(int number, const QString &runId, QWidget *parent = nullptr);
    ~AttemptColumn() override;

    QString runId() const { return m_runId; }
    int number() const { return m_number; }
    QString state() const;
    int latestVersion() const;
    const QJsonObject &detail() const { return m_detail; }

    void setDetail(const QJsonObject &detail);
    // A run.updated between loads: the state and usage move at once.
    void setSummary(const QJsonObject &summary);
    void setVerifyResults(const QList<VerifyResult> &results);
    QList<VerifyResult> verifyResults() const { return m_verify; }
    void setLoadError(const QString &text);
    void setPickable(bool pickable, const QString &why);
    void setPicked(bool picked);

    QPushButton *pickButton() const { return m_pick; }
    DiffView *diffView() const { return m_diff; }
    QString statsText() const;

Q_SIGNALS:
    void pickRequested(const QString &runId);

private:
    void updateStats();
    void updateVerify();

    int m_number;
    QString m_runId;
    QJsonObject m_detail;
    QJsonObject m_summary;
    QList<VerifyResult> m_verify;
    std::shared_ptr<const UnifiedDiff> m_parsed;
    int m_parsedVersion = 0;
    StateBadge *m_state;
    QLabel *m_title;
    QLabel *m_runLabel;
    QLabel *m_stats;
    QLabel *m_verifyLabel;
    QLabel *m_summaryLabel;
    QPushButton *m_pick;
    DiffView *m_diff;
};

} // namespace delegate::ui
