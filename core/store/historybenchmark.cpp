// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/historybenchmark.h"

#include "store/eventreader.h"
#include "store/eventstore.h"
#include "store/historyquery.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <vector>

namespace delegate {

namespace {

using namespace Qt::StringLiterals;

const QStringList people { u"user:ada"_s, u"user:grace"_s, u"user:alan"_s, u"user:barbara"_s,
                           u"user:linus"_s };
const QStringList tasks {
    u"Fix the flaky parser test"_s,        u"Diagnose the build timeout"_s,
    u"Upgrade the logging library"_s,      u"Triage crash reports from last week"_s,
    u"Add retries to the upload worker"_s, u"Write issue drafts for the lint warnings"_s,
    u"Remove the deprecated cache API"_s,  u"Explain the slow start-up"_s
};
const QStringList skills { u"fix-failing-test"_s, u"dependency-upgrade"_s, u"triage"_s, QString(),
                           QString() };
const QStringList runtimes { u"builtin/gpt-4o"_s, u"builtin/llama3"_s, u"claude-code/sonnet"_s,
                             u"codex/o4-mini"_s, u"playbook"_s };
const QStringList environments { u"local-python"_s, u"local-node"_s, u"ssh-build-1"_s, u"ssh-build-2"_s };
const char *const words[] = { "the",     "parser",  "loop",    "reads",   "file",    "test",   "fails",
                              "because", "cache",   "is",      "stale",   "after",   "merge",  "patch",
                              "fixes",   "timeout", "in",      "retry",   "queue",   "worker", "build",
                              "step",    "checks",  "lint",    "diff",    "branch",  "main",   "review",
                              "plan",    "agent",   "upload",  "logging", "startup", "config", "flaky",
                              "crash",   "report",  "warning", "module",  "library" };
const char *const tools[] = { "read_file", "search", "run", "edit_file", "list_files", "write_file" };
const char *const finals[] = { "completed", "completed", "completed", "failed", "cancelled", "rejected" };

QString sentence(QRandomGenerator &random, int count)
{
    QStringList picked;
    for (int i = 0; i < count; ++i)
        picked.append(QString::fromLatin1(words[random.bounded(int(std::size(words)))]));
    return picked.join(u' ');
}

// One run as it goes: its attributes and how far it got.
struct ActiveRun
{
    QString id;
    int step = 0;
    int length = 0; // agent steps before review
    bool checkpoint = false;
    QString state = u"queued"_s;
};

// Produces the next event of one of the runs in flight, so the log
// interleaves them as an engine running many at once writes it.
class HistoryGenerator
{
public:
    explicit HistoryGenerator(quint32 seed)
        : m_random(seed)
    { }

    qint64 runs() const { return m_started; }

    EventDraft next()
    {
        while (int(m_active.size()) < 40)
            m_active.push_back(ActiveRun { u"run-%1"_s.arg(++m_started, 6, 10, QLatin1Char('0')), -1,
                                           60 + int(m_random.bounded(700)), m_random.bounded(3) == 0 });
        const size_t index = size_t(m_random.bounded(int(m_active.size())));
        ActiveRun &run = m_active[index];
        EventDraft draft = advance(run);
        if (run.step < 0)
            m_active.erase(m_active.begin() + qsizetype(index));
        return draft;
    }

private:
    EventDraft transition(ActiveRun &run, const QString &to)
    {
        EventDraft draft {
            run.id,
            u"system"_s,
            u"run.state_changed"_s,
            { { u"from"_s, run.state }, { u"to"_s, to }, { u"reason"_s, sentence(m_random, 5) } }
        };
        run.state = to;
        return draft;
    }

