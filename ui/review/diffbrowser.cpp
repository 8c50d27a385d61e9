// SPDX-License-Identifier: GPL-3.0-or-later
#include "diffbrowser.h"

#include "diffview.h"

#include <QAction>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

// Readable on light and dark palettes alike.
const QColor addedColour(0x2e, 0xa0, 0x43);
const QColor removedColour(0xd1, 0x3c, 0x3c);

enum Column { PathColumn, AddedColumn, RemovedColumn };

QToolButton *toolButton(QWidget *parent, const QString &text, const QString &toolTip)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    return button;
}

} // namespace

DiffBrowser::DiffBrowser(QWidget *parent)
    : QWidget(parent)
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_sideSplitter(new QSplitter(Qt::Vertical, m_splitter))
    , m_files(new QTreeWidget(m_sideSplitter))
    , m_view(new DiffView(m_splitter))
    , m_unified(toolButton(this, tr("Unified"), tr("One column: removed lines above the added ones")))
    , m_sideBySide(
          toolButton(this, tr("Side by side"), tr("The old version on the left, the new on the right")))
    , m_totals(new QLabel(this))
    , m_findBar(new QWidget(this))
    , m_findField(new QLineEdit(m_findBar))
    , m_matches(new QLabel(m_findBar))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(0, 0, 0, 0);
    toolbar->setSpacing(2);
    m_unified->setCheckable(true);
    m_sideBySide->setCheckable(true);
    m_unified->setChecked(true);
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_unified);
    modes->addButton(m_sideBySide);
    modes->setExclusive(true);
    toolbar->addWidget(m_unified);
    toolbar->addWidget(m_sideBySide);
    toolbar->addSpacing(12);
    QToolButton *previous = toolButton(this, tr("Previous file"), tr("Previous file (K or P)"));
    previous->setArrowType(Qt::UpArrow);
    previous->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QToolButton *next = toolButton(this, tr("Next file"), tr("Next file (J or N)"));
    next->setArrowType(Qt::DownArrow);
    next->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addWidget(previous);
    toolbar->addWidget(next);
    QToolButton *find = toolButton(this, tr("Find"), tr("Find in the diff (Ctrl+F)"));
    toolbar->addWidget(find);
    toolbar->addStretch();
    toolbar->addWidget(m_totals);
    layout->addLayout(toolbar);

    auto *findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(0, 0, 0, 0);
    m_findField->setPlaceholderText(tr("Find in diff"));
    m_findField->setClearButtonEnabled(true);
    findLayout->addWidget(m_findField, 1);
    findLayout->addWidget(m_matches);
    QToolButton *findPrevious = toolButton(m_findBar, tr("Previous"), tr("Previous match (Shift+F3)"));
    QToolButton *findNext = toolButton(m_findBar, tr("Next"), tr("Next match (F3 or Enter)"));
    QToolButton *closeFind = toolButton(m_findBar, tr("Close"), tr("Close the find bar (Esc)"));
    findLayout->addWidget(findPrevious);
    findLayout->addWidget(findNext);
    findLayout->addWidget(closeFind);
    m_findBar->hide();
    layout->addWidget(m_findBar);

    m_files->setColumnCount(3);
    m_files->setHeaderLabels({ tr("File"), tr("+"), tr("−") });
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setTextElideMode(Qt::ElideMiddle);
    m_files->setAllColumnsShowFocus(true);
    m_files->header()->setStretchLastSection(false);
    m_files->header()->setSectionResizeMode(PathColumn, QHeaderView::Stretch);
    m_files->header()->setSectionResizeMode(AddedColumn, QHeaderView::ResizeToContents);
    m_files->header()->setSectionResizeMode(RemovedColumn, QHeaderView::ResizeToContents);
    m_files->setAccessibleName(tr("Changed files"));
    m_sideSplitter->addWidget(m_files);
    m_splitter->addWidget(m_sideSplitter);
    m_splitter->addWidget(m_view);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 230, 800 });
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    connect(m_unified, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_view->setMode(DiffView::Mode::Unified);
    });
    connect(m_sideBySide, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            m_view->setMode(DiffView::Mode::SideBySide);
    });
    connect(m_view, &DiffView::modeChanged, this, [this](DiffView::Mode mode) {
        (mode == DiffView::Mode::Unified ? m_unified : m_sideBySide)->setChecked(true);
    });
    connect(previous, &QToolButton::clicked, this, [this] {
        m_view->previousFile();
        m_view->setFocus();
    });
    connect(next, &QToolButton::clicked, this, [this] {
        m_view->nextFile();
        m_view->setFocus();
    });
    connect(find, &QToolButton::clicked, this, &DiffBrowser::showFind);
    connect(m_files, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem *item) { m_view->scrollToFile(m_files->indexOfTopLevelItem(item)); });
    connect(m_files, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        m_view->scrollToFile(m_files->indexOfTopLevelItem(item));
        // Keys go on to the diff: J/K, C, the arrows.
        m_view->setFocus();
    });
    connect(m_view, &DiffView::topFileChanged, this, &DiffBrowser::selectFile);

    connect(m_findField, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_view->setFindText(text);
        updateMatches();
    });
    connect(m_findField, &QLineEdit::returnPressed, this, [this] { m_view->findNext(); });
    connect(findNext, &QToolButton::clicked, this, [this] { m_view->findNext(); });
    connect(findPrevious, &QToolButton::clicked, this, [this] { m_view->findNext(true); });
    connect(closeFind, &QToolButton::clicked, this, &DiffBrowser::hideFind);

    auto *findShortcut = new QShortcut(QKeySequence::Find, this);
    findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(findShortcut, &QShortcut::activated, this, &DiffBrowser::showFind);
    auto *nextShortcut = new QShortcut(QKeySequence::FindNext, this);
    nextShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(nextShortcut, &QShortcut::activated, this, [this] { m_view->findNext(); });
    auto *previousShortcut = new QShortcut(QKeySequence::FindPrevious, this);
    previousShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(previousShortcut, &QShortcut::activated, this, [this] { m_view->findNext(true); });
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_findField);
    escape->setContext(Qt::WidgetShortcut);
    connect(escape, &QShortcut::activated, this, &DiffBrowser::hideFind);
}

