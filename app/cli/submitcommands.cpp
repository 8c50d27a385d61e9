// SPDX-License-Identifier: GPL-3.0-or-later
#include "submitcommands.h"

#include "commandregistry.h"
#include "console.h"
#include "engineconnection.h"
#include "exitcodes.h"
#include "runstates.h"
#include "runwaiter.h"
#include "texttable.h"

#include "domain/environmentyaml.h"
#include "domain/repositorypath.h"
#include "domain/skillfolder.h"
#include "domain/taskfiles.h"
#include "domain/taskyaml.h"
#include "skills/batchplan.h"
#include "skills/skilllibrary.h"
#include "skills/skilltask.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>

namespace delegate::cli {

namespace {

using namespace Qt::StringLiterals;

// runs.submit writes one event per run before it answers; a large best-of-N
// on a slow disk takes a while.
constexpr std::chrono::seconds submitTimeout { 60 };

const QCommandLineOption envOption(u"env"_s, u"the environment file"_s, u"ENV.yaml"_s);
const QCommandLineOption skillOption(u"skill"_s, u"the skill's folder or name"_s, u"SKILL"_s);
const QCommandLineOption waitOption(u"wait"_s, u"wait until the runs need a person or have ended"_s);

const char *const submitUsage =
    "Usage: delegatectl submit TASK.yaml [--env ENV.yaml] [--skill SKILL] [--attempts N]\n"
    "                          [--priority P] [--wait] [engine options]\n\n"
    "Sends a task file (docs/tasks.md) to the engine as a run, with the environment it\n"
    "runs in, and prints the run ids.\n\n"
    "  --env ENV.yaml   the environment file; default: the environment the task names\n"
    "                   (environment: NAME) as NAME.yaml beside the task file, then in\n"
    "                   ../environments/ from it\n"
    "  --skill SKILL    the skill the task uses, a folder or a name in the library; it is sent with the "
    "task,\n"
    "                   and its bounds fill what the task leaves empty\n"
    "  --attempts N     best-of-N: N runs of the task, 1 to 32 (default: the task's attempts)\n"
    "  --priority P     higher starts first (default 0)\n"
    "  --wait           follow the runs until each needs a person or has ended\n\n"
    "A local repository path in scope.repository is taken relative to the task file.\n\n"
    "Exit codes: 0 submitted; with --wait, what the most urgent run came to: 0 completed,\n"
    "10 waiting_for_human, 11 in_review, 12 approved, 20 failed, 21 rejected,\n"
    "22 cancelled, 23 interrupted. 65 a file is invalid or the engine refused the task.\n\n"
    "Example:\n"
    "  delegatectl submit tasks/fix-add.yaml --wait\n";

const char *const batchUsage =
    "Usage: delegatectl batch SKILL --targets FILE --env ENV.yaml [--task TASK.yaml]\n"
    "                         [--param KEY=VALUE]... [--target-param NAME] [--budget USD]\n"
    "                         [--wait] [--dry-run] [engine options]\n\n"
    "Runs a skill (a folder, or a name from `delegatectl skill list`) once per target,\n"
    "all submitted as one batch: one task per line of the\n"
    "targets file (blank lines and # comments skipped), the line being the value of one\n"
    "parameter. A .csv targets file has a header row naming a parameter per column instead.\n"
    "A column or --target-param named repository or base_ref that the skill does not take\n"
    "sets the task's scope (a relative path is taken from the targets file's folder).\n\n"
    "  --targets FILE       the targets, one a line, or a CSV file with a header row\n"
    "  --env ENV.yaml       the environment every run gets\n"
    "  --task TASK.yaml     a task template: limits, scope, agent, texts with {{parameter}}\n"
    "                       placeholders; the skill's bounds fill what it leaves empty\n"
    "  --param KEY=VALUE    a parameter value for every target (repeatable)\n"
    "  --target-param NAME  the parameter a plain line fills (default: the skill's first\n"
    "                       required parameter not given with --param)\n"
    "  --budget USD         what the whole batch may spend before a person is asked\n"
    "  --wait               follow the runs until each needs a person or has ended\n"
    "  --dry-run            show the tasks, submit nothing\n\n"
    "Exit codes: as for submit.\n\n"
    "Example:\n"
    "  delegatectl batch skills/investigate-flaky-tests --targets commands.txt \\\n"
    "      --env environments/python.yaml --param runs=20 --budget 5 --wait\n";

void printSourceErrors(Console &console, const SourceErrors &errors, const QString &file, const QString &what)
{
    for (const SourceError &error : errors)
        console.err() << error.toString() << '\n';
    console.err() << file << ": not a valid " << what << " (" << errors.size()
                  << " problem(s)); see docs/tasks.md for the format.\n";
    console.err().flush();
}

std::optional<EnvironmentProfile> loadEnvironment(const QString &file, Console &console)
{
    const LoadResult<EnvironmentProfile> loaded = EnvironmentYaml::load(file);
    if (!loaded.ok())
        printSourceErrors(console, loaded.errors, file, u"environment file"_s);
    return loaded.value;
}

// A skill's folder, or the name of a skill in the library.
std::optional<Skill> loadSkill(const QString &folder, Console &console)
{
    const bool byName = !QFileInfo(folder).isDir() && SkillFolder::checkName(folder).isEmpty();
    const LoadResult<Skill> loaded = byName ? SkillLibrary().load(folder) : SkillFolder::load(folder);
    if (!loaded.ok()) {
        for (const SourceError &error : loaded.errors)
            console.err() << error.toString() << '\n';
        console.err() << folder << ": not a valid skill folder (" << loaded.errors.size()
                      << " problem(s)); a skill folder holds SKILL.md and delegate.yaml.\n";
        console.err().flush();
    }
    return loaded.value;
}

std::optional<int> positiveNumber(const QString &text, int maximum)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > maximum)
        return std::nullopt;
    return value;
}

