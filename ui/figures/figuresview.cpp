// SPDX-License-Identifier: GPL-3.0-or-later
#include "figuresview.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "review/inlinemessage.h"
#include "style/displayformat.h"
#include "style/runstatelook.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QJsonArray>
#include <QLabel>
#include <QLegendMarker>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QValueAxis>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

enum Page { EmptyPage, ChartsPage };

enum Preset { Last7Days, Last30Days, Last90Days, Last12Months, Custom };

// The state whose colour an outcome takes, so a chart reads like the board.
QColor outcomeColour(const QString &outcome)
{
    if (outcome == "approved"_L1)
        return RunStateLook::of(u"approved"_s).color.lighter(130);
    if (outcome == "open"_L1)
        return RunStateLook::of(u"running"_s).color;
    // Rejected and failed share red on the board, where the word tells them
    // apart; side by side in a bar they need two shades.
    if (outcome == "failed"_L1)
        return RunStateLook::of(outcome).color.darker(150);
    return RunStateLook::of(outcome).color;
}

QString outcomeWord(const QString &outcome)
{
    if (outcome == "open"_L1)
        return FiguresView::tr("Not finished");
    if (outcome == "approved"_L1)
        return FiguresView::tr("Approved");
    return RunStateLook::of(outcome).word;
}

// Durations read in one unit per chart, the largest that keeps values above one.
struct TimeUnit
{
    double seconds;
    QString name;
};

TimeUnit unitFor(double largestSeconds)
{
    if (largestSeconds >= 2 * 3600)
        return { 3600, FiguresView::tr("hours") };
    if (largestSeconds >= 120)
        return { 60, FiguresView::tr("minutes") };
    return { 1, FiguresView::tr("seconds") };
}

QString periodLabel(const QString &start, bool weekly)
{
    const QDate day = QDate::fromString(start, Qt::ISODate);
    const QString text = QLocale().toString(day, u"d MMM"_s);
    return weekly ? FiguresView::tr("wk %1").arg(text) : text;
}

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

void setCategories(QChart *chart, QAbstractSeries *series, const QStringList &categories, Qt::Alignment where)
{
    auto *axis = new QBarCategoryAxis;
    axis->append(categories);
    chart->addAxis(axis, where);
    series->attachAxis(axis);
}

QValueAxis *valueAxis(QChart *chart, QAbstractSeries *series, double maximum, const QString &title,
                      Qt::Alignment where, const QString &format = u"%.0f"_s)
{
    auto *axis = new QValueAxis;
    axis->setRange(0, maximum > 0 ? maximum * 1.1 : 1);
    axis->setTitleText(title);
    axis->setLabelFormat(format);
    chart->addAxis(axis, where);
    series->attachAxis(axis);
    axis->applyNiceNumbers();
    return axis;
}

QChart *runsByOutcome(const QJsonObject &figures, bool weekly)
{
    QChart *chart = newChart(weekly ? FiguresView::tr("Runs per week by outcome")
                                    : FiguresView::tr("Runs per day by outcome"));
    auto *series = new QStackedBarSeries;
    const QJsonArray periods = figures.value("periods"_L1).toArray();
    QStringList categories;
    int largest = 0;
    for (const QJsonValue &period : periods) {
        categories.append(periodLabel(period.toObject().value("start"_L1).toString(), weekly));
        largest = std::max(largest, period.toObject().value("runs"_L1).toInt());
    }
    const QJsonArray outcomes = figures.value("outcomes"_L1).toArray();
    for (const QJsonValue &outcome : outcomes) {
        auto *set = new QBarSet(outcomeWord(outcome.toString()));
        set->setColor(outcomeColour(outcome.toString()));
        set->setBorderColor(Qt::transparent);
        for (const QJsonValue &period : periods)
            set->append(period.toObject().value("outcomes"_L1).toObject().value(outcome.toString()).toInt());
        series->append(set);
    }
    chart->addSeries(series);
    setCategories(chart, series, categories, Qt::AlignBottom);
    valueAxis(chart, series, largest, FiguresView::tr("runs"), Qt::AlignLeft);
    return chart;
}

