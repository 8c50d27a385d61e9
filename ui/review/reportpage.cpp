// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportpage.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace delegate::ui {

ReportPage::ReportPage(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_browser(new QTextBrowser(m_stack))
    , m_editor(new QPlainTextEdit(m_stack))
    , m_edit(new QPushButton(tr("&Edit Markdown"), this))
    , m_save(new QPushButton(tr("&Save as a new version"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_edit->setToolTip(tr("Correct the report yourself; saved, it becomes the next version"));
    m_save->setToolTip(tr("Keep your edit as the next version of the report (the run stays in review)"));
    buttons->addWidget(m_edit);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_save);
    layout->addLayout(buttons);
    m_browser->setOpenExternalLinks(true);
    m_browser->setAccessibleName(tr("Report"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setAccessibleName(tr("Report Markdown"));
    m_stack->addWidget(m_browser);
    m_stack->addWidget(m_editor);
    layout->addWidget(m_stack, 1);

    connect(m_edit, &QPushButton::clicked, this, &ReportPage::startEditing);
    connect(m_cancel, &QPushButton::clicked, this, &ReportPage::cancelEditing);
    connect(m_save, &QPushButton::clicked, this, [this] { Q_EMIT saveRequested(editedMarkdown()); });
    connect(m_editor, &QPlainTextEdit::textChanged, this, &ReportPage::updateButtons);
    updateButtons();
}

void ReportPage::setMarkdown(const QString &markdown)
{
    const bool wasEditing = isEditing();
    m_markdown = markdown;
    m_browser->setMarkdown(markdown);
    m_stack->setCurrentWidget(m_browser);
    updateButtons();
    if (wasEditing)
        Q_EMIT editingChanged(false);
}

void ReportPage::setEditable(bool editable)
{
    m_editable = editable;
    if (!editable && isEditing())
        cancelEditing();
    updateButtons();
}

bool ReportPage::isEditing() const
{
    return m_stack->currentWidget() == m_editor;
}

void ReportPage::startEditing()
{
    if (!m_editable || isEditing())
        return;
    m_editor->setPlainText(m_markdown);
    m_stack->setCurrentWidget(m_editor);
    m_editor->setFocus();
    updateButtons();
    Q_EMIT editingChanged(true);
}

void ReportPage::cancelEditing()
{
    if (!isEditing())
        return;
    m_stack->setCurrentWidget(m_browser);
    updateButtons();
    Q_EMIT editingChanged(false);
}

QString ReportPage::editedMarkdown() const
{
    return isEditing() ? m_editor->toPlainText() : m_markdown;
}

void ReportPage::updateButtons()
{
    const bool editing = isEditing();
    m_edit->setVisible(!editing);
    m_edit->setEnabled(m_editable);
    m_cancel->setVisible(editing);
    m_save->setVisible(editing);
    m_save->setEnabled(editing && m_editable && m_editor->toPlainText() != m_markdown
                       && !m_editor->toPlainText().trimmed().isEmpty());
}

} // namespace delegate::ui