QJsonObject submitParams(const TaskSpec &task, const EnvironmentProfile &environment, const Skill *skill)
{
    QJsonObject params { { u"task"_s, task.toJson() }, { u"environment"_s, environment.toJson() } };
    if (skill)
        params.insert(u"skill"_s, skill->toJson());
    return params;
}

QStringList idsOf(const QJsonObject &result)
{
    QStringList ids;
    const QJsonArray array = result.value("run_ids"_L1).toArray();
    for (const QJsonValue &id : array)
        ids.append(id.toString());
    return ids;
}

// After a wait: what each run came to and what to do next; the exit code
// is the most urgent run's.
int reportWaited(EngineConnection &engine, const QList<QJsonObject> &runs, QJsonObject json)
{
    QStringList states;
    for (const QJsonObject &run : runs)
        states.append(run.value("state"_L1).toString());
    if (engine.json()) {
        QJsonArray array;
        for (const QJsonObject &run : runs)
            array.append(run);
        json.insert(u"runs"_s, array);
        engine.printJson(json);
    } else {
        QTextStream &out = engine.console().out();
        for (const QJsonObject &run : runs) {
            const QString next =
                RunStates::nextStep(run.value("state"_L1).toString(), run.value("id"_L1).toString());
            if (!next.isEmpty())
                out << "Next: " << next << '\n';
        }
        out.flush();
    }
    return RunStates::exitCode(RunStates::mostUrgent(states));
}

// Where the environment for a task comes from: --env, or the file named
// after the environment the task names.
std::optional<QString> environmentFileFor(const QString &taskFile, const TaskSpec &task, const QString &given,
                                          EngineConnection &engine)
{
    if (!given.isEmpty())
        return given;
    if (task.environment.isEmpty()) {
        engine.inputError(
            u"%1 names no environment (environment: NAME); pass --env ENV.yaml."_s.arg(taskFile));
        return std::nullopt;
    }
    const QStringList candidates = TaskFiles::environmentCandidates(taskFile, task.environment);
    for (const QString &candidate : candidates) {
        if (QFileInfo::exists(candidate))
            return candidate;
    }
    engine.inputError(
        u"cannot find the environment '%1' that %2 names; looked for\n  %3\nPass --env ENV.yaml "
        "to name its file."_s.arg(task.environment, taskFile, candidates.join(u"\n  "_s)));
    return std::nullopt;
}

QString newBatchId()
{
    const quint64 random = QRandomGenerator::global()->generate64();
    return u"batch-"_s + QString::number(random & 0xffffffffffffULL, 16).rightJustified(12, u'0');
}

