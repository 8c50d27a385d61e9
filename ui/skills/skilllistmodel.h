// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "skills/skilllibrary.h"

#include <QAbstractListModel>

namespace delegate::ui {

// The skills of a library as a list: name, and where it comes from, with
// the description as the search text and tooltip.
class SkillListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        DescriptionRole,
        FolderRole,
        IsBuiltInRole,
        SearchTextRole, // name and description
    };

    explicit SkillListModel(QObject *parent = nullptr);

    // Reads the library again; the problems are the folders left out.
    void reload(const SkillLibrary &library, SourceErrors *problems = nullptr);
    int rowOf(const QString &name) const;
    const SkillEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<SkillEntry> m_entries;
};

} // namespace delegate::ui
