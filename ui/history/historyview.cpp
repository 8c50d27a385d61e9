// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historyview.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "history/historymodel.h"
#include "review/inlinemessage.h"
#include "style/displayformat.h"

#include <QComboBox>
#include <QCoro/QCoroTask>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

namespace delegate::ui {

using namespace Qt::StringLiterals;

namespace {

// Search as one types, once typing pauses.
constexpr int debounceMs = 300;

QComboBox *makeFilter(const QString &name, const QString &anyText, const QString &tip, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    box->addItem(anyText, QString());
    box->setToolTip(tip);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->setMinimumContentsLength(8);
    return box;
}

void fillFacet(QComboBox *box, const QJsonArray &values,
               const std::function<QString(const QString &)> &label = {})
{
    const QString chosen = box->currentData().toString();
    while (box->count() > 1)
        box->removeItem(1);
    for (const QJsonValue &value : values) {
        const QString text = value.toString();
        box->addItem(label ? label(text) : text, text);
    }
    const int index = box->findData(chosen);
    box->setCurrentIndex(std::max(0, index));
}

QString problemSentence(const QString &problem)
{
    if (problem == "hash_mismatch"_L1)
        return HistoryView::tr(
            "its content no longer hashes to its stored hash: the event was changed after it "
            "was written (content hash mismatch)");
    if (problem == "prev_hash_mismatch"_L1)
        return HistoryView::tr(
            "its prev_hash is not the previous event's hash: events before it were replaced "
            "(prev_hash mismatch)");
    if (problem == "sequence_gap"_L1)
        return HistoryView::tr("events are missing from the log (sequence gap)");
    if (problem == "head_mismatch"_L1)
        return HistoryView::tr("the newest events differ from the head the store recorded (head mismatch)");
    return problem;
}

} // namespace

HistoryView::HistoryView(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(new HistoryModel(this))
    , m_table(new QTableView(this))
    , m_progress(new QProgressBar(this))
    , m_message(new InlineMessage(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(u"historyView"_s);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMs);
    connect(m_debounce, &QTimer::timeout, this, &HistoryView::applyFilter);

    m_table->setObjectName(u"historyTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(HistoryModel::TimeColumn, 90);
    m_table->setColumnWidth(HistoryModel::KindColumn, 155);
    m_table->setColumnWidth(HistoryModel::ActorColumn, 80);
    m_table->setColumnWidth(HistoryModel::RunColumn, 135);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryView::showSelected);
    connect(m_model, &HistoryModel::pageLoaded, this, &HistoryView::afterPage);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryView::showSelected);

    m_progress->setObjectName(u"verifyProgress"_s);
    m_progress->setVisible(false);
    m_progress->setFormat(tr("%v of %m events checked"));
    m_message->setObjectName(u"historyMessage"_s);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"historySplitter"_s);
    splitter->addWidget(m_table);
    splitter->addWidget(buildDetail());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({ 760, 500 });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildFilterBar());
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    const auto follow = [this](EngineSession *session) {
        connect(session, &EngineSession::ready, this, [this, session] {
            if (session == m_session || !m_session) {
                m_session = session;
                m_model->setSession(session);
                loadFacets();
            }
        });
        connect(
            session, &EngineSession::notificationReceived, this,
            [this](const QString &method, const QJsonObject &params) {
                if (method != "audit.verify_progress"_L1
                    || params.value("token"_L1).toString() != m_verifyToken)
                    return;
                m_progress->setRange(0, int(std::min<qint64>(params.value("total"_L1).toInteger(), INT_MAX)));
                m_progress->setValue(int(std::min<qint64>(params.value("checked"_L1).toInteger(), INT_MAX)));
            });
    };
    for (EngineSession *session : m_hub->engines())
        follow(session);
    connect(m_hub, &EngineHub::engineAdded, this, follow);
    if (!m_hub->engines().isEmpty())
        showEngine(m_hub->engines().constFirst()->name());
}

