// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/environmentprofile.h"
#include "domain/loadresult.h"

#include <QString>
#include <QStringList>

namespace delegate {

// The environment profiles a person can pick from: their own, one YAML file
// per profile (`<name>.yaml`) in the user's config folder, and the examples
// Delegate ships, which are read-only. A user profile with an example's name
// hides that example; removing it brings the example back.
//
// Files are read on every call rather than cached, so a profile edited in a
// text editor, or saved by another Delegate window, is seen at once.
class EnvironmentLibrary final
{
public:
    // The user's folder (AppConfigLocation + "/environments") and the
    // shipped examples (ResourceLocations "examples/environments").
    EnvironmentLibrary();
    EnvironmentLibrary(QString userDirectory, QStringList exampleDirectories);

    static QString defaultUserDirectory();
    static QStringList defaultExampleDirectories();

    const QString &userDirectory() const { return m_userDirectory; }
    const QStringList &exampleDirectories() const { return m_exampleDirectories; }

    // Every profile name, user and example alike, sorted, each once.
    QStringList names() const;
    bool contains(const QString &name) const;
    // Whether the name is a shipped example no user profile hides: it cannot
    // be saved over in place (saving creates a user copy) or removed.
    bool isExample(const QString &name) const;

    // The file that holds the profile; for a name not in the library, the
    // file save() would write.
    QString filePath(const QString &name) const;

    // The profile, or the errors (file, line, field) that kept it from being
    // read. A file whose `name:` differs from its file name is an error too:
    // tasks name environments by `name:`, people find them by file.
    LoadResult<EnvironmentProfile> load(const QString &name) const;

    // Writes the profile to the user's folder as `<name>.yaml`, atomically,
    // creating the folder when needed. False with a message naming the
    // problem and the fix when the name cannot be a file name, the profile
    // is invalid, or the file cannot be written.
    bool save(const EnvironmentProfile &profile, QString *error = nullptr) const;

    // Deletes the user's profile. Examples cannot be removed.
    bool remove(const QString &name, QString *error = nullptr) const;

    // Why a name cannot name a profile file, or an empty string when it can.
    static QString nameProblem(const QString &name);

private:
    QString userFile(const QString &name) const;
    QString exampleFile(const QString &name) const;

    QString m_userDirectory;
    QStringList m_exampleDirectories;
};

} // namespace delegate