QString parameterText(const QMap<QString, QString> &values)
{
    QStringList parts;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        parts.append(it.key() + u'=' + it.value());
    return parts.join(u' ');
}

} // namespace

// --- submit

QStringList SubmitCommand::path() const
{
    return { u"submit"_s };
}

QString SubmitCommand::summary() const
{
    return u"send a task file to the engine as a run; --wait follows it"_s;
}

QCoro::Task<int> SubmitCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"submit"_s, submitUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption attemptsOption(u"attempts"_s, u"best-of-N"_s, u"N"_s);
    const QCommandLineOption priorityOption(u"priority"_s, u"priority"_s, u"P"_s);
    parser.addOptions({ envOption, skillOption, attemptsOption, priorityOption, waitOption });
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        co_return engine.usageError(files.isEmpty() ? u"which task file? Give its path."_s
                                                    : u"one task file at a time."_s);
    std::optional<int> attempts;
    if (parser.isSet(attemptsOption)) {
        attempts = positiveNumber(parser.value(attemptsOption), TaskSpec::maximumAttempts);
        if (!attempts)
            co_return engine.usageError(
                u"--attempts must be a number from 1 to %1, not '%2'."_s.arg(TaskSpec::maximumAttempts)
                    .arg(parser.value(attemptsOption)));
    }
    int priority = 0;
    if (parser.isSet(priorityOption)) {
        bool ok = false;
        priority = parser.value(priorityOption).toInt(&ok);
        if (!ok)
            co_return engine.usageError(
                u"--priority must be a whole number, not '%1'."_s.arg(parser.value(priorityOption)));
    }

    const QString taskFile = files.constFirst();
    const LoadResult<TaskSpec> loaded = TaskYaml::load(taskFile);
    if (!loaded.ok()) {
        printSourceErrors(console, loaded.errors, taskFile, u"task file"_s);
        co_return ExitInputError;
    }
    TaskSpec task = *loaded.value;
    const std::optional<QString> environmentFile =
        environmentFileFor(taskFile, task, parser.value(envOption), engine);
    if (!environmentFile)
        co_return ExitInputError;
    const std::optional<EnvironmentProfile> environment = loadEnvironment(*environmentFile, console);
    if (!environment)
        co_return ExitInputError;
    std::optional<Skill> skill;
    if (parser.isSet(skillOption)) {
        skill = loadSkill(parser.value(skillOption), console);
        if (!skill)
            co_return ExitInputError;
        QString problem;
        const std::optional<TaskSpec> made = SkillTask::make(*skill, task, task.skill.parameters, &problem);
        if (!made)
            co_return engine.inputError(taskFile + u": "_s + problem + u'.');
        task = *made;
    } else if (task.agent.runtime == AgentSpec::Runtime::Playbook) {
        co_return engine.inputError(
            u"%1 runs a playbook; pass the folder of its skill%2 with --skill DIR."_s.arg(
                taskFile, task.skill.name.isEmpty() ? QString() : u" "_s + task.skill.name));
    }
    // The engine may run in another directory: it needs the path from here.
    task.scope.repository =
        RepositoryPath::resolve(task.scope.repository, QFileInfo(taskFile).absolutePath());

    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    QJsonObject params = submitParams(task, *environment, skill ? &*skill : nullptr);
    if (attempts)
        params.insert(u"attempts"_s, *attempts);
    if (priority != 0)
        params.insert(u"priority"_s, priority);
    const std::optional<QJsonObject> submitted =
        co_await engine.call(u"runs.submit"_s, params, submitTimeout);
    if (!submitted)
        co_return engine.failureCode();
    const QStringList ids = idsOf(*submitted);

    const bool wait = parser.isSet(waitOption);
    if (engine.json() && !wait) {
        engine.printJson(*submitted);
        co_return ExitOk;
    }
    if (!engine.json()) {
        QTextStream &out = console.out();
        const QString title = task.title.isEmpty() ? task.objective.simplified().left(60) : task.title;
        out << "Submitted \"" << title << "\" in environment " << environment->name;
        if (ids.size() > 1)
            out << " as " << ids.size() << " attempts";
        out << ":\n";
        for (const QString &id : ids)
            out << "  " << id << '\n';
        if (!wait)
            out << "Watch it with: delegatectl watch " << ids.constFirst() << '\n';
        out.flush();
    }
    if (!wait)
        co_return ExitOk;
    RunWaiter waiter(engine, ids);
    const std::optional<QList<QJsonObject>> runs = co_await waiter.wait();
    if (!runs)
        co_return engine.failureCode();
    co_return reportWaited(engine, *runs, *submitted);
}

