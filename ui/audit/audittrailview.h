// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/audittrail.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTextBrowser;

namespace delegate::ui {

class EngineHub;
class EngineSession;
class InlineMessage;
class StateBadge;

// A run's audit trail as one readable page — the task's bounds as
// submitted, the environment's grants, checkpoints and who decided them,
// artifact versions and their reviews, actions and their outcomes, then
// everything in order with commands in monospace — read from its engine
// through the RPC client (runs.get and every page of runs.events), and
// exported as the self-contained HTML report or as PDF.
class AuditTrailView final : public QWidget
{
    Q_OBJECT

public:
    // Asks where to save; an empty answer cancels. Tests answer instead of a dialog.
    using FileChooser = std::function<QString(QWidget *parent, const QString &title,
                                              const QString &suggestedName, const QString &filter)>;

    explicit AuditTrailView(EngineHub *hub, QWidget *parent = nullptr);
    ~AuditTrailView() override;

    void showRun(const QString &engine, const QString &runId);
    void reload();
    QString engineName() const { return m_engine; }
    QString runId() const { return m_runId; }
    // The trail shown; std::nullopt before the first one arrived.
    const std::optional<AuditTrail> &trail() const { return m_trail; }
    bool isLoading() const { return m_loading; }

    void setFileChooser(FileChooser chooser);
    // Ask for a file, then write the report; the outcome is shown in place.
    void exportHtml();
    void exportPdf();
    // Write the report to path; false (and the reason shown in place) when it failed.
    bool exportHtmlTo(const QString &path);
    bool exportPdfTo(const QString &path);

Q_SIGNALS:
    void loaded();
    void loadFailed(const QString &message);
    void exported(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    EngineSession *session() const;
    void setLoading(bool loading, const QString &text = {});
    void showTrail();
    void updateControls();
    QString suggestedName(const QString &extension) const;

    QPointer<EngineHub> m_hub;
    QString m_engine;
    QString m_runId;
    std::optional<AuditTrail> m_trail;
    quint64 m_generation = 0;
    bool m_loading = false;
    FileChooser m_chooser;

    QLabel *m_title;
    StateBadge *m_state;
    QPushButton *m_reload;
    QPushButton *m_exportHtml;
    QPushButton *m_exportPdf;
    InlineMessage *m_message;
    QLabel *m_progressText;
    QProgressBar *m_progress;
    QStackedWidget *m_pages;
    QLabel *m_placeholder;
    QTextBrowser *m_page;
};

} // namespace delegate::ui
