// SPDX-License-Identifier: GPL-3.0-or-later
#include "runfigures.h"

#include "engine/runrecord.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

std::optional<double> median(QList<double> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    if (values.size() % 2 == 1)
        return values.at(middle);
    return (values.at(middle - 1) + values.at(middle)) / 2;
}

// Money to the cent, durations to the millisecond: figures that add up as
// people read them.
double cents(double usd)
{
    return std::round(usd * 100) / 100;
}

double millis(double seconds)
{
    return std::round(seconds * 1000) / 1000;
}

struct Totals
{
    int runs = 0;
    double costUsd = 0;
};

QJsonArray costArray(const QMap<QString, Totals> &byName, const QString &emptyName)
{
    QList<std::pair<QString, Totals>> rows;
    for (auto it = byName.cbegin(); it != byName.cend(); ++it)
        rows.append({ it.key(), it.value() });
    // Most expensive first; ties by name, so the order never wobbles.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto &a, const auto &b) { return a.second.costUsd > b.second.costUsd; });
    QJsonArray array;
    for (const auto &[name, totals] : rows) {
        array.append(QJsonObject { { u"name"_s, name.isEmpty() ? emptyName : name },
                                   { u"runs"_s, totals.runs },
                                   { u"cost_usd"_s, cents(totals.costUsd) } });
    }
    return array;
}

} // namespace

std::optional<FiguresRequest> FiguresRequest::fromJson(const QJsonObject &params, QDate today, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    FiguresRequest request;
    request.to = today;
    request.from = today.addDays(-29);
    const auto day = [&](const char *name, QDate *into) {
        const QJsonValue value = params.value(QLatin1StringView(name));
        if (value.isUndefined() || value.isNull())
            return true;
        const QDate parsed = QDate::fromString(value.toString(), Qt::ISODate);
        if (!parsed.isValid())
            return false;
        *into = parsed;
        return true;
    };
    if (!day("from", &request.from))
        return fail(u"params.from must be a day as YYYY-MM-DD, such as 2024-05-01"_s);
    if (!day("to", &request.to))
        return fail(u"params.to must be a day as YYYY-MM-DD, such as 2024-05-31"_s);
    if (request.from > request.to)
        return fail(u"params.from (%1) is after params.to (%2): swap them"_s.arg(
            request.from.toString(Qt::ISODate), request.to.toString(Qt::ISODate)));
    const QString grouping = params.value("group_by"_L1).toString(u"day"_s);
    if (grouping == "day"_L1)
        request.groupBy = Grouping::Day;
    else if (grouping == "week"_L1)
        request.groupBy = Grouping::Week;
    else
        return fail(u"params.group_by '%1' is neither \"day\" nor \"week\""_s.arg(grouping));
    const qint64 days = request.from.daysTo(request.to) + 1;
    if (request.groupBy == Grouping::Day && days > maxDays)
        return fail(
            u"%1 days are too many to show by day (at most %2): group by week"_s.arg(days).arg(maxDays));
    if (days > qint64(maxWeeks) * 7)
        return fail(
            u"%1 days are too many (at most %2 weeks): choose a shorter period"_s.arg(days).arg(maxWeeks));
    return request;
}

QDate FiguresRequest::periodOf(QDate day) const
{
    return groupBy == Grouping::Week ? day.addDays(1 - day.dayOfWeek()) : day;
}

RunFacts RunFacts::of(const RunRecord &record, const QString &agent, const QDateTime &now)
{
    RunFacts facts;
    facts.runId = record.run.id;
    facts.submittedAt = record.run.createdAt;
    facts.state = enumToString(record.run.state);
    facts.skill = record.run.task.skill.name;
    facts.agent = agent;
    facts.costUsd = record.run.usage.costUsd;
    if (!record.reviews.isEmpty()) {
        const Decision &first = record.reviews.constFirst();
        if (first.decidedAt.isValid() && facts.submittedAt.isValid())
            facts.secondsToFirstReview = facts.submittedAt.msecsTo(first.decidedAt) / 1000.0;
        // A version a person edited before approving it was changed too.
        facts.approvedFirstTime = first.verdict == Decision::Verdict::Approve && record.artifacts.size() == 1;
    }
    qint64 waited = record.waitedForHumanMs;
    if (record.waitingSince.isValid())
        waited += std::max<qint64>(0, record.waitingSince.msecsTo(now));
    facts.secondsWaitingForHuman = waited / 1000.0;
    return facts;
}