// --- batch

QStringList BatchCommand::path() const
{
    return { u"batch"_s };
}

QString BatchCommand::summary() const
{
    return u"run a skill once per target, as one batch with one budget"_s;
}

QCoro::Task<int> BatchCommand::run(QStringList arguments, Console &console)
{
    EngineConnection engine(u"batch"_s, batchUsage, console);
    QCommandLineParser parser;
    const QCommandLineOption targetsOption(u"targets"_s, u"the targets file"_s, u"FILE"_s);
    const QCommandLineOption taskOption(u"task"_s, u"a task template"_s, u"TASK.yaml"_s);
    const QCommandLineOption paramOption(u"param"_s, u"a parameter for every target"_s, u"KEY=VALUE"_s);
    const QCommandLineOption targetParamOption(u"target-param"_s, u"the parameter a line fills"_s, u"NAME"_s);
    const QCommandLineOption budgetOption(u"budget"_s, u"the batch's budget"_s, u"USD"_s);
    const QCommandLineOption dryRunOption(u"dry-run"_s, u"submit nothing"_s);
    parser.addOptions({ targetsOption, envOption, taskOption, paramOption, targetParamOption, budgetOption,
                        waitOption, dryRunOption });
    if (const std::optional<int> done = engine.parse(parser, arguments))
        co_return *done;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        co_return engine.usageError(positional.isEmpty() ? u"which skill? Give its folder."_s
                                                         : u"one skill folder at a time."_s);
    if (!parser.isSet(targetsOption))
        co_return engine.usageError(u"--targets FILE is required: one target a line, or a CSV file."_s);
    if (!parser.isSet(envOption))
        co_return engine.usageError(u"--env ENV.yaml is required: the environment every run gets."_s);
    QMap<QString, QString> shared;
    const QStringList paramValues = parser.values(paramOption);
    for (const QString &param : paramValues) {
        const qsizetype equals = param.indexOf(u'=');
        if (equals <= 0)
            co_return engine.usageError(u"--param expects KEY=VALUE, not '%1'."_s.arg(param));
        shared.insert(param.left(equals), param.mid(equals + 1));
    }
    std::optional<double> budget;
    if (parser.isSet(budgetOption)) {
        bool ok = false;
        budget = parser.value(budgetOption).toDouble(&ok);
        if (!ok || *budget < 0)
            co_return engine.usageError(
                u"--budget must be a number of US dollars, not '%1'."_s.arg(parser.value(budgetOption)));
    }

    const std::optional<Skill> skill = loadSkill(positional.constFirst(), console);
    if (!skill)
        co_return ExitInputError;
    const QString environmentFile = parser.value(envOption);
    const std::optional<EnvironmentProfile> environment = loadEnvironment(environmentFile, console);
    if (!environment)
        co_return ExitInputError;
    TaskSpec base;
    const QString targetsFile = parser.value(targetsOption);
    QString baseFolder = QFileInfo(targetsFile).absolutePath();
    if (parser.isSet(taskOption)) {
        const QString taskFile = parser.value(taskOption);
        const LoadResult<TaskSpec> loaded = TaskYaml::load(taskFile);
        if (!loaded.ok()) {
            printSourceErrors(console, loaded.errors, taskFile, u"task file"_s);
            co_return ExitInputError;
        }
        base = *loaded.value;
        baseFolder = QFileInfo(taskFile).absolutePath();
    }
    if (!base.environment.isEmpty() && base.environment != environment->name) {
        co_return engine.inputError(u"the task template names the environment '%1', but %2 is '%3'."_s.arg(
            base.environment, environmentFile, environment->name));
    }
    base.environment = environment->name;

    const QString targetParameter = parser.isSet(targetParamOption)
        ? parser.value(targetParamOption)
        : BatchPlan::defaultTargetParameter(*skill, shared);
    if (targetParameter.isEmpty() && !BatchTargets::isCsv(targetsFile))
        co_return engine.usageError(
            u"the skill %1 has no parameter left for the targets to fill; name one with --target-param."_s
                .arg(skill->name));
    QString problem;
    const std::optional<QList<BatchTarget>> targets =
        BatchTargets::read(targetsFile, targetParameter, &problem);
    if (!targets)
        co_return engine.inputError(problem + u'.');

    BatchPlan::Input input;
    input.base = base;
    input.shared = shared;
    input.targets = *targets;
    input.baseFolder = baseFolder;
    input.targetsFolder = QFileInfo(targetsFile).absolutePath();
    const BatchPlan plan = BatchPlan::make(*skill, input);
    if (const PlannedTask *failed = plan.firstFailure())
        co_return engine.inputError(
            u"%1:%2: %3."_s.arg(targetsFile, QString::number(failed->line), failed->error));
    const QList<TaskSpec> tasks = plan.madeTasks();
    TextTable preview({ u"LINE"_s, u"LINT"_s, u"TITLE"_s, u"PARAMETERS"_s });
    for (const PlannedTask &planned : plan.tasks()) {
        QMap<QString, QString> shown = planned.values;
        if (!planned.task->scope.repository.isEmpty())
            shown.insert(u"repository"_s, planned.task->scope.repository);
        preview.addRow({ QString::number(planned.line), enumToString(planned.lint.verdict),
                         planned.task->title, parameterText(shown) });
    }

    const bool dryRun = parser.isSet(dryRunOption);
    if (engine.json() && dryRun) {
        QJsonArray array;
        for (const TaskSpec &task : std::as_const(tasks))
            array.append(task.toJson());
        const QJsonObject planned { { u"dry_run"_s, true },
                                    { u"skill"_s, skill->name },
                                    { u"tasks"_s, array } };
        engine.printJson(planned);
        co_return ExitOk;
    }
    if (!engine.json()) {
        QTextStream &out = console.out();
        out << tasks.size() << " task(s) from skill " << skill->name << " in environment "
            << environment->name;
        if (budget)
            out << ", batch budget $" << QString::number(*budget, 'f', 2);
        out << ":\n";
        preview.print(out, 2);
        if (dryRun)
            out << "Dry run: nothing was submitted.\n";
        out.flush();
    }
    if (dryRun)
        co_return ExitOk;

    if (const std::optional<int> failed = co_await engine.open())
        co_return *failed;
    const QString batchId = newBatchId();
    QStringList ids;
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        QJsonObject params = submitParams(tasks.at(i), *environment, &*skill);
        params.insert(u"batch_id"_s, batchId);
        if (budget)
            params.insert(u"batch_budget_usd"_s, *budget);
        const std::optional<QJsonObject> submitted =
            co_await engine.call(u"runs.submit"_s, params, submitTimeout);
        if (!submitted) {
            if (!ids.isEmpty()) {
                console.err() << "Submitted before the failure, in batch " << batchId << ": "
                              << ids.join(u", "_s) << '\n';
                console.err().flush();
            }
            co_return engine.failureCode();
        }
        const QStringList submittedIds = idsOf(*submitted);
        ids += submittedIds;
        if (!engine.json()) {
            console.out() << "  line " << targets->at(i).line << "  " << submittedIds.join(u", "_s) << '\n';
            console.out().flush();
        }
    }
    QJsonObject result { { u"batch_id"_s, batchId }, { u"run_ids"_s, QJsonArray::fromStringList(ids) } };
    if (!engine.json()) {
        console.out() << "Submitted batch " << batchId << ": " << ids.size() << " run(s). List them with: "
                      << "delegatectl ls --batch " << batchId << '\n';
        console.out().flush();
    }
    if (!parser.isSet(waitOption)) {
        if (engine.json())
            engine.printJson(result);
        co_return ExitOk;
    }
    RunWaiter waiter(engine, ids, batchId);
    const std::optional<QList<QJsonObject>> runs = co_await waiter.wait();
    if (!runs)
        co_return engine.failureCode();
    co_return reportWaited(engine, *runs, result);
}

void registerSubmitCommands(CommandRegistry &registry)
{
    registry.add(std::make_unique<SubmitCommand>());
    registry.add(std::make_unique<BatchCommand>());
}

} // namespace delegate::cli
