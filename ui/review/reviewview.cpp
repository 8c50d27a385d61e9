// SPDX-License-Identifier: GPL-3.0-or-later
#include "reviewview.h"

#include "actionspanel.h"
#include "diffbrowser.h"
#include "diffview.h"
#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "evidenceview.h"
#include "inlinemessage.h"
#include "issuedraftseditor.h"
#include "linecomment.h"
#include "reportpage.h"
#include "reviewcommentlist.h"
#include "statebadge.h"
#include "style/displayformat.h"
#include "style/runstatelook.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

enum Page { PlaceholderPage, ArtifactPage };
enum ContentPage { PatchContent, ReportContent, IssuesContent, OtherContent };

QString errorText(const rpc::RpcError &error)
{
    switch (error.code) {
    case rpc::Conflict:
        return QCoreApplication::translate("ReviewView", "%1 The run was reloaded to show where it stands.")
            .arg(error.message);
    case rpc::Forbidden:
        return QCoreApplication::translate("ReviewView", "%1 Ask a lead to do it.").arg(error.message);
    default:
        return error.message;
    }
}

} // namespace

ReviewView::ReviewView(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_confirmer(&confirmWithDialog)
    , m_state(new StateBadge(this))
    , m_title(new QLabel(this))
    , m_meta(new QLabel(this))
    , m_versions(new QComboBox(this))
    , m_reload(new QToolButton(this))
    , m_summaryText(new QLabel(this))
    , m_notice(new InlineMessage(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_pages(new QStackedWidget(m_splitter))
    , m_placeholder(new QLabel(m_pages))
    , m_tabs(new QTabWidget(m_pages))
    , m_content(new QStackedWidget(m_tabs))
    , m_diff(new DiffBrowser(m_content))
    , m_comments(new ReviewCommentList(m_diff))
    , m_report(new ReportPage(m_content))
    , m_issues(new IssueDraftsEditor(m_content))
    , m_other(new QTextBrowser(m_content))
    , m_evidence(new EvidenceView(m_tabs))
    , m_actions(new ActionsPanel(m_splitter))
    , m_footer(new QWidget(this))
    , m_message(new InlineMessage(this))
    , m_overall(new QLineEdit(m_footer))
    , m_reject(new QPushButton(tr("Re&ject…"), m_footer))
    , m_requestChanges(new QPushButton(tr("Request &changes"), m_footer))
    , m_approve(new QPushButton(tr("&Approve"), m_footer))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    auto *header = new QHBoxLayout;
    header->setSpacing(8);
    header->addWidget(m_state);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_title, 1);
    auto *versionLabel = new QLabel(tr("&Version"), this);
    versionLabel->setBuddy(m_versions);
    header->addWidget(versionLabel);
    m_versions->setToolTip(tr("Reviews apply to the latest version; earlier ones are for reading"));
    m_versions->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    header->addWidget(m_versions);
    m_reload->setText(tr("Reload"));
    m_reload->setToolTip(tr("Load the run again (F5)"));
    m_reload->setAutoRaise(true);
    header->addWidget(m_reload);
    layout->addLayout(header);

    m_meta->setForegroundRole(QPalette::PlaceholderText);
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_meta);
    m_summaryText->setWordWrap(true);
    m_summaryText->setTextFormat(Qt::MarkdownText);
    m_summaryText->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_summaryText->setOpenExternalLinks(true);
    layout->addWidget(m_summaryText);
    layout->addWidget(m_notice);

    // The artifact, by kind, beside the evidence that backs it up.
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setText(tr("Pick a run that is in review to read what it handed in here."));
    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(m_tabs);
    m_diff->setSidePanel(m_comments);
    m_diff->view()->setPlaceholderText(tr("This version changes no file."));
    m_content->addWidget(m_diff);
    m_content->addWidget(m_report);
    m_content->addWidget(m_issues);
    m_content->addWidget(m_other);
    m_tabs->addTab(m_content, tr("Changes"));
    m_tabs->addTab(m_evidence, tr("Evidence"));
    m_tabs->setDocumentMode(true);
    m_splitter->addWidget(m_pages);
    m_splitter->addWidget(m_actions);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_actions->setMinimumWidth(300);
    m_actions->hide();
    layout->addWidget(m_splitter, 1);

    // Errors and outcomes show here, beside the buttons that caused them.
    layout->addWidget(m_message);
    auto *buttons = new QHBoxLayout(m_footer);
    buttons->setContentsMargins(0, 0, 0, 0);
    m_overall->setPlaceholderText(tr("Overall comment — what should change, or why you reject it"));
    m_overall->setClearButtonEnabled(true);
    buttons->addWidget(m_overall, 1);
    m_reject->setToolTip(tr("End the run as rejected; asks first"));
    m_requestChanges->setToolTip(
        tr("Send your line comments and overall comment to the agent, which hands in "
           "a new version"));
    m_approve->setToolTip(tr("Approve this version (Ctrl+Enter); its actions then wait for you to run them"));
    m_approve->setDefault(true);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_requestChanges);
    buttons->addWidget(m_approve);
    layout->addWidget(m_footer);

    connect(m_versions, &QComboBox::activated, this, [this](int index) {
        const int version = m_versions->itemData(index).toInt();
        m_followLatest = version == latestVersion();
        showVersion(version);
    });
    connect(m_reload, &QToolButton::clicked, this, &ReviewView::reload);
    connect(m_approve, &QPushButton::clicked, this, &ReviewView::approve);
    connect(m_requestChanges, &QPushButton::clicked, this, &ReviewView::requestChanges);
    connect(m_reject, &QPushButton::clicked, this, &ReviewView::reject);
    connect(m_overall, &QLineEdit::textChanged, this, &ReviewView::updateControls);
    connect(m_diff->view(), &DiffView::commentWritten, this,
            [this](const LineComment &comment) { m_comments->addComment(comment); });
    connect(m_comments, &ReviewCommentList::commentsChanged, this, [this] {
        if (!m_comments->isReadOnly())
            m_draftComments = m_comments->comments();
        m_diff->view()->setCommentMarkers(m_comments->comments());
        updateControls();
    });
    connect(m_comments, &ReviewCommentList::commentActivated, this, [this](const LineComment &comment) {
        const UnifiedDiff *diff = m_diff->view()->diff();
        if (!diff)
            return;
        const int line = diff->lineOfNewNumber(diff->fileIndex(comment.file), comment.line);
        if (line >= 0)
            m_diff->view()->setCurrentLine(line);
    });
    connect(m_issues, &IssueDraftsEditor::editedChanged, this, &ReviewView::updateControls);
    connect(m_issues, &IssueDraftsEditor::saveRequested, this, [this](const QJsonArray &drafts) {
        const QJsonObject content { { u"drafts"_s, drafts } };
        revise(content);
    });
    connect(m_report, &ReportPage::saveRequested, this, [this](const QString &markdown) {
        const QJsonObject content { { u"markdown"_s, markdown } };
        revise(content);
    });
    connect(m_actions, &ActionsPanel::acted, this, &ReviewView::reload);

    auto *approveShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    approveShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(approveShortcut, &QShortcut::activated, this, [this] {
        if (m_approve->isEnabled())
            approve();
    });
    auto *reloadShortcut = new QShortcut(QKeySequence::Refresh, this);
    reloadShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(reloadShortcut, &QShortcut::activated, this, &ReviewView::reload);

    m_pages->setCurrentIndex(PlaceholderPage);
    updateHeader();
    updateControls();
}

