// SPDX-License-Identifier: GPL-3.0-or-later
#include "scopeeditor.h"

#include "review/inlinemessage.h"
#include "scopetreemodel.h"
#include "stringlisteditor.h"

#include "domain/repositorypath.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QScopedValueRollback>
#include <QStyle>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

ScopeEditor::ScopeEditor(QWidget *parent)
    : QWidget(parent)
    , m_repository(new QLineEdit(this))
    , m_browse(new QToolButton(this))
    , m_baseRef(new QComboBox(this))
    , m_tree(new QTreeView(this))
    , m_model(new ScopeTreeModel(this))
    , m_include(new StringListEditor(tr("Add a path in scope, such as src/parser/, and press Enter"), this))
    , m_exclude(new StringListEditor(tr("Add a path to leave out, such as src/parser/vendor/"), this))
    , m_hint(new QLabel(this))
    , m_message(new InlineMessage(this))
    , m_form(new QFormLayout)
{
    m_repository->setObjectName(u"scopeRepository"_s);
    m_repository->setPlaceholderText(tr("A local git repository, or a clone URL"));
    m_browse->setText(tr("…"));
    m_browse->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon, nullptr, this));
    m_browse->setToolTip(tr("Choose a local git repository"));
    m_baseRef->setObjectName(u"scopeBaseRef"_s);
    m_baseRef->setEditable(true);
    m_baseRef->setInsertPolicy(QComboBox::NoInsert);
    m_baseRef->lineEdit()->setPlaceholderText(tr("Branch, tag or commit, such as main"));
    m_tree->setObjectName(u"scopeTree"_s);
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setMinimumHeight(160);
    m_tree->setMaximumHeight(280);
    m_include->setObjectName(u"scopeInclude"_s);
    m_exclude->setObjectName(u"scopeExclude"_s);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    auto *repositoryRow = new QHBoxLayout;
    repositoryRow->setContentsMargins(0, 0, 0, 0);
    repositoryRow->addWidget(m_repository, 1);
    repositoryRow->addWidget(m_browse);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->addRow(tr("Repository"), repositoryRow);
    m_form->addRow(tr("Base ref"), m_baseRef);
    m_form->addRow(tr("Tree"), m_tree);
    m_form->addRow(QString(), m_hint);
    m_form->addRow(tr("Include"), m_include);
    m_form->addRow(tr("Exclude"), m_exclude);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_form);
    layout->addWidget(m_message);

    connect(m_browse, &QToolButton::clicked, this, &ScopeEditor::chooseRepository);
    connect(m_repository, &QLineEdit::editingFinished, this, &ScopeEditor::reloadSource);
    connect(m_repository, &QLineEdit::textEdited, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
    connect(m_baseRef, &QComboBox::currentTextChanged, this, [this] {
        if (!m_filling)
            Q_EMIT changed();
    });
    // The tree follows a ref picked from the list or typed to the end, not
    // every keystroke.
    connect(m_baseRef, &QComboBox::activated, this, &ScopeEditor::reloadSource);
    connect(m_baseRef->lineEdit(), &QLineEdit::editingFinished, this, &ScopeEditor::reloadSource);
    connect(m_model, &ScopeTreeModel::pathsChanged, this, [this] {
        const QScopedValueRollback filling(m_filling, true);
        m_include->setItems(m_model->include());
        m_exclude->setItems(m_model->exclude());
        updateHint();
        Q_EMIT changed();
    });
    const auto listsEdited = [this] {
        m_model->setPaths(m_include->items(), m_exclude->items());
        updateHint();
        Q_EMIT changed();
    };
    connect(m_include, &StringListEditor::changed, this, listsEdited);
    connect(m_exclude, &StringListEditor::changed, this, listsEdited);
    connect(m_model, &ScopeTreeModel::loadFailed, this, [this](const QString &problem) {
        m_message->showError(
            tr("The tree of %1 at %2 cannot be listed: %3. Check that the folder is a git "
               "repository and that the base ref exists in it.")
                .arg(m_repository->text(),
                     m_baseRef->currentText().isEmpty() ? u"HEAD"_s : m_baseRef->currentText(), problem));
    });
    updateHint();
}