QWidget *HistoryView::buildFilterBar()
{
    auto *bar = new QWidget(this);
    m_search = new QLineEdit(bar);
    m_search->setObjectName(u"historySearch"_s);
    m_search->setPlaceholderText(tr("Search event text… (words, prefix*, OR, NOT)"));
    m_search->setClearButtonEnabled(true);
    m_time = makeFilter(u"timeFilter"_s, tr("Any time"), tr("When the events happened"), bar);
    m_time->addItem(tr("Last hour"), 3600);
    m_time->addItem(tr("Last 24 hours"), 86400);
    m_time->addItem(tr("Last 7 days"), 7 * 86400);
    m_time->addItem(tr("Last 30 days"), 30 * 86400);
    m_kind = makeFilter(u"kindFilter"_s, tr("Any kind"), tr("The kind of event"), bar);
    for (const QString &family : { u"run.*"_s, u"agent.*"_s, u"tool.*"_s, u"checkpoint.*"_s, u"artifact.*"_s,
                                   u"review.*"_s, u"action.*"_s })
        m_kind->addItem(family, family);
    m_state = makeFilter(u"stateFilter"_s, tr("Any state"), tr("The run's current state"), bar);
    m_user = makeFilter(u"userFilter"_s, tr("Anyone"),
                        tr("Who caused the event: a person, the agent or the engine"), bar);
    m_skill = makeFilter(u"skillFilter"_s, tr("Any skill"), tr("The skill the run's task came from"), bar);
    m_agent = makeFilter(u"agentFilter"_s, tr("Any agent"), tr("The run's agent: runtime and model"), bar);
    m_environment =
        makeFilter(u"environmentFilter"_s, tr("Any environment"), tr("The run's environment"), bar);
    m_task = makeFilter(u"taskFilter"_s, tr("Any task"), tr("The run's task"), bar);
    m_task->setMaximumWidth(220);
    connect(m_search, &QLineEdit::textChanged, this, &HistoryView::scheduleReload);
    for (QComboBox *box : { m_time, m_kind, m_state, m_user, m_skill, m_agent, m_environment, m_task })
        connect(box, &QComboBox::currentIndexChanged, this, &HistoryView::scheduleReload);

    m_verify = new QPushButton(tr("&Verify chain"), bar);
    m_verify->setObjectName(u"verifyChain"_s);
    m_verify->setToolTip(
        tr("Recompute every event's hash and link, and show where the chain breaks if it does"));
    connect(m_verify, &QPushButton::clicked, this, &HistoryView::verifyChain);
    m_export = new QPushButton(tr("&Export…"), bar);
    m_export->setObjectName(u"exportHistory"_s);
    m_export->setToolTip(tr("Write the events the filter selects, with the chain's head hash, for checking "
                            "outside Delegate"));
    auto *menu = new QMenu(m_export);
    menu->addAction(tr("As JSON Lines…"), this, [this] { chooseExport(u"jsonl"_s); });
    menu->addAction(tr("As CSV…"), this, [this] { chooseExport(u"csv"_s); });
    m_export->setMenu(menu);

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_verify);
    top->addWidget(m_export);
    auto *filters = new QHBoxLayout;
    for (QWidget *box : { m_time, m_kind, m_state, m_user, m_skill, m_agent, m_environment, m_task })
        filters->addWidget(box);
    filters->addStretch(1);
    auto *layout = new QVBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(filters);
    return bar;
}

QWidget *HistoryView::buildDetail()
{
    auto *panel = new QWidget(this);
    m_detail = new QTextBrowser(panel);
    m_detail->setObjectName(u"historyDetail"_s);
    m_detail->setOpenLinks(false);
    m_openRun = new QPushButton(tr("Open &run"), panel);
    m_openRun->setObjectName(u"openRun"_s);
    m_openReview = new QPushButton(tr("Open re&view"), panel);
    m_openReview->setObjectName(u"openReview"_s);
    m_auditTrail = new QPushButton(tr("&Audit trail"), panel);
    m_auditTrail->setObjectName(u"openAuditTrail"_s);
    m_related = new QPushButton(panel);
    m_related->setObjectName(u"showRelated"_s);
    m_runHistory = new QPushButton(tr("Run's &history"), panel);
    m_runHistory->setObjectName(u"runHistory"_s);
    m_runHistory->setToolTip(tr("Only this run's events"));
    const auto runOfSelection = [this] {
        return m_model->eventAt(m_table->currentIndex().row()).value("run_id"_L1).toString();
    };
    connect(m_openRun, &QPushButton::clicked, this,
            [this, runOfSelection] { Q_EMIT openRun(engineName(), runOfSelection()); });
    connect(m_openReview, &QPushButton::clicked, this,
            [this, runOfSelection] { Q_EMIT openReview(engineName(), runOfSelection()); });
    connect(m_auditTrail, &QPushButton::clicked, this,
            [this, runOfSelection] { Q_EMIT openRunAudit(engineName(), runOfSelection()); });
    connect(m_runHistory, &QPushButton::clicked, this, [this, runOfSelection] { showRun(runOfSelection()); });
    connect(m_related, &QPushButton::clicked, this, [this] { showRelated(m_relatedKinds); });

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : { m_openRun, m_openReview, m_auditTrail, m_runHistory, m_related })
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_detail, 1);
    return panel;
}