ReviewView::~ReviewView() = default;

QTextBrowser *ReviewView::reportView() const
{
    return m_report->browser();
}

void ReviewView::setConfirmer(Confirmer confirmer)
{
    m_confirmer = confirmer ? std::move(confirmer) : Confirmer(&confirmWithDialog);
}

EngineSession *ReviewView::session() const
{
    return m_hub && !m_engine.isEmpty() ? m_hub->engine(m_engine) : nullptr;
}

QString ReviewView::state() const
{
    if (!m_summary.isEmpty())
        return m_summary.value("state"_L1).toString();
    return m_detail.value("run"_L1).toObject().value("state"_L1).toString();
}

int ReviewView::latestVersion() const
{
    const QJsonArray artifacts = m_detail.value("artifacts"_L1).toArray();
    return artifacts.isEmpty() ? 0 : artifacts.last().toObject().value("version"_L1).toInt();
}

void ReviewView::showRun(const QString &engine, const QString &runId)
{
    if (engine == m_engine && runId == m_runId) {
        reload();
        return;
    }
    m_engine = engine;
    m_runId = runId;
    m_detail = {};
    m_summary = {};
    m_parsed.clear();
    m_draftComments.clear();
    m_comments->setReadOnly(false);
    m_comments->clear();
    m_overall->clear();
    m_shownVersion = 0;
    m_followLatest = true;
    m_busy = false;
    m_loadFailed = false;
    m_message->clear();
    m_notice->clear();
    m_actions->hide();
    m_placeholder->setText(tr("Loading %1…").arg(runId));
    m_pages->setCurrentIndex(PlaceholderPage);
    watchSession();
    updateHeader();
    updateControls();
    reload();
}

