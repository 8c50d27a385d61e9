// SPDX-License-Identifier: GPL-3.0-or-later
#include "contextitemrow.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QString kindTitle(ContextItem::Kind kind)
{
    switch (kind) {
    case ContextItem::Kind::File:
        return ContextItemRow::tr("File");
    case ContextItem::Kind::Url:
        return ContextItemRow::tr("URL");
    case ContextItem::Kind::Text:
        return ContextItemRow::tr("Pasted");
    }
    return {};
}

} // namespace

ContextItemRow::ContextItemRow(const ContextItem &item, QWidget *parent)
    : QFrame(parent)
    , m_kind(item.kind)
    , m_kindLabel(new QLabel(kindTitle(item.kind), this))
    , m_label(new QLineEdit(item.label, this))
    , m_remove(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    m_kindLabel->setMinimumWidth(m_kindLabel->fontMetrics().horizontalAdvance(tr("Pasted")) + 8);
    QFont bold = m_kindLabel->font();
    bold.setBold(true);
    m_kindLabel->setFont(bold);
    m_label->setPlaceholderText(tr("Label (how the agent and the reviewer refer to it)"));
    m_remove->setIcon(style()->standardIcon(QStyle::SP_TrashIcon, nullptr, this));
    m_remove->setToolTip(tr("Remove this context item"));
    m_remove->setAutoRaise(true);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    layout->setHorizontalSpacing(6);
    layout->setVerticalSpacing(3);
    layout->addWidget(m_kindLabel, 0, 0);
    layout->addWidget(m_label, 0, 1);
    layout->addWidget(m_remove, 0, 2);
    if (item.kind == ContextItem::Kind::Text) {
        m_text = new QPlainTextEdit(this);
        m_text->setObjectName(u"contextText"_s);
        m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_text->setPlaceholderText(tr("Paste an error, a log excerpt or findings here"));
        m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_text->setTabChangesFocus(true);
        m_text->setPlainText(item.value);
        const int lines = std::clamp(int(item.value.count(u'\n')) + 1, 3, 12);
        m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * lines + 12);
        layout->addWidget(m_text, 1, 0, 1, 3);
        connect(m_text, &QPlainTextEdit::textChanged, this, &ContextItemRow::changed);
    } else {
        m_line = new QLineEdit(item.value, this);
        m_line->setObjectName(u"contextValue"_s);
        m_line->setPlaceholderText(item.kind == ContextItem::Kind::File
                                       ? tr("A path in the repository, such as docs/runbooks/checkout.md")
                                       : tr("https://… a page, log query or dashboard"));
        layout->addWidget(m_line, 1, 1, 1, 2);
        connect(m_line, &QLineEdit::textEdited, this, &ContextItemRow::changed);
    }
    connect(m_label, &QLineEdit::textEdited, this, &ContextItemRow::changed);
    connect(m_remove, &QToolButton::clicked, this, &ContextItemRow::removeRequested);
}

ContextItem ContextItemRow::item() const
{
    return ContextItem { m_kind, m_text ? m_text->toPlainText() : m_line->text(), m_label->text() };
}

QWidget *ContextItemRow::valueEditor() const
{
    return m_text ? static_cast<QWidget *>(m_text) : m_line;
}

} // namespace delegate::ui
