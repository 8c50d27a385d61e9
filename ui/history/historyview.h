// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;

namespace delegate::ui {

class EngineHub;
class EngineSession;
class HistoryModel;
class InlineMessage;

// The History section: every run's and the engine's events on one timeline,
// newest first, narrowed by time, kind, run state, user, skill, agent,
// environment and task, or searched as one types. The selected event's
// detail shows its fields and payload, and leads to its run, its review, its
// run's audit trail, and its related events (a checkpoint and its decision,
// an artifact version and its review, an action and its approval).
// "Verify chain" walks the hash chain with a progress bar and, when it is
// broken, shows the event where the break starts and why. "Export…" writes
// the current selection as JSONL or CSV with the chain's head.
class HistoryView final : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryView(EngineHub *hub, QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    InlineMessage *message() const { return m_message; }
    QProgressBar *progress() const { return m_progress; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *kindFilter() const { return m_kind; }
    QComboBox *stateFilter() const { return m_state; }
    QComboBox *userFilter() const { return m_user; }
    QPushButton *verifyButton() const { return m_verify; }
    QTextBrowser *detail() const { return m_detail; }

    // The engine whose history is shown (the hub's first by default).
    void showEngine(const QString &name);
    // The protocol filter the controls describe now.
    QJsonObject currentFilter() const;
    // Walks the chain of the shown engine.
    void verifyChain();
    // Writes the current selection to the file ("jsonl" or "csv") and says
    // where, how many, and the chain's head; the error when it could not.
    void exportTo(const QString &path, const QString &format);
    // Shows one run's history (the filter bar cleared otherwise).
    void showRun(const QString &runId);

Q_SIGNALS:
    void openRun(const QString &engine, const QString &runId);
    void openReview(const QString &engine, const QString &runId);
    // The run's audit trail page.
    void openRunAudit(const QString &engine, const QString &runId);
    // A verification finished: intact or not, and where it broke.
    void verified(bool intact, qint64 brokenSequence);
    void exported(const QString &path);

private:
    QWidget *buildFilterBar();
    QWidget *buildDetail();
    void loadFacets();
    void scheduleReload();
    void applyFilter();
    void showSelected();
    void showRelated(const QStringList &kinds);
    void afterPage();
    void chooseExport(const QString &format);
    void clearFilters();
    QString engineName() const;

    EngineHub *m_hub;
    QPointer<EngineSession> m_session;
    HistoryModel *m_model;
    QTableView *m_table;
    QLineEdit *m_search;
    QComboBox *m_time;
    QComboBox *m_kind;
    QComboBox *m_state;
    QComboBox *m_user;
    QComboBox *m_skill;
    QComboBox *m_agent;
    QComboBox *m_environment;
    QComboBox *m_task;
    QString m_runId; // a run chosen from an event, until the filters change
    QPushButton *m_verify;
    QPushButton *m_export;
    QProgressBar *m_progress;
    InlineMessage *m_message;
    QTimer *m_debounce;
    QTextBrowser *m_detail;
    QPushButton *m_openRun;
    QPushButton *m_openReview;
    QPushButton *m_auditTrail;
    QPushButton *m_related;
    QPushButton *m_runHistory;
    QStringList m_relatedKinds;
    QString m_verifyToken;
    qint64 m_selectAfterLoad = 0;
    bool m_settingFilters = false;
};

} // namespace delegate::ui