void ReviewView::watchSession()
{
    disconnect(m_notifications);
    disconnect(m_ready);
    EngineSession *engine = session();
    if (!engine)
        return;
    m_notifications = connect(engine, &EngineSession::notificationReceived, this,
                              [this](const QString &method, const QJsonObject &params) {
                                  if (method != "run.updated"_L1)
                                      return;
                                  const QJsonObject run = params.value("run"_L1).toObject();
                                  if (run.value("id"_L1).toString() != m_runId)
                                      return;
                                  const QString before = state();
                                  const int versions = latestVersion();
                                  m_summary = run;
                                  // Usage ticks often while the agent works: reload
                                  // only when the state or the versions moved.
                                  if (run.value("state"_L1).toString() != before
                                      || run.value("artifact_versions"_L1).toInt() != versions)
                                      reload();
                                  else
                                      updateHeader();
                              });
    m_ready = connect(engine, &EngineSession::ready, this, &ReviewView::reload);
}

void ReviewView::reload()
{
    EngineSession *engine = session();
    if (m_runId.isEmpty())
        return;
    if (!engine) {
        m_message->showError(
            tr("There is no engine called “%1” any more: connect to it again in Settings.").arg(m_engine));
        return;
    }
    const quint64 generation = ++m_generation;
    QJsonObject params { { u"run_id"_s, m_runId } };
    QCoro::connect(
        engine->call(u"runs.get"_s, params), this, [this, generation](const rpc::RpcOutcome &outcome) {
            // A slow answer never overwrites a newer one.
            if (generation != m_generation)
                return;
            if (outcome.error) {
                if (m_detail.isEmpty()) {
                    m_placeholder->setText(tr("Could not load %1: %2").arg(m_runId, outcome.error->message));
                    m_pages->setCurrentIndex(PlaceholderPage);
                }
                m_message->showError(tr("Could not load the run: %1 Press Reload (F5) to try again.")
                                         .arg(outcome.error->message));
                m_loadFailed = true;
                return;
            }
            applyDetail(outcome.result.toObject());
        });
}

void ReviewView::applyDetail(const QJsonObject &detail)
{
    const int before = latestVersion();
    m_detail = detail;
    m_summary = {};
    // Only a failed load is over with this answer; other errors stay until the next step.
    if (m_loadFailed) {
        m_loadFailed = false;
        m_message->clear();
    }
    const int latest = latestVersion();
    if (latest != before && before != 0 && m_followLatest) {
        // A new version replaces the one commented on: those comments went to the agent.
        m_draftComments.clear();
        if (m_message->kind() == InlineMessage::Kind::Success)
            m_message->clear(); // "the agent works on version N" is done
    }
    fillVersions();
    const int version =
        m_followLatest || m_shownVersion == 0 || m_shownVersion > latest ? latest : m_shownVersion;
    if (latest == 0) {
        m_shownVersion = 0;
        m_placeholder->setText(tr("%1 has handed in nothing to review yet: it is %2.")
                                   .arg(detail.value("run"_L1)
                                            .toObject()
                                            .value("task"_L1)
                                            .toObject()
                                            .value("title"_L1)
                                            .toString(),
                                        RunStateLook::of(state()).word.toLower()));
        m_pages->setCurrentIndex(PlaceholderPage);
        updateHeader();
        updateControls();
        updateActionsPanel();
        Q_EMIT loaded();
        return;
    }
    m_pages->setCurrentIndex(ArtifactPage);
    if (version != m_shownVersion || !m_parsed.contains(version)
        || shownArtifact().value("kind"_L1).toString() != "patch"_L1)
        showVersion(version);
    else {
        updateHeader();
        updateControls();
    }
    updateActionsPanel();
    Q_EMIT loaded();
}