    EventDraft advance(ActiveRun &run)
    {
        const int step = ++run.step;
        if (step == 0) {
            const QString agent = runtimes.at(m_random.bounded(int(runtimes.size())));
            const QString skill = skills.at(m_random.bounded(int(skills.size())));
            QJsonObject task { { u"title"_s, tasks.at(m_random.bounded(int(tasks.size()))) },
                               { u"objective"_s, sentence(m_random, 20) },
                               { u"agent"_s,
                                 QJsonObject { { u"runtime"_s, agent.section(u'/', 0, 0) },
                                               { u"model"_s, agent.section(u'/', 1) } } } };
            if (!skill.isEmpty())
                task.insert(u"skill"_s, QJsonObject { { u"name"_s, skill } });
            const QJsonObject record { { u"id"_s, run.id },
                                       { u"task"_s, task },
                                       { u"environment"_s,
                                         environments.at(m_random.bounded(int(environments.size()))) },
                                       { u"state"_s, u"queued"_s } };
            return EventDraft { run.id,
                                people.at(m_random.bounded(int(people.size()))),
                                u"run.submitted"_s,
                                { { u"run"_s, record }, { u"priority"_s, 0 } } };
        }
        if (step == 1)
            return transition(run, u"provisioning"_s);
        if (step == 2)
            return transition(run, u"running"_s);
        const int agentStep = step - 3;
        if (agentStep < run.length) {
            if (run.checkpoint && agentStep == run.length / 2)
                return EventDraft { run.id,
                                    u"agent"_s,
                                    u"checkpoint.opened"_s,
                                    { { u"checkpoint"_s,
                                        QJsonObject { { u"id"_s, QString(run.id + u":q1"_s) },
                                                      { u"kind"_s, u"question"_s },
                                                      { u"prompt"_s, sentence(m_random, 12) } } } } };
            if (run.checkpoint && agentStep == run.length / 2 + 1)
                return EventDraft { run.id,
                                    people.at(m_random.bounded(int(people.size()))),
                                    u"checkpoint.decided"_s,
                                    { { u"decision"_s,
                                        QJsonObject { { u"checkpoint_id"_s, QString(run.id + u":q1"_s) },
                                                      { u"verdict"_s, u"answer"_s },
                                                      { u"text"_s, sentence(m_random, 8) } } } } };
            switch (agentStep % 3) {
            case 0:
                return EventDraft { run.id,
                                    u"agent"_s,
                                    u"agent.message"_s,
                                    { { u"text"_s, sentence(m_random, 10 + m_random.bounded(30)) } } };
            case 1:
                return EventDraft {
                    run.id,
                    u"agent"_s,
                    u"tool.call"_s,
                    { { u"tool"_s, QString::fromLatin1(tools[m_random.bounded(int(std::size(tools)))]) },
                      { u"call_id"_s, u"c%1"_s.arg(agentStep) },
                      { u"arguments"_s,
                        QJsonObject { { u"path"_s, u"src/%1.cpp"_s.arg(sentence(m_random, 1)) } } } }
                };
            default:
                return EventDraft { run.id,
                                    u"agent"_s,
                                    u"tool.result"_s,
                                    { { u"call_id"_s, u"c%1"_s.arg(agentStep - 1) },
                                      { u"exit_code"_s, m_random.bounded(8) == 0 ? 1 : 0 },
                                      { u"output"_s, sentence(m_random, 8 + m_random.bounded(20)) } } };
            }
        }
        const QString final = QString::fromLatin1(finals[m_random.bounded(int(std::size(finals)))]);
        switch (agentStep - run.length) {
        case 0:
            if (final == "failed"_L1 || final == "cancelled"_L1) {
                run.step = -2;
                return transition(run, final);
            }
            return EventDraft { run.id,
                                u"agent"_s,
                                u"artifact.submitted"_s,
                                { { u"artifact"_s,
                                    QJsonObject { { u"version"_s, 1 },
                                                  { u"kind"_s, u"patch"_s },
                                                  { u"summary"_s, sentence(m_random, 12) } } } } };
        case 1:
            return transition(run, u"in_review"_s);
        case 2:
            return EventDraft {
                run.id,
                people.at(m_random.bounded(int(people.size()))),
                u"review.decided"_s,
                { { u"version"_s, 1 },
                  { u"decision"_s,
                    QJsonObject { { u"verdict"_s, final == "rejected"_L1 ? u"reject"_s : u"approve"_s },
                                  { u"text"_s, sentence(m_random, 6) } } } }
            };
        case 3:
            if (final == "rejected"_L1) {
                run.step = -2;
                return transition(run, final);
            }
            return transition(run, u"approved"_s);
        case 4:
            return EventDraft {
                run.id,
                u"system"_s,
                u"action.executed"_s,
                { { u"kind"_s, u"commit"_s }, { u"ok"_s, true }, { u"message"_s, sentence(m_random, 6) } }
            };
        default:
            run.step = -2;
            return transition(run, u"completed"_s);
        }
    }