QString HistoryView::engineName() const
{
    return m_session ? m_session->name() : QString();
}

void HistoryView::showEngine(const QString &name)
{
    EngineSession *session = m_hub->engine(name);
    if (!session)
        return;
    m_session = session;
    m_model->setSession(session->isConnected() ? session : nullptr);
    if (session->isConnected())
        loadFacets();
}

void HistoryView::loadFacets()
{
    if (!m_session || !m_session->isConnected())
        return;
    const QString method = u"history.facets"_s;
    QCoro::connect(m_session->call(method), this, [this](const rpc::RpcOutcome &outcome) {
        if (outcome.error)
            return;
        const QJsonObject facets = outcome.result.toObject();
        m_settingFilters = true;
        QJsonArray kinds = facets.value("kinds"_L1).toArray();
        const QStringList families { u"run.*"_s,      u"agent.*"_s,  u"tool.*"_s,  u"checkpoint.*"_s,
                                     u"artifact.*"_s, u"review.*"_s, u"action.*"_s };
        for (qsizetype i = families.size() - 1; i >= 0; --i)
            kinds.prepend(families.at(i));
        fillFacet(m_kind, kinds);
        fillFacet(m_state, facets.value("states"_L1).toArray(),
                  [](const QString &state) { return QString(state).replace(u'_', u' '); });
        fillFacet(m_user, facets.value("actors"_L1).toArray());
        fillFacet(m_skill, facets.value("skills"_L1).toArray());
        fillFacet(m_agent, facets.value("agents"_L1).toArray());
        fillFacet(m_environment, facets.value("environments"_L1).toArray());
        fillFacet(m_task, facets.value("tasks"_L1).toArray());
        m_settingFilters = false;
    });
}

QJsonObject HistoryView::currentFilter() const
{
    QJsonObject filter;
    if (const int seconds = m_time->currentData().toInt(); seconds > 0) {
        const QDateTime since = QDateTime::currentDateTimeUtc().addSecs(-seconds);
        filter.insert(u"since"_s, since.toString(Qt::ISODateWithMs));
    }
    const std::pair<const char *, QComboBox *> choices[] = {
        { "kind", m_kind },   { "state", m_state }, { "actor", m_user },
        { "skill", m_skill }, { "agent", m_agent }, { "environment", m_environment },
        { "task", m_task },
    };
    for (const auto &[key, box] : choices) {
        const QString value = box->currentData().toString();
        if (!value.isEmpty())
            filter.insert(QString::fromLatin1(key), value);
    }
    if (!m_runId.isEmpty())
        filter.insert(u"run_id"_s, m_runId);
    return filter;
}

void HistoryView::scheduleReload()
{
    if (m_settingFilters)
        return;
    m_debounce->start();
}

void HistoryView::applyFilter()
{
    m_debounce->stop();
    m_model->setBrokenSequence(0);
    m_model->setQuery(currentFilter(), m_search->text());
}

void HistoryView::clearFilters()
{
    m_settingFilters = true;
    for (QComboBox *box : { m_time, m_kind, m_state, m_user, m_skill, m_agent, m_environment, m_task })
        box->setCurrentIndex(0);
    m_search->clear();
    m_runId.clear();
    m_settingFilters = false;
    // A change still waiting for typing to pause is overtaken.
    m_debounce->stop();
}

void HistoryView::showRun(const QString &runId)
{
    clearFilters();
    m_runId = runId;
    applyFilter();
}

void HistoryView::showRelated(const QStringList &kinds)
{
    const QString runId = m_model->eventAt(m_table->currentIndex().row()).value("run_id"_L1).toString();
    clearFilters();
    m_runId = runId;
    m_debounce->stop();
    QJsonObject filter = currentFilter();
    filter.insert(u"kind"_s, QJsonArray::fromStringList(kinds));
    m_model->setQuery(filter, {});
}