void ReviewView::fillVersions()
{
    const QSignalBlocker blocker(m_versions);
    m_versions->clear();
    const QJsonArray artifacts = m_detail.value("artifacts"_L1).toArray();
    for (qsizetype i = artifacts.size() - 1; i >= 0; --i) {
        const int version = artifacts.at(i).toObject().value("version"_L1).toInt();
        m_versions->addItem(
            i == artifacts.size() - 1 ? tr("v%1 — latest").arg(version) : tr("v%1").arg(version), version);
    }
    m_versions->setEnabled(artifacts.size() > 1);
    const int index = m_versions->findData(m_shownVersion);
    if (index >= 0)
        m_versions->setCurrentIndex(index);
}

QJsonObject ReviewView::shownArtifact() const
{
    const QJsonArray artifacts = m_detail.value("artifacts"_L1).toArray();
    for (const QJsonValue &artifact : artifacts) {
        if (artifact.toObject().value("version"_L1).toInt() == m_shownVersion)
            return artifact.toObject();
    }
    return {};
}

void ReviewView::showVersion(int version)
{
    m_shownVersion = version;
    const int index = m_versions->findData(version);
    if (index >= 0) {
        const QSignalBlocker blocker(m_versions);
        m_versions->setCurrentIndex(index);
    }
    showArtifact(shownArtifact());
    updateHeader();
    updateControls();
}

void ReviewView::showArtifact(const QJsonObject &artifact)
{
    const QString kind = artifact.value("kind"_L1).toString();
    const QJsonObject content = artifact.value("content"_L1).toObject();
    const QJsonObject evidence = artifact.value("evidence"_L1).toObject();
    m_evidence->setEvidence(evidence);
    const QString evidenceSummary = EvidenceView::summary(evidence);
    m_tabs->setTabText(
        1, evidenceSummary.isEmpty() ? tr("Evidence (none)") : tr("Evidence · %1").arg(evidenceSummary));
    m_tabs->setTabIcon(1, EvidenceView::hasFailures(evidence) ? RunStateLook::of(u"failed"_s).icon : QIcon());
    m_summaryText->setText(artifact.value("summary"_L1).toString());

    if (kind == "patch"_L1) {
        std::shared_ptr<const UnifiedDiff> parsed = m_parsed.value(m_shownVersion);
        if (!parsed) {
            parsed =
                std::make_shared<const UnifiedDiff>(UnifiedDiff::parse(content.value("diff"_L1).toString()));
            m_parsed.insert(m_shownVersion, parsed);
        }
        if (m_diff->view()->diff() != parsed.get())
            m_diff->setDiff(parsed);
        m_content->setCurrentIndex(PatchContent);
        m_tabs->setTabText(0, tr("Changes · %n file(s)", nullptr, int(parsed->files().size())));
        restoreDraftComments();
    } else if (kind == "report"_L1) {
        const QString markdown = content.value("markdown"_L1).toString();
        // A reload of the same version keeps an edit under way.
        if (markdown != m_report->markdown() || !m_report->isEditing())
            m_report->setMarkdown(markdown);
        m_content->setCurrentIndex(ReportContent);
        m_tabs->setTabText(0, tr("Report"));
    } else if (kind == "issues"_L1) {
        const QJsonArray drafts = content.value("drafts"_L1).toArray();
        // Keep local edits across reloads of the same version.
        if (m_issues->originalDrafts() != drafts)
            m_issues->setDrafts(drafts);
        m_content->setCurrentIndex(IssuesContent);
        m_tabs->setTabText(0, tr("Issue drafts · %1").arg(drafts.size()));
    } else {
        m_other->setMarkdown(content.value("text"_L1).toString());
        m_content->setCurrentIndex(OtherContent);
        m_tabs->setTabText(0, kind.isEmpty() ? tr("Result") : kind);
    }
    m_tabs->setCurrentIndex(0);
}

