// SPDX-License-Identifier: GPL-3.0-or-later
#include "audittrailview.h"

#include "audittrailpdf.h"
#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "review/inlinemessage.h"
#include "review/statebadge.h"

#include "audit/audittrailhtml.h"
#include "audit/audittrailloader.h"

#include <QApplication>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

enum Page { PlaceholderPage, TrailPage };

QCoro::Task<rpc::RpcOutcome> noEngine(QString name)
{
    co_return rpc::RpcOutcome::fail(
        rpc::Unavailable, AuditTrailView::tr("the engine “%1” is gone: connect to it again").arg(name));
}

QString defaultChooser(QWidget *parent, const QString &title, const QString &suggestedName,
                       const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, title, QDir::home().filePath(suggestedName), filter);
}

// The page in the window's own colours; the exported report stays light.
audittrailhtml::Colours coloursOf(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    audittrailhtml::Colours colours;
    colours.text = palette.color(QPalette::Text).name();
    colours.background = palette.color(QPalette::Base).name();
    colours.muted = palette.color(QPalette::PlaceholderText).name();
    colours.panel = palette.color(QPalette::AlternateBase).name();
    colours.border = palette.color(QPalette::Mid).name();
    colours.ok = dark ? u"#6fcf86"_s : u"#1e7a34"_s;
    colours.failed = dark ? u"#ff8a80"_s : u"#b3261e"_s;
    return colours;
}

} // namespace

AuditTrailView::AuditTrailView(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_chooser(&defaultChooser)
    , m_title(new QLabel(this))
    , m_state(new StateBadge(this))
    , m_reload(new QPushButton(tr("Reload"), this))
    , m_exportHtml(new QPushButton(tr("Export HTML…"), this))
    , m_exportPdf(new QPushButton(tr("Export PDF…"), this))
    , m_message(new InlineMessage(this))
    , m_progressText(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_pages(new QStackedWidget(this))
    , m_placeholder(new QLabel(this))
    , m_page(new QTextBrowser(this))
{
    m_title->setObjectName(u"auditTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reload->setObjectName(u"reloadTrail"_s);
    m_reload->setShortcut(QKeySequence::Refresh);
    m_reload->setToolTip(tr("Read the trail again from the engine (%1)")
                             .arg(QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText)));
    m_exportHtml->setObjectName(u"exportHtml"_s);
    m_exportHtml->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportHtml->setToolTip(tr("Save the trail as one self-contained HTML page for a reviewer outside "
                                "Delegate (Ctrl+E)"));
    m_exportPdf->setObjectName(u"exportPdf"_s);
    m_exportPdf->setShortcut(QKeySequence::Print);
    m_exportPdf->setToolTip(tr("Save the trail as a PDF report (%1)")
                                .arg(QKeySequence(QKeySequence::Print).toString(QKeySequence::NativeText)));
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_progressText->setObjectName(u"auditProgress"_s);
    m_placeholder->setObjectName(u"auditPlaceholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setText(tr("Choose a run to read its audit trail: what it was asked to do, what it was "
                              "allowed, every command it ran, who decided what, and what came of it."));
    m_page->setObjectName(u"auditPage"_s);
    m_page->setOpenLinks(false);
    m_page->setFrameShape(QFrame::NoFrame);
    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(m_page);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_state);
    header->addSpacing(12);
    header->addWidget(m_reload);
    header->addWidget(m_exportHtml);
    header->addWidget(m_exportPdf);
    auto *progress = new QHBoxLayout;
    progress->addWidget(m_progressText, 1);
    progress->addWidget(m_progress);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_message);
    layout->addLayout(progress);
    layout->addWidget(m_pages, 1);

    connect(m_reload, &QPushButton::clicked, this, &AuditTrailView::reload);
    connect(m_exportHtml, &QPushButton::clicked, this, &AuditTrailView::exportHtml);
    connect(m_exportPdf, &QPushButton::clicked, this, &AuditTrailView::exportPdf);
    setLoading(false);
    m_state->hide();
    updateControls();
}

AuditTrailView::~AuditTrailView() = default;

EngineSession *AuditTrailView::session() const
{
    return m_hub ? m_hub->engine(m_engine) : nullptr;
}

void AuditTrailView::showRun(const QString &engine, const QString &runId)
{
    if (engine == m_engine && runId == m_runId && (m_trail || m_loading))
        return;
    m_engine = engine;
    m_runId = runId;
    m_trail.reset();
    m_message->clear();
    m_title->setText(runId);
    m_state->hide();
    m_placeholder->setText(tr("Reading the audit trail of %1…").arg(runId));
    m_pages->setCurrentIndex(PlaceholderPage);
    reload();
}