    QRandomGenerator m_random;
    std::vector<ActiveRun> m_active;
    qint64 m_started = 0;
};

StoreError generate(const QString &path, qint64 events, HistoryBenchmarkResult &result)
{
    EventStore store;
    EventStoreOptions options;
    options.path = path;
    if (auto error = store.open(options))
        return error;
    HistoryGenerator generator(20240501);
    QElapsedTimer timer;
    timer.start();
    // A bounded window of unacknowledged appends, as a busy engine has.
    constexpr qint64 window = 16'384;
    std::vector<quint64> tickets(size_t(events), 0);
    for (qint64 i = 0; i < events; ++i) {
        if (i >= window && i % 1024 == 0)
            store.waitUntilDurable(tickets[size_t(i - window)]);
        tickets[size_t(i)] = store.post(generator.next());
        if (tickets[size_t(i)] == 0)
            return u"the store refused a generated event"_s;
    }
    store.waitUntilDurable(tickets.back());
    result.generateSeconds = double(timer.nsecsElapsed()) / 1e9;
    timer.restart();
    if (!store.waitForIndexed(store.statistics().committedSequence, QDeadlineTimer(std::chrono::minutes(30))))
        return u"the indexer did not catch up within 30 minutes"_s;
    result.indexSeconds = double(timer.nsecsElapsed()) / 1e9;
    result.runs = generator.runs();
    store.close();
    return std::nullopt;
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(fraction * double(values.size() - 1) + 0.5));
    return values[index];
}

struct NamedRequest
{
    QString name;
    HistoryRequest request;
};

QList<NamedRequest> requests(EventRepository &events, int pageSize)
{
    QList<NamedRequest> list;
    const auto add = [&](const QString &name, const std::function<void(HistoryRequest &)> &shape) {
        HistoryRequest request;
        request.limit = pageSize;
        shape(request);
        list.append({ name, request });
    };
    add(u"timeline, newest"_s, [](HistoryRequest &) {});
    add(u"timeline, oldest"_s, [](HistoryRequest &r) { r.oldestFirst = true; });
    add(u"kind tool.call"_s, [](HistoryRequest &r) { r.filter.kinds = { u"tool.call"_s }; });
    add(u"kind checkpoint.*"_s, [](HistoryRequest &r) { r.filter.kinds = { u"checkpoint.*"_s }; });
    add(u"user grace"_s, [](HistoryRequest &r) { r.filter.actor = u"user:grace"_s; });
    add(u"state failed"_s, [](HistoryRequest &r) { r.filter.states = { u"failed"_s }; });
    add(u"skill triage"_s, [](HistoryRequest &r) { r.filter.skill = u"triage"_s; });
    add(u"agent claude-code, env ssh-build-1"_s, [](HistoryRequest &r) {
        r.filter.agent = u"claude-code"_s;
        r.filter.environment = u"ssh-build-1"_s;
    });
    add(u"task contains \"timeout\""_s, [](HistoryRequest &r) { r.filter.taskTitle = u"timeout"_s; });
    add(u"one run"_s, [](HistoryRequest &r) { r.filter.runId = u"run-000010"_s; });
    const StoreResult<qint64> lastTime = events.lastEventTime();
    const StoreResult<qint64> firstAt = events.firstSequenceAt(0);
    Q_UNUSED(firstAt);
    if (lastTime) {
        const qint64 end = lastTime.value();
        add(u"last 10 seconds, kind review.decided"_s, [end](HistoryRequest &r) {
            r.filter.sinceMs = end - 10'000;
            r.filter.kinds = { u"review.decided"_s };
        });
    }
    add(u"search: timeout"_s, [](HistoryRequest &r) { r.query = SearchRequest::fromWords(u"timeout"_s); });
    add(u"search: parser retry"_s,
        [](HistoryRequest &r) { r.query = SearchRequest::fromWords(u"parser retry"_s); });
    add(u"search: upl* (prefix)"_s, [](HistoryRequest &r) { r.query = SearchRequest::fromWords(u"upl*"_s); });
    add(u"search: flaky crash warning"_s,
        [](HistoryRequest &r) { r.query = SearchRequest::fromWords(u"flaky crash warning"_s); });
    add(u"search: stale, user ada"_s, [](HistoryRequest &r) {
        r.query = SearchRequest::fromWords(u"stale"_s);
        r.filter.actor = u"user:ada"_s;
    });
    add(u"search: merge, env local-node"_s, [](HistoryRequest &r) {
        r.query = SearchRequest::fromWords(u"merge"_s);
        r.filter.environment = u"local-node"_s;
    });
    return list;
}

StoreError measure(const QString &path, const HistoryBenchmarkOptions &options,
                   HistoryBenchmarkResult &result)
{
    EventReader warm;
    if (auto error = warm.open(path, 5))
        return error;
    HistoryQuery warmQuery(*warm.sqliteConnection(), warm.events()); // the benchmark makes SQLite files
    const QList<NamedRequest> list = requests(warm.events(), options.pageSize);
    for (const NamedRequest &named : list) {
        HistoryBenchmarkFigure figure;
        figure.name = named.name;
        figure.kind = named.request.query.isEmpty() ? u"timeline"_s : u"search"_s;
        std::vector<double> cold;
        std::vector<double> hot;
        for (int sample = 0; sample < options.samples; ++sample) {
            // Cold: a new connection, as a new request on the engine's
            // reader thread has, with nothing in SQLite's cache.
            EventReader reader;
            if (auto error = reader.open(path, 5))
                return error;
            HistoryQuery query(*reader.sqliteConnection(), reader.events());
            QElapsedTimer timer;
            timer.start();
            const StoreResult<HistoryPage> page = query.page(named.request);
            cold.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!page)
                return u"%1: %2"_s.arg(named.name, page.error());
            figure.firstPageSize = int(page->entries.size());

            timer.restart();
            const StoreResult<HistoryPage> again = warmQuery.page(named.request);
            hot.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!again)
                return u"%1: %2"_s.arg(named.name, again.error());
        }
        figure.coldP50 = percentile(cold, 0.5);
        figure.coldP95 = percentile(cold, 0.95);
        figure.warmP50 = percentile(hot, 0.5);
        figure.warmP95 = percentile(hot, 0.95);
        result.figures.append(figure);
    }
    const StoreResult<ChainHead> head = warm.events().lastEvent();
    if (head)
        result.events = head->sequence;
    return std::nullopt;
}

} // namespace