// The comments shown: the ones being written on the latest version, or —
// read-only — those an earlier review made on the version shown.
void ReviewView::restoreDraftComments()
{
    const bool latest = m_shownVersion == latestVersion();
    if (latest && canReview()) {
        m_comments->setReadOnly(false);
        m_comments->setComments(m_draftComments);
        return;
    }
    if (latest && !m_draftComments.isEmpty()) {
        // Written, then the run moved on (or a call is under way): kept, not sent.
        m_comments->setReadOnly(true, tr("Your comments (not sent)"));
        m_comments->setComments(m_draftComments);
        return;
    }
    QList<LineComment> made;
    QString title = tr("No review comments on v%1").arg(m_shownVersion);
    const QJsonArray reviews = m_detail.value("reviews"_L1).toArray();
    const QString checkpoint = u"%1:v%2"_s.arg(m_runId).arg(m_shownVersion);
    for (const QJsonValue &value : reviews) {
        const QJsonObject review = value.toObject();
        if (review.value("checkpoint_id"_L1).toString() != checkpoint)
            continue;
        const QJsonArray comments = review.value("comments"_L1).toArray();
        for (const QJsonValue &comment : comments) {
            const QJsonObject object = comment.toObject();
            made.append({ object.value("file"_L1).toString(), object.value("line"_L1).toInt(),
                          object.value("text"_L1).toString() });
        }
        title =
            tr("Review of v%1 by %2").arg(m_shownVersion).arg(review.value("decider"_L1).toString().mid(5));
    }
    m_comments->setReadOnly(true, title);
    m_comments->setComments(made);
}

bool ReviewView::mayDecide() const
{
    const EngineSession *engine = session();
    return engine && engine->isConnected()
        && (engine->identity().role == Role::Lead || engine->identity().role == Role::Reviewer);
}

bool ReviewView::canReview() const
{
    return mayDecide() && state() == "in_review"_L1 && m_shownVersion > 0 && m_shownVersion == latestVersion()
        && !m_busy;
}

void ReviewView::updateHeader()
{
    if (m_runId.isEmpty()) {
        m_state->hide();
        m_title->setText(tr("Review"));
        m_meta->clear();
        m_summaryText->clear();
        m_versions->setEnabled(false);
        m_reload->setEnabled(false);
        return;
    }
    m_reload->setEnabled(true);
    const QJsonObject run = m_detail.value("run"_L1).toObject();
    const QJsonObject summary = m_summary.isEmpty() ? run : m_summary;
    m_state->show();
    m_state->setState(state(),
                      m_summary.isEmpty() ? m_detail.value("reason"_L1).toString()
                                          : m_summary.value("reason"_L1).toString());
    const QJsonObject task = run.value("task"_L1).toObject();
    const QString title = task.value("title"_L1).toString();
    m_title->setText(title.isEmpty() ? m_runId : title);
    QStringList meta { m_runId, m_engine };
    const QJsonObject agent = task.value("agent"_L1).toObject();
    QStringList agentParts;
    for (const QString &key : { u"runtime"_s, u"provider"_s, u"model"_s }) {
        if (!agent.value(key).toString().isEmpty())
            agentParts.append(agent.value(key).toString());
    }
    if (!agentParts.isEmpty())
        meta.append(agentParts.join(u"/"_s));
    const QJsonObject usage = summary.value("usage"_L1).toObject();
    if (!usage.isEmpty()) {
        meta.append(displayformat::cost(usage.value("cost_usd"_L1).toDouble()));
        meta.append(tr("%1 tokens")
                        .arg(displayformat::tokens(qint64(usage.value("tokens_in"_L1).toDouble()
                                                          + usage.value("tokens_out"_L1).toDouble()))));
    }
    const QDateTime updated = displayformat::parseTime(summary.value("updated_at"_L1).toString());
    if (updated.isValid()) {
        meta.append(tr("updated %1").arg(displayformat::relativeTime(updated)));
        m_meta->setToolTip(displayformat::exactTime(updated));
    }
    m_meta->setText(meta.join(u"  ·  "_s));
}