void AuditTrailView::reload()
{
    if (m_runId.isEmpty())
        return;
    EngineSession *engine = session();
    if (!engine) {
        m_message->showError(
            tr("There is no engine called “%1” any more: connect to it again in Settings.").arg(m_engine));
        return;
    }
    const quint64 generation = ++m_generation;
    setLoading(true, tr("Reading the run's events…"));
    QPointer<EngineSession> guarded(engine);
    const QString engineName = m_engine;
    AuditTrailLoader::Call call = [guarded, engineName](QString method, QJsonObject params) {
        if (!guarded)
            return noEngine(engineName);
        return guarded->call(std::move(method), std::move(params));
    };
    QPointer<AuditTrailView> self(this);
    AuditTrailLoader::Progress progress = [self, generation](qsizetype read) {
        if (self && generation == self->m_generation)
            self->m_progressText->setText(
                tr("Reading the run's events… %1 read").arg(QLocale().toString(read)));
    };
    const QString runId = m_runId;
    QCoro::connect(AuditTrailLoader::load(std::move(call), runId, std::move(progress)), this,
                   [this, generation](const AuditTrailLoader::Result &result) {
                       // A slow answer never overwrites a newer one.
                       if (generation != m_generation)
                           return;
                       setLoading(false);
                       if (const auto *error = std::get_if<rpc::RpcError>(&result)) {
                           const QString text =
                               tr("Could not read the audit trail of %1: %2 Press Reload (F5) "
                                  "to try again.")
                                   .arg(m_runId, error->message);
                           if (!m_trail) {
                               m_placeholder->setText(text);
                               m_pages->setCurrentIndex(PlaceholderPage);
                           }
                           m_message->showError(text);
                           updateControls();
                           Q_EMIT loadFailed(error->message);
                           return;
                       }
                       m_message->clear();
                       m_trail = std::get<AuditTrail>(result);
                       showTrail();
                       Q_EMIT loaded();
                   });
}

void AuditTrailView::showTrail()
{
    if (!m_trail)
        return;
    m_title->setText(tr("Audit trail: %1").arg(m_trail->title));
    m_title->setToolTip(m_trail->runId);
    m_state->setState(m_trail->state, m_trail->reason);
    m_state->show();
    const int scroll = m_page->verticalScrollBar()->value();
    m_page->setHtml(audittrailhtml::render(*m_trail, QDateTime::currentDateTimeUtc(), coloursOf(palette())));
    m_page->verticalScrollBar()->setValue(scroll);
    m_pages->setCurrentIndex(TrailPage);
    updateControls();
}

void AuditTrailView::setLoading(bool loading, const QString &text)
{
    m_loading = loading;
    m_progress->setVisible(loading);
    m_progressText->setVisible(loading);
    m_progressText->setText(text);
    updateControls();
}

void AuditTrailView::updateControls()
{
    const bool ready = m_trail.has_value() && !m_loading;
    m_exportHtml->setEnabled(ready);
    m_exportPdf->setEnabled(ready);
    m_reload->setEnabled(!m_runId.isEmpty() && !m_loading);
}

void AuditTrailView::setFileChooser(FileChooser chooser)
{
    m_chooser = chooser ? std::move(chooser) : FileChooser(&defaultChooser);
}

QString AuditTrailView::suggestedName(const QString &extension) const
{
    return u"audit-trail-%1.%2"_s.arg(m_runId, extension);
}

void AuditTrailView::exportHtml()
{
    if (!m_trail)
        return;
    const QString path = m_chooser(this, tr("Export the audit trail as HTML"), suggestedName(u"html"_s),
                                   tr("HTML pages (*.html)"));
    if (!path.isEmpty())
        exportHtmlTo(path);
}

void AuditTrailView::exportPdf()
{
    if (!m_trail)
        return;
    const QString path = m_chooser(this, tr("Export the audit trail as PDF"), suggestedName(u"pdf"_s),
                                   tr("PDF documents (*.pdf)"));
    if (!path.isEmpty())
        exportPdfTo(path);
}

bool AuditTrailView::exportHtmlTo(const QString &path)
{
    if (!m_trail)
        return false;
    QSaveFile file(path);
    const QByteArray html = audittrailhtml::render(*m_trail).toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(html) != html.size() || !file.commit()) {
        m_message->showError(tr("Could not save %1: %2. Choose a folder you may write to and export again.")
                                 .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_message->showMessage(InlineMessage::Kind::Success,
                           tr("Saved the audit trail as %1.").arg(QDir::toNativeSeparators(path)));
    Q_EMIT exported(path);
    return true;
}

bool AuditTrailView::exportPdfTo(const QString &path)
{
    if (!m_trail)
        return false;
    // Laying out a long trail takes a moment: say so before the work starts.
    setLoading(true, tr("Writing the PDF report (%n entries)…", nullptr, int(m_trail->entries.size())));
    QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    const QString error = audittrailpdf::write(*m_trail, path);
    setLoading(false);
    if (!error.isEmpty()) {
        m_message->showError(tr("Could not export the PDF: %1").arg(error));
        return false;
    }
    m_message->showMessage(InlineMessage::Kind::Success,
                           tr("Saved the audit trail as %1.").arg(QDir::toNativeSeparators(path)));
    Q_EMIT exported(path);
    return true;
}

void AuditTrailView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The page follows a switch between light and dark.
    if (event->type() == QEvent::PaletteChange && m_trail)
        showTrail();
}

} // namespace delegate::ui