StoreResult<HistoryBenchmarkResult> HistoryBenchmark::run(const HistoryBenchmarkOptions &options)
{
    HistoryBenchmarkResult result;
    std::unique_ptr<QTemporaryDir> temporary;
    QString path = options.store;
    if (path.isEmpty()) {
        const QString directory = options.directory.isEmpty()
            ? QFileInfo(EventStore::defaultPath()).absolutePath()
            : options.directory;
        temporary = std::make_unique<QTemporaryDir>(directory + u"/delegate-bench-search-XXXXXX"_s);
        if (!temporary->isValid()) {
            return StoreResult<HistoryBenchmarkResult>::failure(
                u"cannot create a temporary directory in %1: choose a writable one with --dir"_s.arg(
                    directory));
        }
        path = temporary->filePath(u"history.db"_s);
        if (auto error = generate(path, options.events, result))
            return StoreResult<HistoryBenchmarkResult>::failure(*error);
    } else if (!QFileInfo::exists(path)) {
        return StoreResult<HistoryBenchmarkResult>::failure(
            u"there is no store at %1: give the path of an event store, or leave --store out to generate one"_s
                .arg(path));
    }
    result.path = path;
    result.storeBytes = QFileInfo(path).size() + QFileInfo(path + u"-wal"_s).size();
    if (auto error = measure(path, options, result))
        return StoreResult<HistoryBenchmarkResult>::failure(*error);
    return result;
}

} // namespace delegate
