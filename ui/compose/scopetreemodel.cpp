// SPDX-License-Identifier: GPL-3.0-or-later
#include "scopetreemodel.h"

#include <QApplication>
#include <QProcess>
#include <QStyle>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

// Scope paths name a directory with or without a trailing slash.
QString normalized(const QString &path)
{
    QString clean = path.trimmed();
    while (clean.startsWith(u"./"_s))
        clean = clean.mid(2);
    while (clean.endsWith(u'/'))
        clean.chop(1);
    return clean;
}

bool isAtOrBelow(const QString &path, const QString &ancestor)
{
    return path == ancestor || ancestor.isEmpty() || path.startsWith(ancestor + u'/');
}

} // namespace

struct ScopeTreeModel::Node
{
    QString name;
    QString path; // relative to the repository root, no trailing slash; empty for the root
    bool directory = false;
    bool listed = false;
    bool listing = false;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        const auto it =
            std::find_if(parent->children.cbegin(), parent->children.cend(),
                         [this](const std::unique_ptr<Node> &child) { return child.get() == this; });
        return int(it - parent->children.cbegin());
    }
};

ScopeTreeModel::ScopeTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
    m_root->directory = true;
    m_root->listed = true;
}

ScopeTreeModel::~ScopeTreeModel()
{
    stopListings();
}

void ScopeTreeModel::stopListings()
{
    for (QProcess *git : findChildren<QProcess *>(Qt::FindDirectChildrenOnly)) {
        git->disconnect(this);
        git->kill();
        git->waitForFinished(1000);
        git->deleteLater();
    }
}

void ScopeTreeModel::setSource(const QString &repositoryFolder, const QString &ref)
{
    if (repositoryFolder == m_folder && ref == m_ref && (m_root->listed || m_root->listing))
        return;
    stopListings();
    beginResetModel();
    ++m_generation;
    m_folder = repositoryFolder;
    m_ref = ref;
    m_root = std::make_unique<Node>();
    m_root->directory = true;
    m_root->listed = m_folder.isEmpty();
    endResetModel();
    if (m_pending > 0) {
        m_pending = 0;
        Q_EMIT loadingChanged(false);
    }
    // A view may have asked for the root already, when the reset ended.
    if (canFetchMore({}))
        listDirectory(m_root.get());
}

void ScopeTreeModel::setPaths(const QStringList &include, const QStringList &exclude)
{
    if (include == m_include && exclude == m_exclude)
        return;
    m_include = include;
    m_exclude = exclude;
    announceAllStates();
}

Qt::CheckState ScopeTreeModel::stateOf(const QString &path) const
{
    const QString clean = normalized(path);
    const Qt::CheckState decided = decidedState(clean, false);
    // A directory with a differing entry inside it is partly in scope.
    const bool differs =
        decided == Qt::Checked ? hasEntryBelow(clean, m_exclude) : hasEntryBelow(clean, m_include);
    return differs ? Qt::PartiallyChecked : decided;
}

Qt::CheckState ScopeTreeModel::decidedState(const QString &path, bool ancestorsOnly) const
{
    QString current = path;
    bool first = true;
    while (true) {
        if (!(first && ancestorsOnly)) {
            const auto matches = [&current](const QString &entry) {
                return normalized(entry) == current;
            };
            // Excluding a path inside an included one is the only way to
            // cut it out, so an exclude at the same level wins.
            if (std::any_of(m_exclude.cbegin(), m_exclude.cend(), matches))
                return Qt::Unchecked;
            if (std::any_of(m_include.cbegin(), m_include.cend(), matches))
                return Qt::Checked;
        }
        first = false;
        if (current.isEmpty())
            return Qt::Unchecked;
        const qsizetype slash = current.lastIndexOf(u'/');
        current = slash < 0 ? QString() : current.left(slash);
    }
}

bool ScopeTreeModel::hasEntryBelow(const QString &path, const QStringList &entries) const
{
    return std::any_of(entries.cbegin(), entries.cend(), [&path](const QString &entry) {
        const QString clean = normalized(entry);
        return clean != path && isAtOrBelow(clean, path);
    });
}

void ScopeTreeModel::setInScope(const Node *node, bool inScope)
{
    const QString path = node->path;
    const auto atOrBelow = [&path](const QString &entry) {
        return isAtOrBelow(normalized(entry), path);
    };
    m_include.erase(std::remove_if(m_include.begin(), m_include.end(), atOrBelow), m_include.end());
    m_exclude.erase(std::remove_if(m_exclude.begin(), m_exclude.end(), atOrBelow), m_exclude.end());
    const bool inherited = decidedState(path, true) == Qt::Checked;
    // Directories are written as people write them in task files: "docs/".
    const QString written = node->directory ? path + u'/' : path;
    if (inScope && !inherited)
        m_include.append(written);
    else if (!inScope && inherited)
        m_exclude.append(written);
    announceAllStates();
    Q_EMIT pathsChanged();
}

void ScopeTreeModel::announceAllStates()
{
    // Every loaded row may change: an entry decides its whole subtree and
    // the partial state of its ancestors.
    std::vector<const Node *> pending { m_root.get() };
    while (!pending.empty()) {
        const Node *node = pending.back();
        pending.pop_back();
        if (node->children.empty())
            continue;
        const QModelIndex first = index(0, 0, indexOf(node));
        const QModelIndex last = index(int(node->children.size()) - 1, 0, indexOf(node));
        Q_EMIT dataChanged(first, last, { Qt::CheckStateRole, Qt::ToolTipRole });
        for (const auto &child : node->children)
            pending.push_back(child.get());
    }
}

