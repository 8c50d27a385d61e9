// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QMessageBox;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace delegate::ui {

class EngineHub;
class EngineSession;
class RunEventDelegate;
class RunEventModel;

// The detail pane that watches one run live: what it is and how far it got
// (state, agent, environment, time, tokens, cost), its event stream as it
// happens, the controls a lead has over it (pause, resume, cancel, steer),
// and a search through everything it did.
class RunConsole final : public QWidget
{
    Q_OBJECT

public:
    explicit RunConsole(EngineHub *hub, QWidget *parent = nullptr);
    ~RunConsole() override;

    // Watches the run (an empty id shows the empty state).
    void showRun(const QString &engine, const QString &runId);
    QString engine() const { return m_engine; }
    QString runId() const { return m_runId; }

    // Follow mode: while the stream is scrolled to its end, new events keep
    // it there.
    bool isFollowing() const;
    void setFollowing(bool follow);

    // Opens the search bar with this text and selects the first match
    // after the current item; false when nothing matches.
    bool find(const QString &text, bool backwards = false);

    // The run as last heard of (RunSummary fields).
    QJsonObject summary() const { return m_summary; }
    RunEventModel *eventModel() const { return m_model; }
    QListView *eventView() const { return m_view; }

Q_SIGNALS:
    // The person asked for the run's whole audit trail (AuditTrailView).
    void auditTrailRequested(const QString &engine, const QString &runId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildEmptyPage();
    void buildConsolePage();
    void watchSession(EngineSession *session);
    void refreshHeader();
    void applySummary(const QJsonObject &summary);
    void updateHeader();
    void updateElapsed();
    void updateActions();
    void updateStatusLine();
    void runAction(const QString &method, const QString &progress, QJsonObject params = {});
    void confirmCancel();
    void sendSteering();
    void showError(QLabel *label, const QString &text);
    void openSearch();
    void closeSearch();
    void findFromBar(bool backwards);
    void toggleCurrent();
    void onRowsInserted();

    QPointer<EngineHub> m_hub;
    QPointer<EngineSession> m_session;
    QList<QMetaObject::Connection> m_sessionConnections;
    QString m_engine;
    QString m_runId;
    QJsonObject m_summary;
    QString m_workspaceBranch;
    quint64 m_generation = 0; // replies about a run no longer shown are dropped
    bool m_busy = false; // an action's call is out
    bool m_steering = false; // a steering call is out
    bool m_wasAtBottom = true;

    RunEventModel *m_model;
    QStackedWidget *m_pages;
    QLabel *m_emptyLabel = nullptr;
    // header
    QLabel *m_stateIcon = nullptr;
    QLabel *m_stateWord = nullptr;
    QProgressBar *m_activity = nullptr;
    QLabel *m_paused = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_reason = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_actionNote = nullptr;
    // stream
    QWidget *m_searchBar = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_matches = nullptr;
    QListView *m_view = nullptr;
    RunEventDelegate *m_delegate = nullptr;
    QLabel *m_status = nullptr;
    QToolButton *m_follow = nullptr;
    // steering
    QLineEdit *m_steer = nullptr;
    QPushButton *m_send = nullptr;
    QLabel *m_steerNote = nullptr;
    QPointer<QMessageBox> m_confirmation;

    QTimer m_clock; // the elapsed time of a run that is going
    QTimer m_countMatches; // counting matches waits for typing to pause
};

} // namespace delegate::ui