namespace runfigures {

QString outcomeOf(const QString &state)
{
    if (state == "completed"_L1 || state == "rejected"_L1 || state == "failed"_L1 || state == "cancelled"_L1)
        return state;
    if (state == "approved"_L1 || state == "applying"_L1)
        return u"approved"_s;
    return u"open"_s;
}

const QStringList &outcomes()
{
    static const QStringList names { u"completed"_s, u"approved"_s,  u"rejected"_s,
                                     u"failed"_s,    u"cancelled"_s, u"open"_s };
    return names;
}

QJsonObject compute(const QList<RunFacts> &runs, const FiguresRequest &request)
{
    struct Period
    {
        QMap<QString, int> outcomes;
        int total = 0;
        QList<double> reviewSeconds;
        double waitingSeconds = 0;
        double costUsd = 0;
    };
    QMap<QDate, Period> periods;
    for (QDate day = request.periodOf(request.from); day <= request.to;
         day = day.addDays(request.groupBy == FiguresRequest::Grouping::Week ? 7 : 1))
        periods.insert(day, {});

    QMap<QString, Totals> bySkill;
    QMap<QString, Totals> byAgent;
    struct FirstPass
    {
        int reviewed = 0;
        int approved = 0;
    };
    QMap<QString, FirstPass> firstPass;
    QList<double> reviewSeconds;
    double waitingSeconds = 0;
    int waitingRuns = 0;
    double cost = 0;
    int counted = 0;
    for (const RunFacts &run : runs) {
        const QDate day = run.submittedAt.toUTC().date();
        if (day < request.from || day > request.to)
            continue;
        ++counted;
        Period &period = periods[request.periodOf(day)];
        ++period.outcomes[outcomeOf(run.state)];
        ++period.total;
        period.costUsd += run.costUsd;
        period.waitingSeconds += run.secondsWaitingForHuman;
        if (run.secondsToFirstReview) {
            period.reviewSeconds.append(*run.secondsToFirstReview);
            reviewSeconds.append(*run.secondsToFirstReview);
        }
        waitingSeconds += run.secondsWaitingForHuman;
        if (run.secondsWaitingForHuman > 0)
            ++waitingRuns;
        cost += run.costUsd;
        bySkill[run.skill].runs += 1;
        bySkill[run.skill].costUsd += run.costUsd;
        byAgent[run.agent].runs += 1;
        byAgent[run.agent].costUsd += run.costUsd;
        if (run.approvedFirstTime) {
            FirstPass &pass = firstPass[run.skill];
            ++pass.reviewed;
            pass.approved += *run.approvedFirstTime ? 1 : 0;
        }
    }

    QJsonArray periodArray;
    for (auto it = periods.cbegin(); it != periods.cend(); ++it) {
        QJsonObject byOutcome;
        for (const QString &outcome : outcomes())
            byOutcome.insert(outcome, it->outcomes.value(outcome));
        const std::optional<double> reviewMedian = median(it->reviewSeconds);
        periodArray.append(QJsonObject {
            { u"start"_s, it.key().toString(Qt::ISODate) },
            { u"runs"_s, it->total },
            { u"outcomes"_s, byOutcome },
            { u"reviewed"_s, int(it->reviewSeconds.size()) },
            { u"median_seconds_to_review"_s,
              reviewMedian ? QJsonValue(millis(*reviewMedian)) : QJsonValue() },
            { u"waiting_for_human_seconds"_s, millis(it->waitingSeconds) },
            { u"cost_usd"_s, cents(it->costUsd) },
        });
    }
    QJsonArray firstPassArray;
    int reviewedAll = 0;
    int approvedAll = 0;
    for (auto it = firstPass.cbegin(); it != firstPass.cend(); ++it) {
        reviewedAll += it->reviewed;
        approvedAll += it->approved;
        firstPassArray.append(QJsonObject { { u"name"_s, it.key().isEmpty() ? u"(no skill)"_s : it.key() },
                                            { u"reviewed"_s, it->reviewed },
                                            { u"approved_first_time"_s, it->approved },
                                            { u"rate"_s, double(it->approved) / it->reviewed } });
    }
    const std::optional<double> reviewMedian = median(reviewSeconds);
    const QJsonObject totals {
        { u"runs"_s, counted },
        { u"cost_usd"_s, cents(cost) },
        { u"reviewed"_s, int(reviewSeconds.size()) },
        { u"median_seconds_to_review"_s, reviewMedian ? QJsonValue(millis(*reviewMedian)) : QJsonValue() },
        { u"waiting_for_human_seconds"_s, millis(waitingSeconds) },
        { u"runs_that_waited"_s, waitingRuns },
        { u"first_pass_rate"_s, reviewedAll ? QJsonValue(double(approvedAll) / reviewedAll) : QJsonValue() },
    };
    return {
        { u"from"_s, request.from.toString(Qt::ISODate) },
        { u"to"_s, request.to.toString(Qt::ISODate) },
        { u"group_by"_s, request.groupBy == FiguresRequest::Grouping::Week ? u"week"_s : u"day"_s },
        { u"outcomes"_s, QJsonArray::fromStringList(outcomes()) },
        { u"periods"_s, periodArray },
        { u"totals"_s, totals },
        { u"cost_by_skill"_s, costArray(bySkill, u"(no skill)"_s) },
        { u"cost_by_agent"_s, costArray(byAgent, u"(unknown)"_s) },
        { u"first_pass_by_skill"_s, firstPassArray },
    };
}

} // namespace runfigures

} // namespace delegate
