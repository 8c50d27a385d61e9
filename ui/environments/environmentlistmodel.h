// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "library/environmentlibrary.h"

#include <QAbstractListModel>

namespace delegate::ui {

// The environment library as a list: the user's profiles and the shipped
// examples by name; examples are marked and read-only.
class EnvironmentListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        IsExampleRole,
        PathRole,
    };

    explicit EnvironmentListModel(EnvironmentLibrary library, QObject *parent = nullptr);

    const EnvironmentLibrary &library() const { return m_library; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Reads the folder again (after a save or a removal, or on request).
    void reload();
    int rowOf(const QString &name) const;

private:
    EnvironmentLibrary m_library;
    QStringList m_names;
};

} // namespace delegate::ui