ScopeTreeModel::Node *ScopeTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ScopeTreeModel::indexOf(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), 0, const_cast<Node *>(node));
}

ScopeTreeModel::Node *ScopeTreeModel::findNode(const QString &path) const
{
    Node *node = m_root.get();
    if (path.isEmpty())
        return node;
    QString sofar;
    for (const QString &part : path.split(u'/')) {
        sofar = sofar.isEmpty() ? part : sofar + u'/' + part;
        const auto it =
            std::find_if(node->children.cbegin(), node->children.cend(),
                         [&sofar](const std::unique_ptr<Node> &child) { return child->path == sofar; });
        if (it == node->children.cend())
            return nullptr;
        node = it->get();
    }
    return node;
}

QModelIndex ScopeTreeModel::indexForPath(const QString &path) const
{
    return indexOf(findNode(normalized(path)));
}

void ScopeTreeModel::listDirectory(Node *directory)
{
    directory->listing = true;
    QStringList arguments { u"-C"_s, m_folder, u"ls-tree"_s, u"-z"_s, m_ref.isEmpty() ? u"HEAD"_s : m_ref };
    if (!directory->path.isEmpty())
        arguments << u"--"_s << directory->path + u'/';
    auto *git = new QProcess(this);
    const quint64 generation = m_generation;
    const QString path = directory->path;
    connect(git, &QProcess::finished, this,
            [this, git, generation, path](int exitCode, QProcess::ExitStatus status) {
                git->deleteLater();
                if (generation != m_generation)
                    return;
                const QByteArray listing = git->readAllStandardOutput();
                const QString problem = QString::fromLocal8Bit(git->readAllStandardError()).trimmed();
                if (--m_pending == 0)
                    Q_EMIT loadingChanged(false);
                if (status != QProcess::NormalExit || exitCode != 0) {
                    if (Node *node = findNode(path))
                        node->listing = false;
                    Q_EMIT loadFailed(problem.isEmpty() ? tr("git ls-tree failed") : problem);
                    return;
                }
                insertListing(path, listing);
            });
    connect(git, &QProcess::errorOccurred, this, [this, git, generation](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart || generation != m_generation)
            return;
        git->deleteLater();
        if (--m_pending == 0)
            Q_EMIT loadingChanged(false);
        Q_EMIT loadFailed(tr("git could not be started: %1").arg(git->errorString()));
    });
    if (m_pending++ == 0)
        Q_EMIT loadingChanged(true);
    git->start(u"git"_s, arguments);
}

void ScopeTreeModel::insertListing(const QString &directoryPath, const QByteArray &listing)
{
    Node *directory = findNode(directoryPath);
    if (!directory)
        return;
    directory->listing = false;
    directory->listed = true;
    std::vector<std::unique_ptr<Node>> entries;
    for (const QByteArray &record : listing.split('\0')) {
        // "<mode> SP <type> SP <object> TAB <path>"
        const qsizetype tab = record.indexOf('\t');
        if (tab < 0)
            continue;
        const QList<QByteArray> header = record.left(tab).split(' ');
        auto node = std::make_unique<Node>();
        node->path = QString::fromUtf8(record.mid(tab + 1));
        node->name = node->path.mid(node->path.lastIndexOf(u'/') + 1);
        node->directory = header.value(1) == "tree";
        node->listed = !node->directory;
        node->parent = directory;
        entries.push_back(std::move(node));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) {
        if (a->directory != b->directory)
            return a->directory;
        return a->name.compare(b->name, Qt::CaseInsensitive) < 0;
    });
    if (entries.empty()) {
        // Its arrow goes away.
        const QModelIndex index = indexOf(directory);
        if (index.isValid())
            Q_EMIT dataChanged(index, index);
        return;
    }
    beginInsertRows(indexOf(directory), 0, int(entries.size()) - 1);
    directory->children = std::move(entries);
    endInsertRows();
}

QModelIndex ScopeTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    if (column != 0 || row < 0 || row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex ScopeTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int ScopeTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int ScopeTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool ScopeTreeModel::hasChildren(const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    return node->directory && (!node->listed || !node->children.empty());
}

bool ScopeTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeOf(parent);
    return node->directory && !node->listed && !node->listing;
}

void ScopeTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        listDirectory(nodeOf(parent));
}

QVariant ScopeTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return node->name;
    case Qt::DecorationRole:
        return QApplication::style()->standardIcon(node->directory ? QStyle::SP_DirIcon
                                                                   : QStyle::SP_FileIcon);
    case Qt::CheckStateRole:
        return int(stateOf(node->path));
    case Qt::ToolTipRole:
        switch (stateOf(node->path)) {
        case Qt::Checked:
            return tr("%1 is in scope").arg(node->path);
        case Qt::PartiallyChecked:
            return tr("Part of %1 is in scope").arg(node->path);
        case Qt::Unchecked:
            return tr("%1 is out of scope").arg(node->path);
        }
        return {};
    case PathRole:
        return node->path;
    case IsDirectoryRole:
        return node->directory;
    default:
        return {};
    }
}

bool ScopeTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::CheckStateRole)
        return false;
    setInScope(nodeOf(index), value.toInt() == Qt::Checked);
    return true;
}

Qt::ItemFlags ScopeTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable;
}

} // namespace delegate::ui