void ReviewView::updateControls()
{
    const EngineSession *engine = session();
    const bool review = canReview();
    const bool hasComments = !m_comments->isReadOnly() && !m_comments->comments().isEmpty();
    const bool hasText = !m_overall->text().trimmed().isEmpty();
    const bool patch = shownArtifact().value("kind"_L1).toString() == "patch"_L1;
    m_approve->setEnabled(review);
    m_reject->setEnabled(review);
    m_requestChanges->setEnabled(review && (hasComments || hasText));
    m_overall->setEnabled(review);
    m_requestChanges->setText(hasComments ? tr("Request &changes (%1)").arg(m_comments->comments().size())
                                          : tr("Request &changes"));
    if (review && !hasComments && !hasText)
        m_requestChanges->setToolTip(
            tr("Comment on lines (double-click or C) or write an overall comment first"));
    else
        m_requestChanges->setToolTip(
            tr("Send your line comments and overall comment to the agent, which hands "
               "in a new version"));
    m_diff->view()->setCommentsEnabled(review && patch);
    m_issues->setReadOnly(!review);
    m_report->setEditable(review);
    if (review != m_commentsEditable) {
        // The list turns editable or read-only with the right to review.
        m_commentsEditable = review;
        if (patch && m_shownVersion > 0)
            restoreDraftComments();
    }

    // Say why nothing can be done, rather than leaving buttons grey.
    const QString stateName = state();
    QString notice;
    InlineMessage::Kind kind = InlineMessage::Kind::Information;
    if (m_runId.isEmpty() || m_detail.isEmpty()) {
        notice.clear();
    } else if (!engine || !engine->isConnected()) {
        notice = tr("Not connected to %1: reviewing waits until the connection is back.").arg(m_engine);
        kind = InlineMessage::Kind::Warning;
    } else if (engine->identity().role == Role::Auditor) {
        notice = tr("You are an auditor on %1: you can read this run, not review it or release its actions.")
                     .arg(m_engine);
    } else if (m_shownVersion > 0 && m_shownVersion != latestVersion()) {
        notice = tr("You are reading version %1; version %2 is the latest, and reviews apply to it.")
                     .arg(m_shownVersion)
                     .arg(latestVersion());
    } else if (stateName == "approved"_L1) {
        notice = tr("Approved. Its actions wait for you: preview them, then run them.");
        kind = InlineMessage::Kind::Success;
    } else if (stateName == "changes_requested"_L1 || stateName == "running"_L1 || stateName == "queued"_L1
               || stateName == "provisioning"_L1) {
        notice = m_detail.value("reviews"_L1).toArray().isEmpty()
            ? tr("The agent is working; there is nothing to review until it hands in.")
            : tr("Changes requested: the agent is working on version %1.").arg(latestVersion() + 1);
    } else if (stateName == "waiting_for_human"_L1) {
        notice = tr("The run is waiting for an answer to a question: answer it in the Inbox.");
        kind = InlineMessage::Kind::Warning;
    } else if (stateName == "completed"_L1) {
        notice = tr("Completed.");
        kind = InlineMessage::Kind::Success;
    } else if (stateName == "rejected"_L1 || stateName == "failed"_L1 || stateName == "cancelled"_L1
               || stateName == "interrupted"_L1 || stateName == "applying"_L1) {
        const QString reason = m_detail.value("reason"_L1).toString();
        notice = reason.isEmpty() ? RunStateLook::of(stateName).word
                                  : tr("%1: %2").arg(RunStateLook::of(stateName).word, reason);
        kind = stateName == "applying"_L1 || stateName == "interrupted"_L1 ? InlineMessage::Kind::Information
                                                                           : InlineMessage::Kind::Warning;
    }
    if (notice.isEmpty())
        m_notice->clear();
    else
        m_notice->showMessage(kind, notice);
    // Once approved, the actions panel takes over from the decision bar.
    m_footer->setVisible(latestVersion() > 0 && stateName != "approved"_L1 && stateName != "applying"_L1
                         && stateName != "completed"_L1);
}