QChart *durationPerPeriod(const QJsonObject &figures, bool weekly, const QString &title, const QString &field,
                          const QString &setName, const QColor &colour)
{
    QChart *chart = newChart(title);
    const QJsonArray periods = figures.value("periods"_L1).toArray();
    double largest = 0;
    for (const QJsonValue &period : periods)
        largest = std::max(largest, period.toObject().value(field).toDouble());
    const TimeUnit unit = unitFor(largest);
    auto *set = new QBarSet(setName);
    set->setColor(colour);
    set->setBorderColor(Qt::transparent);
    QStringList categories;
    for (const QJsonValue &period : periods) {
        categories.append(periodLabel(period.toObject().value("start"_L1).toString(), weekly));
        set->append(period.toObject().value(field).toDouble() / unit.seconds);
    }
    auto *series = new QBarSeries;
    series->append(set);
    chart->addSeries(series);
    chart->legend()->hide();
    setCategories(chart, series, categories, Qt::AlignBottom);
    valueAxis(chart, series, largest / unit.seconds, unit.name, Qt::AlignLeft, u"%.1f"_s);
    return chart;
}

// One horizontal bar per name: costs per skill or agent, rates per skill.
QChart *perName(const QString &title, const QJsonArray &rows, const QString &field, double scale,
                const QString &axisTitle, const QString &format, const QColor &colour,
                double fixedMaximum = 0)
{
    QChart *chart = newChart(title);
    auto *set = new QBarSet(axisTitle);
    set->setColor(colour);
    set->setBorderColor(Qt::transparent);
    QStringList names;
    double largest = 0;
    // The category axis runs bottom to top: the first row goes on top.
    for (qsizetype i = rows.size() - 1; i >= 0; --i) {
        const QJsonObject row = rows.at(i).toObject();
        names.append(row.value("name"_L1).toString());
        const double value = row.value(field).toDouble() * scale;
        set->append(value);
        largest = std::max(largest, value);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(u"@value"_s);
    chart->addSeries(series);
    chart->legend()->hide();
    setCategories(chart, series, names, Qt::AlignLeft);
    QValueAxis *axis = valueAxis(chart, series, fixedMaximum > 0 ? fixedMaximum : largest, axisTitle,
                                 Qt::AlignBottom, format);
    if (fixedMaximum > 0) {
        axis->setRange(0, fixedMaximum);
        axis->setTickCount(5);
    }
    return chart;
}

// QChartView lets go of the chart it showed before without deleting it.
void replaceChart(QChartView *view, QChart *chart)
{
    QChart *previous = view->chart();
    view->setChart(chart);
    delete previous;
}

QString durationText(const QJsonValue &seconds)
{
    if (!seconds.isDouble())
        return u"—"_s;
    return displayformat::duration(qint64(std::llround(seconds.toDouble())));
}

} // namespace

