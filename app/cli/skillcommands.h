// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl skill list|show|check|import|export: the skills library (the
// built-in skills and the user's own) from the command line. Offline: no
// engine is involved.
class SkillCommand final : public Command
{
public:
    enum class Verb { List, Show, Check, Import, Export };

    explicit SkillCommand(Verb verb);

    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;

private:
    int list(bool json, Console &console) const;
    int show(const QString &skill, bool json, Console &console) const;
    int check(const QString &folder, bool json, Console &console) const;
    int importFolder(const QString &folder, bool json, Console &console) const;
    int exportSkill(const QString &name, const QString &destination, Console &console) const;

    Verb m_verb;
};

void registerSkillCommands(CommandRegistry &registry);

} // namespace delegate::cli
