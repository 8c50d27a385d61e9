// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "confirmation.h"
#include "linecomment.h"
#include "unifieddiff.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTextBrowser;
class QToolButton;

namespace delegate::ui {

class ActionsPanel;
class DiffBrowser;
class EngineHub;
class EngineSession;
class EvidenceView;
class InlineMessage;
class IssueDraftsEditor;
class ReportPage;
class ReviewCommentList;
class StateBadge;

// Where a person reviews what a run handed in: the latest artifact version
// (earlier ones on request) by kind — a patch as a diff with line comments,
// a report as rendered Markdown, issue drafts as an editable list (edits of
// either saved as the next version) — with its
// evidence; then approve, request changes (with the line comments) or reject.
// Once approved, the actions panel releases what follows. What may be done
// follows the run's state and the person's role; an auditor only reads.
class ReviewView final : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewView(EngineHub *hub, QWidget *parent = nullptr);
    ~ReviewView() override;

    void showRun(const QString &engine, const QString &runId);
    QString engineName() const { return m_engine; }
    QString runId() const { return m_runId; }
    // The run as last loaded (runs.get's RunDetail); empty before the first answer.
    const QJsonObject &detail() const { return m_detail; }
    QString state() const;
    int latestVersion() const;
    int shownVersion() const { return m_shownVersion; }
    void showVersion(int version);
    void reload();

    // Destructive steps ask through it; tests answer instead of a dialog.
    void setConfirmer(Confirmer confirmer);

    void approve();
    void requestChanges();
    void reject();

    // The parts, for the main window's shortcuts and for tests.
    DiffBrowser *diffBrowser() const { return m_diff; }
    ReviewCommentList *commentList() const { return m_comments; }
    ActionsPanel *actionsPanel() const { return m_actions; }
    IssueDraftsEditor *issueEditor() const { return m_issues; }
    ReportPage *reportPage() const { return m_report; }
    QTextBrowser *reportView() const;
    EvidenceView *evidenceView() const { return m_evidence; }
    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *versionSelector() const { return m_versions; }
    QLineEdit *overallComment() const { return m_overall; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *requestChangesButton() const { return m_requestChanges; }
    QPushButton *rejectButton() const { return m_reject; }
    InlineMessage *message() const { return m_message; }
    InlineMessage *notice() const { return m_notice; }

Q_SIGNALS:
    // A runs.get answer is shown.
    void loaded();
    // The engine took a verdict ("approve", "changes", "reject").
    void reviewed(const QString &verdict);
    // A person's edit of a report or of issue drafts was saved as this version.
    void revised(int version);

private:
    EngineSession *session() const;
    void watchSession();
    void applyDetail(const QJsonObject &detail);
    void fillVersions();
    void showArtifact(const QJsonObject &artifact);
    void updateHeader();
    void updateControls();
    void updateActionsPanel();
    void sendReview(const QString &verdict, QJsonObject params);
    void revise(const QJsonObject &content);
    QString pendingEdit() const;
    bool canReview() const;
    bool mayDecide() const;
    QJsonObject shownArtifact() const;
    void restoreDraftComments();

    EngineHub *m_hub;
    QString m_engine;
    QString m_runId;
    QJsonObject m_detail;
    QJsonObject m_summary; // the newest run.updated, between loads
    int m_shownVersion = 0;
    bool m_followLatest = true;
    bool m_busy = false;
    bool m_loadFailed = false;
    quint64 m_generation = 0;
    Confirmer m_confirmer;
    QMetaObject::Connection m_notifications;
    QMetaObject::Connection m_ready;
    QHash<int, std::shared_ptr<const UnifiedDiff>> m_parsed;
    QList<LineComment> m_draftComments; // written on the latest version, not sent yet
    bool m_commentsEditable = false;

    StateBadge *m_state;
    QLabel *m_title;
    QLabel *m_meta;
    QComboBox *m_versions;
    QToolButton *m_reload;
    QLabel *m_summaryText;
    InlineMessage *m_notice;
    QSplitter *m_splitter;
    QStackedWidget *m_pages;
    QLabel *m_placeholder;
    QTabWidget *m_tabs;
    QStackedWidget *m_content;
    DiffBrowser *m_diff;
    ReviewCommentList *m_comments;
    ReportPage *m_report;
    IssueDraftsEditor *m_issues;
    QTextBrowser *m_other;
    EvidenceView *m_evidence;
    ActionsPanel *m_actions;
    QWidget *m_footer;
    InlineMessage *m_message;
    QLineEdit *m_overall;
    QPushButton *m_reject;
    QPushButton *m_requestChanges;
    QPushButton *m_approve;
};

} // namespace delegate::ui
