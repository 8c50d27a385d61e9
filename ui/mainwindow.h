// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "shell/sidebar.h"

#include "domain/taskspec.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QLabel;
class QSplitter;
class QStackedWidget;
class QSystemTrayIcon;
class QTabWidget;
class QTimer;

namespace delegate {
class SecretStore;
class SecretStoreKeys;
} // namespace delegate

namespace delegate::ui {

class BatchDialog;
class CheckpointModel;
class CompareView;
class EngineHub;
class AuditTrailView;
class FirstRunGuide;
class HistoryView;
class EnvironmentsPage;
class InboxView;
class QuickSwitcher;
class ReviewView;
class RunConsole;
class RunListModel;
class RunsBoard;
class SettingsPage;
class SkillsPage;
class TaskComposer;
class WatchWall;

// The control center's window: sections on the left with their counts and
// the engines, the section's list in the middle, the selection's detail on
// the right, and a status bar with the engines' connection, the run counts
// and what was spent today. Without a hub it connects to the user's local
// engine, starting it when none runs.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(EngineHub *hub = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    EngineHub *hub() const { return m_hub; }
    RunListModel *runs() const { return m_runs; }
    CheckpointModel *checkpoints() const { return m_checkpoints; }
    HistoryView *history() const { return m_history; }
    EnvironmentsPage *environments() const { return m_environments; }
    void showSection(Sidebar::Section section);
    Sidebar::Section currentSection() const;
    void openRun(const QString &engine, const QString &runId);
    // Opens the run on the runs page with its audit trail in front.
    void openRunAudit(const QString &engine, const QString &runId);
    void compareRuns(const QString &engine, const QStringList &runIds);
    // Opens a past run's task in the composer, to adjust and send again.
    void duplicateRunTask(const QString &engine, const QString &runId);
    TaskComposer *composer() const { return m_composer; }
    // Connects to another engine (a team server) and remembers it for the
    // next start; the error says what is wrong, empty when connecting.
    QString addRemoteEngine(const QString &name, const QUrl &url, const QString &tokenFile);
    SkillsPage *skillsPage() const { return m_skills; }
    // Opens the batch dialog for a skill, with the values its form had.
    BatchDialog *openBatch(const QString &skill, const QMap<QString, QString> &values);
    // "Save as skill" for a composed task: asks for a name and description
    // and adds the skill to the user's library.
    void saveTaskAsSkill(const delegate::TaskSpec &task);

    // The getting-started guide (Help → Getting started); shown by itself
    // on the first start only. The guide, for tests and screenshots.
    FirstRunGuide *showFirstRunGuide();
    FirstRunGuide *showFirstRunGuideIfNew();
    SettingsPage *settingsPage() const { return m_settings; }
    // Takes the user along with a run: its console while it works, its
    // review once it hands in (the demo does this).
    void followRun(const QString &engine, const QString &runId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildPages();
    void buildMenus();
    void connectModels();
    void updateCounts();
    void refreshSpending();
    void notifyCheckpoint(const QString &engine, const QJsonObject &checkpoint);
    void updateTray(int openCount);
    void restoreEngines();
    void saveEngines() const;
    void restoreLayout();
    void saveLayout() const;
    void checkFollowedRun();

    EngineHub *m_hub;
    RunListModel *m_runs;
    CheckpointModel *m_checkpoints;
    Sidebar *m_sidebar;
    QStackedWidget *m_pages;
    InboxView *m_inbox;
    RunsBoard *m_board;
    SkillsPage *m_skills;
    QSplitter *m_runsSplitter;
    QTabWidget *m_detail;
    RunConsole *m_console;
    ReviewView *m_review;
    CompareView *m_compare;
    WatchWall *m_watch;
    HistoryView *m_history;
    AuditTrailView *m_audit;
    TaskComposer *m_composer;
    SecretStore *m_secrets;
    EnvironmentsPage *m_environments;
    QuickSwitcher *m_switcher;
    QLabel *m_connection;
    QLabel *m_counts;
    QLabel *m_spending;
    QTimer *m_spendingTimer;
    QSystemTrayIcon *m_tray = nullptr;
    std::unique_ptr<SecretStoreKeys> m_keys;
    SettingsPage *m_settings = nullptr;
    QPointer<FirstRunGuide> m_guide;
    QString m_followedEngine;
    QString m_followedRun;
};

} // namespace delegate::ui
