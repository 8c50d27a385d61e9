// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/environmentprofile.h"
#include "domain/skill.h"
#include "domain/taskspec.h"
#include "library/environmentlibrary.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;

namespace delegate::ui {

class EngineHub;
class EngineSession;
class InlineMessage;

// Where a composed task is sent: which engine, in which environment (a
// profile of the environment library, an environment file, or the one a
// duplicated run ran in), and the outcome of runs.submit.
class SubmitPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SubmitPanel(EngineHub *hub, QWidget *parent = nullptr);

    QString engineName() const;
    void setEngineName(const QString &name);
    const std::optional<EnvironmentProfile> &environment() const { return m_environment; }
    // Where the profiles to pick from come from (the user's and the shipped
    // examples by default).
    void setLibrary(const EnvironmentLibrary &library);
    const EnvironmentLibrary &library() const { return m_library; }
    // Picks the library's profile of that name; false when there is none or
    // it does not read (the errors shown).
    bool chooseFromLibrary(const QString &name);
    // Reads an environment file; false (with the errors shown) when it is not valid.
    bool loadEnvironmentFile(const QString &path);
    // An environment that came with a run, not from a file.
    void setEnvironment(const EnvironmentProfile &environment, const QString &origin);
    // Picks the environment a task names, unless one of that name is chosen
    // already: its file beside the task file, as delegatectl submit finds
    // it, or else the library's profile.
    void findEnvironmentFor(const QString &taskFile, const QString &name);

    // Sends the task with the environment; says how it went below the button.
    void submit(const TaskSpec &task, const std::optional<Skill> &skill = std::nullopt);
    void showError(const QString &text);
    bool isBusy() const { return m_busy; }

    QPushButton *submitButton() const { return m_submit; }
    InlineMessage *message() const { return m_message; }
    QComboBox *engineBox() const { return m_engines; }
    QComboBox *environmentBox() const { return m_environments; }

Q_SIGNALS:
    void submitRequested();
    void submitted(const QString &engine, const QStringList &runIds);
    void environmentChanged();

private:
    void chooseEnvironmentFile();
    void updateEngines();
    void updateEnvironmentLabel();
    void fillEnvironments();

    EngineHub *m_hub;
    QComboBox *m_engines;
    QComboBox *m_environments;
    QLabel *m_environmentLabel;
    QPushButton *m_chooseEnvironment;
    QPushButton *m_submit;
    InlineMessage *m_message;
    EnvironmentLibrary m_library;
    std::optional<EnvironmentProfile> m_environment;
    QString m_environmentOrigin;
    bool m_busy = false;
};

} // namespace delegate::ui
