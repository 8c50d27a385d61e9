// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QStringList>

#include <memory>
#include <vector>

namespace delegate::ui {

// A repository's tree at a ref, read with `git ls-tree` one directory at a
// time as the view opens it (large repositories stay quick), with check
// boxes that stand for the task's scope: a checked entry is in scope.
// The model edits the scope's include and exclude lists only where the
// user ticks a box, so paths it does not show (typed by hand, or not in
// this ref) and the way they are written stay as they are.
class ScopeTreeModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role { PathRole = Qt::UserRole + 1, IsDirectoryRole };

    explicit ScopeTreeModel(QObject *parent = nullptr);
    ~ScopeTreeModel() override;

    // Lists the tree of the git repository at the folder, at the ref (HEAD
    // when empty). An empty folder clears the tree.
    void setSource(const QString &repositoryFolder, const QString &ref);
    QString repositoryFolder() const { return m_folder; }
    QString ref() const { return m_ref; }
    bool isLoading() const { return m_pending > 0; }

    void setPaths(const QStringList &include, const QStringList &exclude);
    const QStringList &include() const { return m_include; }
    const QStringList &exclude() const { return m_exclude; }
    // The check state the scope gives a path ("src/app" or "src/app/").
    Qt::CheckState stateOf(const QString &path) const;
    QModelIndex indexForPath(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    // The user changed the scope with a check box.
    void pathsChanged();
    // Listing the tree failed: git's message.
    void loadFailed(const QString &message);
    void loadingChanged(bool loading);

private:
    struct Node;

    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    Node *findNode(const QString &path) const;
    void listDirectory(Node *directory);
    void stopListings();
    void insertListing(const QString &directoryPath, const QByteArray &listing);
    // The state from the nearest include or exclude entry at or above the
    // path; ancestorsOnly skips the path itself.
    Qt::CheckState decidedState(const QString &path, bool ancestorsOnly) const;
    bool hasEntryBelow(const QString &path, const QStringList &entries) const;
    void setInScope(const Node *node, bool inScope);
    void announceAllStates();

    std::unique_ptr<Node> m_root;
    QString m_folder;
    QString m_ref;
    QStringList m_include;
    QStringList m_exclude;
    quint64 m_generation = 0; // listings of an earlier source are dropped
    int m_pending = 0;
};

} // namespace delegate::ui