FiguresView::FiguresView(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_preset(new QComboBox(this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_grouping(new QComboBox(this))
    , m_reload(new QPushButton(tr("Reload"), this))
    , m_message(new InlineMessage(this))
    , m_summary(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_grid(new QGridLayout)
{
    m_preset->setObjectName(u"periodPreset"_s);
    m_preset->addItems({ tr("Last 7 days"), tr("Last 30 days"), tr("Last 90 days"), tr("Last 12 months"),
                         tr("Custom period") });
    m_preset->setToolTip(tr("Which runs to count: those submitted in this period"));
    for (QDateEdit *edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
        edit->setTimeSpec(Qt::UTC);
    }
    m_from->setObjectName(u"periodFrom"_s);
    m_to->setObjectName(u"periodTo"_s);
    m_grouping->setObjectName(u"grouping"_s);
    m_grouping->addItem(tr("By day"), QVariant::fromValue(Grouping::Day));
    m_grouping->addItem(tr("By week"), QVariant::fromValue(Grouping::Week));
    m_reload->setShortcut(QKeySequence::Refresh);
    m_reload->setToolTip(
        tr("Count again (%1)").arg(QKeySequence(QKeySequence::Refresh).toString(QKeySequence::NativeText)));
    m_summary->setObjectName(u"figuresSummary"_s);
    m_summary->setWordWrap(true);
    m_empty->setObjectName(u"figuresEmpty"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Runs submitted"), this));
    controls->addWidget(m_preset);
    controls->addWidget(m_from);
    controls->addWidget(new QLabel(tr("to"), this));
    controls->addWidget(m_to);
    controls->addWidget(m_grouping);
    controls->addStretch(1);
    controls->addWidget(m_reload);

    auto *chartsPage = new QWidget;
    chartsPage->setLayout(m_grid);
    m_grid->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 6; ++i) {
        auto *view = new QChartView(chartsPage);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(260);
        view->setObjectName(u"chart%1"_s.arg(i));
        m_grid->addWidget(view, i / 2, i % 2);
        m_views.append(view);
    }
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(chartsPage);
    m_pages->addWidget(m_empty);
    m_pages->addWidget(scroll);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(m_summary);
    layout->addWidget(m_pages, 1);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &FiguresView::applyPreset);
    const auto edited = [this] {
        if (m_applyingPreset)
            return;
        m_preset->blockSignals(true);
        m_preset->setCurrentIndex(Custom);
        m_preset->blockSignals(false);
        reload();
    };
    connect(m_from, &QDateEdit::dateChanged, this, edited);
    connect(m_to, &QDateEdit::dateChanged, this, edited);
    connect(m_grouping, &QComboBox::currentIndexChanged, this, &FiguresView::reload);
    connect(m_reload, &QPushButton::clicked, this, &FiguresView::reload);
    if (m_hub) {
        connect(m_hub, &EngineHub::engineAdded, this, [this](EngineSession *engine) {
            if (m_engine.isEmpty())
                showEngine(engine->name());
        });
    }

    m_preset->setCurrentIndex(Last30Days);
    applyPreset(Last30Days);
    m_summary->clear();
    m_empty->setText(tr("Choose an engine to see its figures."));
    m_pages->setCurrentIndex(EmptyPage);
    if (m_hub && !m_hub->engines().isEmpty())
        showEngine(m_hub->engines().constFirst()->name());
}

FiguresView::~FiguresView() = default;

EngineSession *FiguresView::session() const
{
    return m_hub ? m_hub->engine(m_engine) : nullptr;
}

void FiguresView::showEngine(const QString &engine)
{
    m_engine = engine;
    if (EngineSession *session = this->session())
        connect(session, &EngineSession::ready, this, &FiguresView::reload, Qt::UniqueConnection);
    reload();
}

void FiguresView::applyPreset(int index)
{
    if (index == Custom)
        return;
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const int days = index == Last7Days ? 7 : index == Last30Days ? 30 : index == Last90Days ? 90 : 365;
    m_applyingPreset = true;
    m_from->setDate(today.addDays(1 - days));
    m_to->setDate(today);
    m_applyingPreset = false;
    // A year by day is 365 bars: weeks read better.
    if (index == Last12Months)
        m_grouping->setCurrentIndex(1);
    reload();
}

void FiguresView::setPeriod(QDate from, QDate to)
{
    m_applyingPreset = true;
    m_from->setDate(from);
    m_to->setDate(to);
    m_applyingPreset = false;
    m_preset->blockSignals(true);
    m_preset->setCurrentIndex(Custom);
    m_preset->blockSignals(false);
    reload();
}

void FiguresView::setGrouping(Grouping grouping)
{
    m_grouping->setCurrentIndex(grouping == Grouping::Week ? 1 : 0);
}

void FiguresView::reload()
{
    EngineSession *engine = session();
    if (m_engine.isEmpty() || !engine)
        return;
    const quint64 generation = ++m_generation;
    setLoading(true);
    const bool weekly = m_grouping->currentData().value<Grouping>() == Grouping::Week;
    QJsonObject params { { u"from"_s, m_from->date().toString(Qt::ISODate) },
                         { u"to"_s, m_to->date().toString(Qt::ISODate) },
                         { u"group_by"_s, weekly ? u"week"_s : u"day"_s } };
    QCoro::connect(
        engine->call(u"stats.figures"_s, params), this, [this, generation](const rpc::RpcOutcome &outcome) {
            // A slow answer never overwrites a newer one.
            if (generation != m_generation)
                return;
            setLoading(false);
            if (outcome.error) {
                m_message->showError(tr("Could not count the figures: %1").arg(outcome.error->message));
                Q_EMIT loadFailed(outcome.error->message);
                return;
            }
            m_message->clear();
            m_figures = outcome.result.toObject();
            showFigures();
            Q_EMIT loaded();
        });
}

void FiguresView::setLoading(bool loading)
{
    m_loading = loading;
    m_reload->setEnabled(!loading);
    if (loading && m_figures.isEmpty())
        m_summary->setText(tr("Counting…"));
}

void FiguresView::showFigures()
{
    const QJsonObject totals = m_figures.value("totals"_L1).toObject();
    const int runs = totals.value("runs"_L1).toInt();
    const QString from = m_figures.value("from"_L1).toString();
    const QString to = m_figures.value("to"_L1).toString();
    if (runs == 0) {
        m_summary->clear();
        m_empty->setText(
            tr("No runs were submitted from %1 to %2.\n\nThe figures count runs by the day they "
               "were submitted: how they ended, how long they waited for review and for answers, "
               "what they cost and how often the first version was approved. Compose a task or "
               "try the demo, or choose a longer period above.")
                .arg(from, to));
        m_pages->setCurrentIndex(EmptyPage);
        for (QChartView *view : std::as_const(m_views))
            replaceChart(view, new QChart);
        return;
    }
    const QJsonValue rate = totals.value("first_pass_rate"_L1);
    m_summary->setText(
        tr("<b>%n run(s)</b> from %1 to %2 · spent %3 · median time to first review %4 · %5 waiting for "
           "people "
           "· first versions approved as they came: %6",
           nullptr, runs)
            .arg(from, to, displayformat::cost(totals.value("cost_usd"_L1).toDouble()),
                 durationText(totals.value("median_seconds_to_review"_L1)),
                 durationText(totals.value("waiting_for_human_seconds"_L1)),
                 rate.isDouble() ? QLocale().toString(rate.toDouble() * 100, 'f', 0) + u" %"_s : u"—"_s));
    const bool weekly = m_figures.value("group_by"_L1).toString() == "week"_L1;
    const QList<QChart *> charts {
        runsByOutcome(m_figures, weekly),
        durationPerPeriod(m_figures, weekly, tr("Median time from submission to first review"),
                          u"median_seconds_to_review"_s, tr("median"),
                          RunStateLook::of(u"in_review"_s).color),
        durationPerPeriod(m_figures, weekly, tr("Time runs waited for people"),
                          u"waiting_for_human_seconds"_s, tr("waiting"),
                          RunStateLook::of(u"waiting_for_human"_s).color),
        perName(tr("Cost per skill"), m_figures.value("cost_by_skill"_L1).toArray(), u"cost_usd"_s, 1,
                tr("US$"), u"%.2f"_s, QColor(0x3574f0)),
        perName(tr("Cost per agent"), m_figures.value("cost_by_agent"_L1).toArray(), u"cost_usd"_s, 1,
                tr("US$"), u"%.2f"_s, QColor(0x7a5af5)),
        perName(tr("First version approved as it came, per skill"),
                m_figures.value("first_pass_by_skill"_L1).toArray(), u"rate"_s, 100, tr("% of reviewed runs"),
                u"%.0f"_s, RunStateLook::of(u"completed"_s).color, 100),
    };
    for (qsizetype i = 0; i < charts.size(); ++i)
        replaceChart(m_views.at(i), charts.at(i));
    if (m_figures.value("first_pass_by_skill"_L1).toArray().isEmpty())
        charts.constLast()->setTitle(tr("First version approved as it came — no run was reviewed yet"));
    styleCharts();
    m_pages->setCurrentIndex(ChartsPage);
}

void FiguresView::styleCharts()
{
    const QPalette colours = palette();
    const bool dark = colours.color(QPalette::Base).lightness() < 128;
    for (QChartView *view : std::as_const(m_views)) {
        QChart *chart = view->chart();
        // The theme resets colours: keep the series' own.
        QList<QList<QColor>> kept;
        const QList<QAbstractSeries *> series = chart->series();
        for (QAbstractSeries *one : series) {
            QList<QColor> sets;
            if (auto *bars = qobject_cast<QAbstractBarSeries *>(one)) {
                const QList<QBarSet *> barSets = bars->barSets();
                for (QBarSet *set : barSets)
                    sets.append(set->color());
            }
            kept.append(sets);
        }
        chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
        for (qsizetype s = 0; s < series.size(); ++s) {
            if (auto *bars = qobject_cast<QAbstractBarSeries *>(series.at(s))) {
                const QList<QBarSet *> barSets = bars->barSets();
                for (qsizetype b = 0; b < barSets.size() && b < kept.at(s).size(); ++b) {
                    barSets.at(b)->setColor(kept.at(s).at(b));
                    barSets.at(b)->setBorderColor(Qt::transparent);
                    barSets.at(b)->setLabelColor(colours.color(QPalette::Text));
                }
            }
        }
        chart->setBackgroundBrush(colours.brush(QPalette::Base));
        chart->setTitleBrush(colours.brush(QPalette::Text));
        chart->legend()->setLabelColor(colours.color(QPalette::Text));
        const QList<QAbstractAxis *> axes = chart->axes();
        for (QAbstractAxis *axis : axes) {
            axis->setLabelsColor(colours.color(QPalette::Text));
            axis->setTitleBrush(colours.brush(QPalette::Text));
        }
        view->setBackgroundBrush(colours.brush(QPalette::Base));
    }
}

QList<QChart *> FiguresView::charts() const
{
    QList<QChart *> list;
    for (QChartView *view : m_views)
        list.append(view->chart());
    return list;
}

bool FiguresView::isShowingEmptyState() const
{
    return m_pages->currentIndex() == EmptyPage;
}

void FiguresView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_figures.isEmpty())
        styleCharts();
}

} // namespace delegate::ui