ScopeEditor::~ScopeEditor()
{
    if (m_refs) {
        m_refs->disconnect(this);
        m_refs->kill();
        m_refs->waitForFinished(1000);
    }
}

TaskScope ScopeEditor::scope() const
{
    return TaskScope { m_repository->text(), m_baseRef->currentText(), m_include->items(),
                       m_exclude->items() };
}

void ScopeEditor::setScope(const TaskScope &scope)
{
    const QScopedValueRollback filling(m_filling, true);
    m_repository->setText(scope.repository);
    m_baseRef->setCurrentText(scope.baseRef);
    m_include->setItems(scope.include);
    m_exclude->setItems(scope.exclude);
    m_model->setPaths(scope.include, scope.exclude);
    reloadSource();
    updateHint();
}

void ScopeEditor::setBaseDirectory(const QString &directory)
{
    m_baseDirectory = directory;
    reloadSource();
}

QString ScopeEditor::localRepositoryFolder() const
{
    const QString repository = m_repository->text().trimmed();
    if (repository.isEmpty() || !RepositoryPath::isLocal(repository))
        return {};
    const QString base = m_baseDirectory.isEmpty() ? QDir::currentPath() : m_baseDirectory;
    return RepositoryPath::resolve(repository, base);
}

void ScopeEditor::chooseRepository()
{
    const QString start = localRepositoryFolder().isEmpty() ? QDir::homePath() : localRepositoryFolder();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a git repository"), start);
    if (folder.isEmpty())
        return;
    m_repository->setText(folder);
    reloadSource();
    Q_EMIT changed();
}

void ScopeEditor::reloadSource()
{
    m_message->clear();
    const QString folder = localRepositoryFolder();
    if (!folder.isEmpty() && !QFileInfo(folder).isDir()) {
        m_model->setSource({}, {});
        m_message->showError(
            tr("%1 is not a folder on this machine. Choose a local git repository, or write a "
               "clone URL (https://… or git@host:path) for the engine to fetch.")
                .arg(folder));
        return;
    }
    m_model->setSource(folder, m_baseRef->currentText().trimmed());
    if (folder != m_listedRefsFor)
        listRefs(folder);
    updateHint();
}

// Branches and tags to pick the base ref from, read once per repository.
void ScopeEditor::listRefs(const QString &folder)
{
    m_listedRefsFor = folder;
    if (m_refs) {
        m_refs->disconnect(this);
        m_refs->kill();
        m_refs->waitForFinished(1000);
        m_refs->deleteLater();
        m_refs = nullptr;
    }
    if (folder.isEmpty())
        return;
    m_refs = new QProcess(this);
    QProcess *process = m_refs;
    connect(process, &QProcess::finished, this, [this, process](int exitCode) {
        process->deleteLater();
        if (m_refs == process)
            m_refs = nullptr;
        if (exitCode != 0)
            return; // the tree says why
        const QStringList refs =
            QString::fromUtf8(process->readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        const QScopedValueRollback filling(m_filling, true);
        const QString current = m_baseRef->currentText();
        m_baseRef->clear();
        m_baseRef->addItems(refs);
        m_baseRef->setCurrentText(current);
    });
    process->start(u"git"_s,
                   { u"-C"_s, folder, u"for-each-ref"_s, u"--format=%(refname:short)"_s, u"refs/heads"_s,
                     u"refs/tags"_s, u"refs/remotes"_s });
}

void ScopeEditor::updateHint()
{
    QString hint;
    if (m_repository->text().trimmed().isEmpty())
        hint = tr("Choose a repository to pick paths from its tree.");
    else if (localRepositoryFolder().isEmpty())
        hint = tr("The engine fetches this repository; write the paths in scope below.");
    else if (m_include->items().isEmpty())
        hint = tr("Nothing ticked: the whole repository is in scope. Tick what the agent should work on.");
    m_hint->setText(hint);
    m_form->setRowVisible(m_hint, !hint.isEmpty());
    m_form->setRowVisible(m_tree, !localRepositoryFolder().isEmpty());
}

} // namespace delegate::ui