DiffBrowser::~DiffBrowser() = default;

void DiffBrowser::setDiff(std::shared_ptr<const UnifiedDiff> diff)
{
    m_diff = diff;
    m_view->setDiff(std::move(diff));
    fillFiles();
    updateMatches();
}

void DiffBrowser::setSidePanel(QWidget *panel)
{
    m_sideSplitter->addWidget(panel);
    m_sideSplitter->setStretchFactor(0, 3);
    m_sideSplitter->setStretchFactor(1, 2);
}

void DiffBrowser::showFind()
{
    m_findBar->show();
    m_findField->setFocus();
    m_findField->selectAll();
}

void DiffBrowser::hideFind()
{
    m_findBar->hide();
    m_findField->clear();
    m_view->setFocus();
}

void DiffBrowser::fillFiles()
{
    m_files->clear();
    if (!m_diff) {
        m_totals->clear();
        return;
    }
    QList<QTreeWidgetItem *> items;
    for (const UnifiedDiff::File &file : m_diff->files()) {
        auto *item = new QTreeWidgetItem;
        QString label = file.path();
        if (file.status != UnifiedDiff::FileStatus::Modified || file.binary)
            label += u"  ("_s + file.statusWord() + u')';
        item->setText(PathColumn, label);
        item->setToolTip(PathColumn,
                         file.status == UnifiedDiff::FileStatus::Renamed
                             ? tr("%1 → %2 (%3)").arg(file.oldPath, file.newPath, file.statusWord())
                             : tr("%1 (%2)").arg(file.path(), file.statusWord()));
        item->setText(AddedColumn, u"+%1"_s.arg(file.added));
        item->setText(RemovedColumn, u"−%1"_s.arg(file.removed));
        item->setForeground(AddedColumn, addedColour);
        item->setForeground(RemovedColumn, removedColour);
        item->setTextAlignment(AddedColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(RemovedColumn, Qt::AlignRight | Qt::AlignVCenter);
        items.append(item);
    }
    m_files->addTopLevelItems(items);
    m_totals->setText(
        tr("%n file(s) · <span style=\"color:%1\">+%2</span> <span style=\"color:%3\">−%4</span>", nullptr,
           int(m_diff->files().size()))
            .arg(addedColour.name())
            .arg(m_diff->totalAdded())
            .arg(removedColour.name())
            .arg(m_diff->totalRemoved()));
    selectFile(m_view->fileAtTop());
}

void DiffBrowser::selectFile(int file)
{
    QTreeWidgetItem *item = m_files->topLevelItem(file);
    if (!item)
        return;
    const QSignalBlocker blocker(m_files);
    m_files->setCurrentItem(item);
    m_files->scrollToItem(item);
}

void DiffBrowser::updateMatches()
{
    if (m_findField->text().isEmpty())
        m_matches->clear();
    else if (m_view->matchCount() == 0)
        m_matches->setText(tr("No match"));
    else
        m_matches->setText(tr("%n line(s) match", nullptr, m_view->matchCount()));
}

} // namespace delegate::ui
