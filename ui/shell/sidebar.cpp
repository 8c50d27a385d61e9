// SPDX-License-Identifier: GPL-3.0-or-later
#include "sidebar.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "style/runstatelook.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

constexpr int countRole = Qt::UserRole + 1;
constexpr int highlightRole = Qt::UserRole + 2; // the count is amber: something waits for a person

// A section row: its name, and its count as a pill on the right.
class SectionDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 14));
        return size;
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        // The selection as the style draws it; the name with some air on the left.
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString name = opt.text;
        opt.text.clear();
        QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        painter->save();
        painter->setPen(opt.palette.color((opt.state & QStyle::State_Selected) ? QPalette::HighlightedText
                                                                               : QPalette::Text));
        painter->drawText(opt.rect.adjusted(12, 0, -8, 0), Qt::AlignLeft | Qt::AlignVCenter, name);
        painter->restore();
        const int count = index.data(countRole).toInt();
        if (count <= 0)
            return;
        const QString text = QString::number(count);
        QFont font = option.font;
        font.setBold(true);
        const QFontMetrics metrics(font);
        const int width = std::max(metrics.horizontalAdvance(text) + 12, metrics.height() + 4);
        const QRect pill(option.rect.right() - width - 8, option.rect.center().y() - metrics.height() / 2 - 1,
                         width, metrics.height() + 2);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        const bool highlight = index.data(highlightRole).toBool();
        painter->setBrush(highlight ? RunStateLook::of(u"waiting_for_human"_s).color
                                    : option.palette.color(QPalette::Mid));
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setFont(font);
        painter->setPen(highlight ? QColor(Qt::white) : option.palette.color(QPalette::Text));
        painter->drawText(pill, Qt::AlignCenter, text);
        painter->restore();
    }
};

QIcon dot(const QColor &color)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(8, 8, 16, 16));
    return QIcon(pixmap);
}

} // namespace

QString Sidebar::title(Section section)
{
    switch (section) {
    case Inbox:
        return tr("Inbox");
    case Runs:
        return tr("Runs");
    case Watch:
        return tr("Watch");
    case Compose:
        return tr("Compose");
    case Skills:
        return tr("Skills");
    case Environments:
        return tr("Environments");
    case History:
        return tr("History");
    case Settings:
        return tr("Settings");
    case SectionCount:
        break;
    }
    return {};
}

Sidebar::Sidebar(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_sections(new QListWidget(this))
    , m_engines(new QListWidget(this))
{
    setObjectName(u"sidebar"_s);
    m_sections->setObjectName(u"sections"_s);
    m_sections->setItemDelegate(new SectionDelegate(m_sections));
    m_sections->setFrameShape(QFrame::NoFrame);
    for (int section = 0; section < SectionCount; ++section) {
        auto *item = new QListWidgetItem(title(Section(section)), m_sections);
        item->setToolTip(tr("%1 (Ctrl+%2)").arg(title(Section(section))).arg(section + 1));
    }
    m_engines->setObjectName(u"engines"_s);
    m_engines->setFrameShape(QFrame::NoFrame);
    m_engines->setMaximumHeight(90);
    auto *enginesLabel = new QLabel(tr("ENGINES"), this);
    enginesLabel->setContentsMargins(10, 6, 0, 2);
    QFont small = enginesLabel->font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    small.setBold(true);
    enginesLabel->setFont(small);
    enginesLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->addWidget(m_sections, 1);
    layout->addWidget(enginesLabel);
    layout->addWidget(m_engines);
    setMinimumWidth(150);

    connect(m_sections, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            Q_EMIT sectionChanged(Section(row));
    });
    connect(m_engines, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT engineActivated(item->data(Qt::UserRole).toString()); });
    for (EngineSession *session : hub->engines())
        addEngine(session);
    connect(hub, &EngineHub::engineAdded, this, &Sidebar::addEngine);
    connect(hub, &EngineHub::engineRemoved, this, [this](const QString &name) {
        for (int row = 0; row < m_engines->count(); ++row) {
            if (m_engines->item(row)->data(Qt::UserRole).toString() == name)
                delete m_engines->takeItem(row);
        }
    });
}

void Sidebar::addEngine(EngineSession *session)
{
    auto *item = new QListWidgetItem(session->name(), m_engines);
    item->setData(Qt::UserRole, session->name());
    connect(session, &EngineSession::statusChanged, this, [this, session] { updateEngine(session); });
    connect(session, &EngineSession::ready, this, [this, session] { updateEngine(session); });
    updateEngine(session);
}

void Sidebar::updateEngine(EngineSession *session)
{
    for (int row = 0; row < m_engines->count(); ++row) {
        QListWidgetItem *item = m_engines->item(row);
        if (item->data(Qt::UserRole).toString() != session->name())
            continue;
        QColor color;
        QString word;
        switch (session->status()) {
        case EngineSession::Status::Connected:
            color = RunStateLook::of(u"completed"_s).color;
            word = tr("connected");
            break;
        case EngineSession::Status::Connecting:
            color = RunStateLook::of(u"waiting_for_human"_s).color;
            word = tr("connecting");
            break;
        case EngineSession::Status::Disconnected:
            color = RunStateLook::of(u"failed"_s).color;
            word = tr("offline");
            break;
        }
        item->setIcon(dot(color));
        item->setText(u"%1 — %2"_s.arg(session->name(), word));
        item->setToolTip(session->statusText());
    }
}

void Sidebar::setCount(Section section, int count)
{
    QListWidgetItem *item = m_sections->item(section);
    item->setData(countRole, count);
    item->setData(highlightRole, section == Inbox && count > 0);
    item->setToolTip(count > 0 ? tr("%1: %2 (Ctrl+%3)").arg(title(section)).arg(count).arg(int(section) + 1)
                               : tr("%1 (Ctrl+%2)").arg(title(section)).arg(int(section) + 1));
}

int Sidebar::count(Section section) const
{
    return m_sections->item(section)->data(countRole).toInt();
}

void Sidebar::setCurrent(Section section)
{
    m_sections->setCurrentRow(section);
}

Sidebar::Section Sidebar::current() const
{
    return Section(std::max(0, m_sections->currentRow()));
}

} // namespace delegate::ui