void ReviewView::updateActionsPanel()
{
    const QString stateName = state();
    const QJsonArray reviews = m_detail.value("reviews"_L1).toArray();
    bool approved = false;
    for (const QJsonValue &review : reviews)
        approved = approved || review.toObject().value("verdict"_L1).toString() == "approve"_L1;
    const bool ran = !m_detail.value("actions"_L1).toArray().isEmpty();
    const bool show = approved || ran;
    m_actions->setVisible(show);
    if (!show)
        return;
    m_actions->setRun(session(), m_detail);
    const EngineSession *engine = session();
    const bool releasable = stateName == "approved"_L1 || (stateName == "interrupted"_L1 && approved);
    if (!engine || engine->identity().role == Role::Auditor)
        m_actions->setEditable(false, tr("An auditor reads; a lead or a reviewer releases actions."));
    else if (stateName == "applying"_L1)
        m_actions->setEditable(false, tr("The actions are running…"));
    else if (!releasable)
        m_actions->setEditable(
            false,
            ran ? QString()
                : tr("Nothing left to run: the run is %1.").arg(RunStateLook::of(stateName).word.toLower()));
    else
        m_actions->setEditable(true);
    if (show && m_splitter->sizes().value(1) < 300)
        m_splitter->setSizes({ std::max(400, width() - 420), 400 });
}

void ReviewView::approve()
{
    if (!canReview())
        return;
    if (const QString pending = pendingEdit(); !pending.isEmpty()) {
        ConfirmationRequest request;
        request.title = tr("Approve without your edit?");
        request.question = tr("Approve version %1 as it was handed in?").arg(m_shownVersion);
        request.consequences = {
            pending,
            tr("Approving releases version %1 as it is: your edit is left out.").arg(m_shownVersion),
            tr("To keep your edit, cancel and save it as a new version first."),
        };
        request.acceptText = tr("Approve without the edit");
        if (!m_confirmer(this, request))
            return;
    }
    if (!m_comments->isReadOnly() && !m_comments->comments().isEmpty()) {
        ConfirmationRequest request;
        request.title = tr("Approve and drop your comments?");
        request.question = tr("Approve version %1 with %n unsent line comment(s)?", nullptr,
                              int(m_comments->comments().size()))
                               .arg(m_shownVersion);
        request.consequences = {
            tr("Approving sends no comments: yours are dropped."),
            tr("To have the agent act on them, cancel and request changes instead."),
        };
        request.acceptText = tr("Approve without them");
        if (!m_confirmer(this, request))
            return;
    }
    QJsonObject params { { u"verdict"_s, u"approve"_s } };
    const QString text = m_overall->text().trimmed();
    if (!text.isEmpty())
        params.insert(u"text"_s, text);
    sendReview(u"approve"_s, params);
}

void ReviewView::requestChanges()
{
    if (!canReview())
        return;
    const QList<LineComment> comments =
        m_comments->isReadOnly() ? QList<LineComment>() : m_comments->comments();
    const QString text = m_overall->text().trimmed();
    if (comments.isEmpty() && text.isEmpty()) {
        m_message->showError(tr("Say what should change: comment on lines of the diff or write an overall "
                                "comment."));
        return;
    }
    QJsonArray array;
    for (const LineComment &comment : comments)
        array.append(comment.toJson());
    QJsonObject params { { u"verdict"_s, u"changes"_s }, { u"comments"_s, array } };
    if (!text.isEmpty())
        params.insert(u"text"_s, text);
    sendReview(u"changes"_s, params);
}

