// SPDX-License-Identifier: GPL-3.0-or-later
#include "issuedraftseditor.h"

#include "inlinemessage.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QPlainTextEdit *textField(QWidget *parent, const QString &placeholder, int lines)
{
    auto *field = new QPlainTextEdit(parent);
    field->setPlaceholderText(placeholder);
    field->setTabChangesFocus(true);
    field->setMinimumHeight(field->fontMetrics().lineSpacing() * lines + 12);
    field->setMaximumHeight(field->fontMetrics().lineSpacing() * (lines + 3) + 12);
    return field;
}

QString joinLines(const QJsonValue &value)
{
    QStringList lines;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &line : array)
        lines.append(line.toString());
    return lines.join(u'\n');
}

QJsonArray splitLines(const QString &text)
{
    QJsonArray array;
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty())
            array.append(line.trimmed());
    }
    return array;
}

} // namespace

IssueDraftsEditor::IssueDraftsEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_pending(new InlineMessage(this))
    , m_discard(new QPushButton(tr("Discard edits"), this))
    , m_save(new QPushButton(tr("&Save as a new version"), this))
    , m_title(new QLineEdit(this))
    , m_sourceContext(textField(this, tr("Where the finding comes from: a file, a log, an audit item"), 2))
    , m_currentBehaviour(textField(this, tr("What happens now"), 2))
    , m_expectedBehaviour(textField(this, tr("What should happen"), 2))
    , m_scope(textField(this, tr("What is in and out of scope"), 2))
    , m_acceptanceCriteria(textField(this, tr("One criterion per line"), 3))
    , m_openQuestions(textField(this, tr("One question per line"), 2))
    , m_empty(new QLabel(tr("The agent handed in no issue drafts."), this))
    , m_form(new QWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *pendingRow = new QHBoxLayout;
    pendingRow->addWidget(m_pending, 1);
    pendingRow->addWidget(m_discard);
    pendingRow->addWidget(m_save);
    m_discard->setToolTip(tr("Go back to the drafts as they were handed in"));
    m_discard->hide();
    m_save->setToolTip(
        tr("Keep the edited drafts as the next version; approving then creates them as edited"));
    m_save->hide();
    layout->addLayout(pendingRow);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    m_list->setAccessibleName(tr("Issue drafts"));
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    splitter->addWidget(m_list);
    auto *scroll = new QScrollArea(splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *form = new QFormLayout(m_form);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_title->setPlaceholderText(tr("A short, specific title"));
    form->addRow(tr("&Title"), m_title);
    form->addRow(tr("Source &context"), m_sourceContext);
    form->addRow(tr("C&urrent behaviour"), m_currentBehaviour);
    form->addRow(tr("E&xpected behaviour"), m_expectedBehaviour);
    form->addRow(tr("&Scope"), m_scope);
    form->addRow(tr("&Acceptance criteria"), m_acceptanceCriteria);
    form->addRow(tr("Open &questions"), m_openQuestions);
    scroll->setWidget(m_form);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 220, 600 });
    layout->addWidget(splitter, 1);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_empty);
    m_empty->hide();

    connect(m_list, &QListWidget::currentRowChanged, this, &IssueDraftsEditor::showDraft);
    connect(m_discard, &QPushButton::clicked, this, &IssueDraftsEditor::discardEdits);
    connect(m_save, &QPushButton::clicked, this, [this] { Q_EMIT saveRequested(m_drafts); });
    connect(m_title, &QLineEdit::textEdited, this, &IssueDraftsEditor::storeField);
    for (QPlainTextEdit *field : { m_sourceContext, m_currentBehaviour, m_expectedBehaviour, m_scope,
                                   m_acceptanceCriteria, m_openQuestions })
        connect(field, &QPlainTextEdit::textChanged, this, &IssueDraftsEditor::storeField);
}

void IssueDraftsEditor::setDrafts(const QJsonArray &drafts)
{
    m_drafts = drafts;
    m_original = drafts;
    m_shown = -1;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
    }
    refreshList();
    m_empty->setVisible(drafts.isEmpty());
    m_form->setEnabled(!drafts.isEmpty());
    selectDraft(0);
}

void IssueDraftsEditor::discardEdits()
{
    const int shown = m_shown;
    m_drafts = m_original;
    refreshList();
    selectDraft(shown);
}

void IssueDraftsEditor::setReadOnly(bool readOnly)
{
    m_title->setReadOnly(readOnly);
    for (QPlainTextEdit *field : { m_sourceContext, m_currentBehaviour, m_expectedBehaviour, m_scope,
                                   m_acceptanceCriteria, m_openQuestions })
        field->setReadOnly(readOnly);
    m_discard->setEnabled(!readOnly);
    m_save->setEnabled(!readOnly);
}

