// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace delegate::cli {

class CommandRegistry;

// delegatectl checkpoints [--run RUN] [--all]: the checkpoints waiting for a
// person (all of them with --all), so people find the ids to answer.
class CheckpointsCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl answer CHECKPOINT TEXT... | --approve|--reject|--changes [TEXT]:
// decides a checkpoint: answers a question, or approves or rejects a plan
// or a budget.
class AnswerCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl review RUN approve|changes|reject [--text T]
// [--comment FILE:LINE:TEXT]... [--version N]: a verdict on the latest
// artifact version of a run in review.
class ReviewCommand final : public Command
{
public:
    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

// delegatectl act RUN [--dry-run] [KIND [KEY=VALUE]...]...: releases the
// actions of an approved run (or previews them).
class ActCommand final : public Command
{
public:
    enum Exit : int {
        // An action failed. A preview's problems are not failures: each
        // preview sees the repository as it is, before the actions ahead of
        // it ran, so git.push previews "run git.branch first" in a dry run
        // of both.
        ExitActionFailed = 1,
    };

    QStringList path() const override;
    QString summary() const override;
    QCoro::Task<int> run(QStringList arguments, Console &console) override;
};

void registerReviewCommands(CommandRegistry &registry);

} // namespace delegate::cli