void HistoryView::afterPage()
{
    if (!m_model->error().isEmpty()) {
        m_message->showError(tr("The history could not be read: %1").arg(m_model->error()));
        return;
    }
    if (m_selectAfterLoad != 0) {
        const int row = m_model->rowOf(m_selectAfterLoad);
        if (row >= 0) {
            m_selectAfterLoad = 0;
            m_table->setCurrentIndex(m_model->index(row, HistoryModel::TimeColumn));
            m_table->scrollTo(m_model->index(row, 0), QAbstractItemView::PositionAtCenter);
        }
    }
    // A sparse filter can come back with a short page that says there is
    // more: keep reading until the view is full or the log is done.
    const int visibleRows = std::max(
        20, m_table->viewport()->height() / std::max(1, m_table->verticalHeader()->defaultSectionSize()));
    if (m_model->rowCount() < visibleRows && m_model->canFetchMore({}))
        m_model->fetchMore({});
}

void HistoryView::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    const QJsonObject event = m_model->eventAt(current.row());
    const QString runId = event.value("run_id"_L1).toString();
    const QString kind = event.value("kind"_L1).toString();
    for (QPushButton *button : { m_openRun, m_auditTrail, m_runHistory })
        button->setEnabled(!runId.isEmpty());
    m_openReview->setEnabled(!runId.isEmpty()
                             && (kind.startsWith("artifact."_L1) || kind.startsWith("review."_L1)));
    m_relatedKinds.clear();
    if (kind.startsWith("checkpoint."_L1)) {
        m_related->setText(tr("Checkpoint and &decision"));
        m_relatedKinds = { u"checkpoint.*"_s };
    } else if (kind.startsWith("artifact."_L1) || kind.startsWith("review."_L1)) {
        m_related->setText(tr("Versions and &reviews"));
        m_relatedKinds = { u"artifact.*"_s, u"review.*"_s };
    } else if (kind.startsWith("action."_L1)) {
        m_related->setText(tr("Action and &approval"));
        m_relatedKinds = { u"review.*"_s, u"action.*"_s };
    } else {
        m_related->setText(tr("Related"));
    }
    m_related->setEnabled(!runId.isEmpty() && !m_relatedKinds.isEmpty());
    if (event.isEmpty()) {
        m_detail->setHtml(m_model->rowCount() == 0 && !m_model->isLoading()
                              ? tr("<p>No events match. Clear a filter, or search for other words.</p>")
                              : tr("<p>Select an event to see what it records.</p>"));
        return;
    }
    const QDateTime time = displayformat::parseTime(event.value("time"_L1).toString());
    const QString payload = QString::fromUtf8(
        QJsonDocument(event.value("payload"_L1).toObject()).toJson(QJsonDocument::Indented));
    const bool broken = current.data(HistoryModel::BrokenRole).toBool();
    QString html = u"<h3>%1</h3><table cellspacing=4>"_s.arg(kind.toHtmlEscaped());
    const auto row = [&html](const QString &name, const QString &value) {
        html += u"<tr><td><b>%1</b></td><td>%2</td></tr>"_s.arg(name, value);
    };
    row(tr("Event"), QString::number(event.value("sequence"_L1).toInteger()));
    row(tr("When"), u"%1 (%2)"_s.arg(displayformat::exactTime(time), displayformat::relativeTime(time)));
    row(tr("Who"), event.value("actor"_L1).toString().toHtmlEscaped());
    row(tr("Run"), runId.isEmpty() ? tr("— (engine-wide)") : runId.toHtmlEscaped());
    row(tr("Hash"), u"<code>%1</code>"_s.arg(event.value("hash"_L1).toString()));
    row(tr("Previous"), u"<code>%1</code>"_s.arg(event.value("prev_hash"_L1).toString()));
    html += u"</table>"_s;
    if (broken)
        html += u"<p style='color:#a4262c'><b>%1</b></p>"_s.arg(m_message->text().toHtmlEscaped());
    html += u"<pre style=\"white-space: pre-wrap\">%1</pre>"_s.arg(payload.toHtmlEscaped());
    m_detail->setHtml(html);
}