void IssueDraftsEditor::selectDraft(int index)
{
    if (m_drafts.isEmpty())
        return;
    index = std::clamp(index, 0, int(m_drafts.size()) - 1);
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(index);
    }
    showDraft(index);
}

void IssueDraftsEditor::showDraft(int index)
{
    if (index < 0 || index >= m_drafts.size())
        return;
    m_shown = index;
    const QScopedValueRollback filling(m_filling, true);
    const QJsonObject draft = m_drafts.at(index).toObject();
    m_title->setText(draft.value("title"_L1).toString());
    m_sourceContext->setPlainText(draft.value("source_context"_L1).toString());
    m_currentBehaviour->setPlainText(draft.value("current_behaviour"_L1).toString());
    m_expectedBehaviour->setPlainText(draft.value("expected_behaviour"_L1).toString());
    m_scope->setPlainText(draft.value("scope"_L1).toString());
    m_acceptanceCriteria->setPlainText(joinLines(draft.value("acceptance_criteria"_L1)));
    m_openQuestions->setPlainText(joinLines(draft.value("open_questions"_L1)));
}

void IssueDraftsEditor::storeField()
{
    if (m_filling || m_shown < 0 || m_shown >= m_drafts.size())
        return;
    QJsonObject draft = m_drafts.at(m_shown).toObject();
    draft.insert(u"title"_s, m_title->text());
    draft.insert(u"source_context"_s, m_sourceContext->toPlainText());
    draft.insert(u"current_behaviour"_s, m_currentBehaviour->toPlainText());
    draft.insert(u"expected_behaviour"_s, m_expectedBehaviour->toPlainText());
    draft.insert(u"scope"_s, m_scope->toPlainText());
    const QJsonArray criteria = splitLines(m_acceptanceCriteria->toPlainText());
    const QJsonArray questions = splitLines(m_openQuestions->toPlainText());
    // Re-splitting unchanged text must not count as an edit.
    const QJsonObject original = m_original.at(m_shown).toObject();
    if (criteria != splitLines(joinLines(original.value("acceptance_criteria"_L1))))
        draft.insert(u"acceptance_criteria"_s, criteria);
    else
        draft.insert(u"acceptance_criteria"_s, original.value("acceptance_criteria"_L1));
    if (questions != splitLines(joinLines(original.value("open_questions"_L1))))
        draft.insert(u"open_questions"_s, questions);
    else
        draft.insert(u"open_questions"_s, original.value("open_questions"_L1));
    // Fields the original did not have stay absent while empty.
    for (const QString &key :
         { u"source_context"_s, u"current_behaviour"_s, u"expected_behaviour"_s, u"scope"_s }) {
        if (!original.contains(key) && draft.value(key).toString().isEmpty())
            draft.remove(key);
    }
    for (const QString &key : { u"acceptance_criteria"_s, u"open_questions"_s }) {
        if (!original.contains(key) && draft.value(key).toArray().isEmpty())
            draft.remove(key);
    }
    m_drafts.replace(m_shown, draft);
    refreshList();
}

void IssueDraftsEditor::refreshList()
{
    {
        const QSignalBlocker blocker(m_list);
        const int current = m_list->currentRow();
        if (m_list->count() != m_drafts.size()) {
            m_list->clear();
            for (qsizetype i = 0; i < m_drafts.size(); ++i)
                m_list->addItem(QString());
        }
        for (qsizetype i = 0; i < m_drafts.size(); ++i) {
            const bool edited = m_drafts.at(i) != m_original.at(i);
            QString title = m_drafts.at(i).toObject().value("title"_L1).toString();
            if (title.isEmpty())
                title = tr("(no title)");
            QListWidgetItem *item = m_list->item(int(i));
            item->setText(edited ? u"✎ "_s + title : title);
            item->setToolTip(edited ? tr("Edited here; not stored in the engine") : title);
            QFont font = item->font();
            font.setItalic(edited);
            item->setFont(font);
        }
        if (current >= 0 && current < m_list->count())
            m_list->setCurrentRow(current);
    }
    const bool edited = isEdited();
    if (edited) {
        int count = 0;
        for (qsizetype i = 0; i < m_drafts.size(); ++i)
            count += m_drafts.at(i) != m_original.at(i) ? 1 : 0;
        m_pending->showMessage(InlineMessage::Kind::Warning,
                               tr("Pending edit: %n draft(s) changed here and not saved. Save them as a new "
                                  "version to have the issues created as edited; approving now creates them "
                                  "as they were handed in.",
                                  nullptr, count));
    } else {
        m_pending->clear();
    }
    m_discard->setVisible(edited);
    m_save->setVisible(edited);
    if (edited != m_wasEdited) {
        m_wasEdited = edited;
        Q_EMIT editedChanged(edited);
    }
}

} // namespace delegate::ui