void ReviewView::reject()
{
    if (!canReview())
        return;
    const QString text = m_overall->text().trimmed();
    ConfirmationRequest request;
    request.title = tr("Reject the run?");
    request.question = tr("Reject version %1 of “%2”?").arg(m_shownVersion).arg(m_title->text());
    request.consequences = {
        tr("The run ends as rejected; the agent does not go on."),
        tr("Its workspace, with the agent's changes, is removed; nothing reaches your repository."),
        text.isEmpty() ? tr("No reason is recorded (write one in the overall comment to keep it).")
                       : tr("The reason recorded: “%1”").arg(text),
        tr("This cannot be undone."),
    };
    request.acceptText = tr("Reject run");
    if (!m_confirmer(this, request))
        return;
    QJsonObject params { { u"verdict"_s, u"reject"_s } };
    if (!text.isEmpty())
        params.insert(u"text"_s, text);
    sendReview(u"reject"_s, params);
}

QString ReviewView::pendingEdit() const
{
    const QString kind = shownArtifact().value("kind"_L1).toString();
    if (kind == "issues"_L1 && m_issues->isEdited())
        return tr("Your edits to the issue drafts are not saved.");
    if (kind == "report"_L1 && m_report->isEditing() && m_report->editedMarkdown() != m_report->markdown())
        return tr("Your edit of the report is not saved.");
    return {};
}

void ReviewView::revise(const QJsonObject &content)
{
    EngineSession *engine = session();
    if (!engine || !canReview())
        return;
    QJsonObject params { { u"run_id"_s, m_runId }, { u"content"_s, content } };
    m_busy = true;
    m_message->showInformation(tr("Saving your edit as version %1…").arg(latestVersion() + 1));
    updateControls();
    const QString runId = m_runId;
    QCoro::connect(
        engine->call(u"runs.revise"_s, params), this, [this, runId](const rpc::RpcOutcome &outcome) {
            if (runId != m_runId)
                return;
            m_busy = false;
            if (outcome.error) {
                m_message->showError(tr("Your edit was not saved: %1").arg(errorText(*outcome.error)));
                updateControls();
                return;
            }
            const int version =
                outcome.result.toObject().value("artifact"_L1).toObject().value("version"_L1).toInt();
            m_followLatest = true;
            m_message->showMessage(InlineMessage::Kind::Information,
                                   tr("Saved as version %1. Read it over, then approve it.").arg(version));
            updateControls();
            Q_EMIT revised(version);
            reload();
        });
}

void ReviewView::sendReview(const QString &verdict, QJsonObject params)
{
    EngineSession *engine = session();
    if (!engine)
        return;
    params.insert(u"run_id"_s, m_runId);
    // The version read: the engine refuses it when a newer one came meanwhile.
    params.insert(u"version"_s, m_shownVersion);
    m_busy = true;
    m_message->showInformation(verdict == "approve"_L1      ? tr("Approving…")
                                   : verdict == "reject"_L1 ? tr("Rejecting…")
                                                            : tr("Sending your comments to the agent…"));
    updateControls();
    const QString runId = m_runId;
    QCoro::connect(
        engine->call(u"runs.review"_s, params), this, [this, verdict, runId](const rpc::RpcOutcome &outcome) {
            if (runId != m_runId)
                return;
            m_busy = false;
            if (outcome.error) {
                m_message->showError(errorText(*outcome.error));
                updateControls();
                reload();
                return;
            }
            m_summary = outcome.result.toObject().value("run"_L1).toObject();
            if (verdict == "changes"_L1) {
                m_draftComments.clear();
                restoreDraftComments();
                m_message->showMessage(
                    InlineMessage::Kind::Success,
                    tr("Changes requested: the agent works on version %1.").arg(m_shownVersion + 1));
            } else {
                // The notice above says what follows; unsent comments are dropped.
                m_message->clear();
                m_draftComments.clear();
                restoreDraftComments();
            }
            m_overall->clear();
            updateHeader();
            updateControls();
            Q_EMIT reviewed(verdict);
            reload();
        });
}

} // namespace delegate::ui