void HistoryView::verifyChain()
{
    if (!m_session || !m_session->isConnected()) {
        m_message->showError(tr("Not connected to an engine: connect, then verify again."));
        return;
    }
    m_verifyToken = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_verify->setEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    m_message->showInformation(tr("Verifying the hash chain…"));
    const QJsonObject params { { u"progress_token"_s, m_verifyToken } };
    // The walk reads the whole log: allow it time on a large one.
    QCoro::connect(
        m_session->call(u"audit.verify"_s, params, std::chrono::minutes(30)), this,
        [this](const rpc::RpcOutcome &outcome) {
            m_verify->setEnabled(true);
            m_progress->setVisible(false);
            m_verifyToken.clear();
            if (outcome.error) {
                m_message->showError(tr("The chain could not be verified: %1").arg(outcome.error->message));
                return;
            }
            const QJsonObject report = outcome.result.toObject();
            const QString head = report.value("head_hash"_L1).toString();
            if (report.value("intact"_L1).toBool()) {
                m_model->setBrokenSequence(0);
                m_message->showMessage(InlineMessage::Kind::Success,
                                       tr("The chain is intact: %1 events checked. Head: event %2, hash %3")
                                           .arg(report.value("checked"_L1).toInteger())
                                           .arg(report.value("head_sequence"_L1).toInteger())
                                           .arg(head));
                Q_EMIT verified(true, 0);
                return;
            }
            const QJsonObject at = report.value("break"_L1).toObject();
            const qint64 sequence = report.value("broken_sequence"_L1).toInteger();
            const QString runId = at.value("run_id"_L1).toString();
            const QString where = runId.isEmpty() ? tr("event %1").arg(sequence)
                                                  : tr("event %1 (run %2)").arg(sequence).arg(runId);
            m_message->showError(tr("The chain is broken at %1: %2. %3 events before it are intact. "
                                    "Details: %4")
                                     .arg(where, problemSentence(report.value("problem"_L1).toString()))
                                     .arg(report.value("checked"_L1).toInteger())
                                     .arg(report.value("detail"_L1).toString()));
            // Show the timeline from the broken event on, unfiltered,
            // with that event selected.
            clearFilters();
            m_selectAfterLoad = sequence;
            m_model->setQuery({}, {});
            m_model->reload(sequence + 10);
            m_model->setBrokenSequence(sequence);
            Q_EMIT verified(false, sequence);
        });
}

void HistoryView::chooseExport(const QString &format)
{
    const QString suggested = u"delegate-history.%1"_s.arg(format);
    const QString filterText = format == "csv"_L1 ? tr("CSV (*.csv)") : tr("JSON Lines (*.jsonl)");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export history"), suggested, filterText);
    if (!path.isEmpty())
        exportTo(path, format);
}

void HistoryView::exportTo(const QString &path, const QString &format)
{
    if (!m_session || !m_session->isConnected()) {
        m_message->showError(tr("Not connected to an engine: connect, then export again."));
        return;
    }
    QJsonObject params { { u"format"_s, format }, { u"filter"_s, currentFilter() } };
    if (!m_search->text().trimmed().isEmpty())
        params.insert(u"words"_s, m_search->text().trimmed());
    m_message->showInformation(tr("Exporting…"));
    QCoro::connect(
        m_session->call(u"history.export"_s, params, std::chrono::minutes(10)), this,
        [this, path](const rpc::RpcOutcome &outcome) {
            if (outcome.error) {
                m_message->showError(tr("The export failed: %1").arg(outcome.error->message));
                return;
            }
            const QJsonObject result = outcome.result.toObject();
            QFile file(path);
            const QByteArray text = result.value("text"_L1).toString().toUtf8();
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size()) {
                m_message->showError(
                    tr("Could not write %1: %2. Choose another place.").arg(path, file.errorString()));
                return;
            }
            file.close();
            m_message->showMessage(
                InlineMessage::Kind::Success,
                tr("Exported %1 events to %2. Chain head: event %3, hash %4 — keep it elsewhere to "
                   "prove the log later.")
                    .arg(result.value("exported"_L1).toInteger())
                    .arg(path)
                    .arg(result.value("head_sequence"_L1).toInteger())
                    .arg(result.value("head_hash"_L1).toString()));
            Q_EMIT exported(path);
        });
}

} // namespace delegate::ui
