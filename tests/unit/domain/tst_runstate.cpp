// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/runstate.h"

#include <QStandardPaths>
#include <QTest>

using namespace delegate;

class TestRunState final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void names_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("name");
        // The spellings are stored in databases and sent over the wire.
        const char *names[] = { "queued",     "provisioning",      "running",  "waiting_for_human",
                                "in_review",  "changes_requested", "approved", "applying",
                                "completed",  "rejected",          "failed",   "cancelled",
                                "interrupted" };
        for (int i = 0; i < int(std::size(names)); ++i)
            QTest::addRow("%s", names[i]) << i << QString::fromLatin1(names[i]);
    }

    void names()
    {
        QFETCH(int, state);
        QFETCH(QString, name);
        QCOMPARE(enumToString(RunState(state)), name);
        QCOMPARE(enumFromString<RunState>(name), std::optional(RunState(state)));
    }

    void unknownName() { QCOMPARE(enumFromString<RunState>(u"Running"), std::nullopt); }

    void transitions_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("allowed");

        const auto allow = [](const char *from, const char *to) {
            QTest::addRow("%s -> %s", from, to)
                << QString::fromLatin1(from) << QString::fromLatin1(to) << true;
        };
        const auto refuse = [](const char *from, const char *to) {
            QTest::addRow("%s -/> %s", from, to)
                << QString::fromLatin1(from) << QString::fromLatin1(to) << false;
        };

        // The happy path.
        allow("queued", "provisioning");
        allow("provisioning", "running");
        allow("running", "waiting_for_human");
        allow("waiting_for_human", "running");
        allow("running", "in_review");
        allow("in_review", "changes_requested");
        allow("changes_requested", "running");
        allow("in_review", "approved");
        allow("approved", "applying");
        allow("applying", "completed");
        allow("approved", "completed");
        // Endings.
        allow("in_review", "rejected");
        allow("waiting_for_human", "rejected");
        allow("running", "failed");
        allow("queued", "cancelled");
        allow("in_review", "cancelled");
        allow("applying", "failed");
        // The engine stopped, and started again.
        allow("running", "interrupted");
        allow("provisioning", "interrupted");
        allow("waiting_for_human", "interrupted");
        allow("applying", "interrupted");
        allow("interrupted", "provisioning");
        allow("interrupted", "applying");
        allow("interrupted", "cancelled");

        // Skipping the review, or acting before approval.
        refuse("running", "approved");
        refuse("running", "applying");
        refuse("in_review", "applying");
        refuse("in_review", "completed");
        refuse("changes_requested", "approved");
        refuse("queued", "running");
        refuse("waiting_for_human", "in_review");
        refuse("waiting_for_human", "approved");
        // Nothing leaves a terminal state.
        refuse("completed", "running");
        refuse("rejected", "in_review");
        refuse("failed", "queued");
        refuse("cancelled", "provisioning");
        // A stay is not a transition.
        refuse("running", "running");
        refuse("interrupted", "interrupted");
        // A resumed run gets a sandbox first; an applying run cannot be cancelled halfway.
        refuse("interrupted", "running");
        refuse("interrupted", "in_review");
        refuse("applying", "cancelled");
        refuse("queued", "interrupted");
    }

    void transitions()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, allowed);
        const RunState source = *enumFromString<RunState>(from);
        const RunState target = *enumFromString<RunState>(to);
        QCOMPARE(canTransition(source, target), allowed);
        QCOMPARE(allowedTransitions(source).contains(target), allowed);
    }

    void terminalStates_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("terminal");
        QTest::addColumn<bool>("resumable");
        for (const EnumName<RunState> &entry : enumNames<RunState>()) {
            const QString name(entry.name);
            const bool terminal = name == QLatin1String("completed") || name == QLatin1String("rejected")
                || name == QLatin1String("failed") || name == QLatin1String("cancelled");
            QTest::addRow("%s", entry.name.data())
                << name << terminal << (name == QLatin1String("interrupted"));
        }
    }

    void terminalStates()
    {
        QFETCH(QString, name);
        QFETCH(bool, terminal);
        QFETCH(bool, resumable);
        const RunState s = *enumFromString<RunState>(name);
        QCOMPARE(isTerminal(s), terminal);
        QCOMPARE(isResumable(s), resumable);
        QCOMPARE(allowedTransitions(s).isEmpty(), terminal);
    }

    void everyStateIsReachable()
    {
        // Walk the graph from queued: every state is reachable, and a run in
        // any state that is not terminal can be ended at once.
        QList<RunState> seen { RunState::Queued };
        for (qsizetype i = 0; i < seen.size(); ++i) {
            for (const RunState next : allowedTransitions(seen.at(i))) {
                if (!seen.contains(next))
                    seen.append(next);
            }
        }
        QCOMPARE(seen.size(), qsizetype(enumNames<RunState>().size()));
        for (const RunState s : std::as_const(seen)) {
            if (isTerminal(s))
                continue;
            const QList<RunState> next = allowedTransitions(s);
            QVERIFY(std::any_of(next.cbegin(), next.cend(), [](RunState n) { return isTerminal(n); }));
        }
    }
};

QTEST_GUILESS_MAIN(TestRunState)
#include "tst_runstate.moc"
