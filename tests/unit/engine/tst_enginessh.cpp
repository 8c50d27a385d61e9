// SPDX-License-Identifier: GPL-3.0-or-later
// Runs of an SSH environment against two real sshd servers on loopback: the
// run is placed on the pool host with the most free places, works there and
// its patch comes back; when that host's sshd is killed mid-command the run
// is interrupted, resumes on the other host and completes, with its history
// intact.
#include "engine/lifecycleevents.h"
#include "engine/remotehosts.h"
#include "enginetestsupport.h"
#include "loopbacksshd.h"

#include <QCoro/QCoroTask>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace delegate;
using namespace delegate::test;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool processWithMarkerExists(const QByteArray &marker)
{
    QDirIterator it(u"/proc"_s, QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        QByteArray cmdline = readAll(it.next() + u"/cmdline"_s);
        cmdline.replace('\0', ' ');
        if (cmdline.contains(marker) && !cmdline.contains("tst_enginessh"))
            return true;
    }
    return false;
}

QString diffOf(const Artifact &artifact)
{
    return std::get<PatchContent>(artifact.content).diff;
}

} // namespace

class TestEngineSsh : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (testing::LoopbackSshd::sshdProgram().isEmpty())
            QSKIP("sshd is not installed (Debian package openssh-server)");
    }

    void runMovesToAnotherHostWhenItsHostIsLost()
    {
        EngineHarness harness;
        QVERIFY(harness.setUp());
        testing::LoopbackSshd first(u"pool-a"_s);
        testing::LoopbackSshd second(u"pool-b"_s);
        QVERIFY2(first.start(), qPrintable(first.errorString()));
        QVERIFY2(second.start(), qPrintable(second.errorString()));
        // One client configuration for the pool, as a team would write it.
        const QString config = harness.root.filePath(u"ssh_config"_s);
        {
            QFile file(config);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(readAll(first.clientConfig()) + readAll(second.clientConfig()));
        }

        const QString marker = u"slowstep%1"_s.arg(QCoreApplication::applicationPid());
        harness.server.setScript({
            editTurn(u"return a - b"_s, u"return a + b"_s),
            turn({ call(
                u"run"_s,
                { { u"command"_s, u"python3 -c 'import time; time.sleep(120)' %1"_s.arg(marker) } }) }),
            submitTurn(u"add() adds now."_s),
        });
        EngineOptions options = harness.options();
        options.remote.ssh.connectTimeout = std::chrono::seconds(5);
        auto engine = std::make_unique<Engine>();
        const auto opened = QCoro::waitFor(engine->open(options));
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));

        SubmitRequest request = harness.fixTheTest();
        request.environment.sandbox = SandboxTarget { SandboxTarget::Kind::Ssh, QString() };
        request.environment.pool.sshConfig = config;
        request.environment.pool.hosts = { PoolHost { u"pool-a"_s, 2 }, PoolHost { u"pool-b"_s, 1 } };
        const auto submitted = QCoro::waitFor(engine->submit(request, u"user:ada"_s));
        QVERIFY2(submitted.ok(), submitted.ok() ? "" : qPrintable(submitted.error().message));
        const QString runId = submitted.value().constFirst();

        // pool-a has the most free places; the slow command runs there.
        QVERIFY2(QTest::qWaitFor([&] { return processWithMarkerExists(marker.toUtf8()); }, 90000),
                 qPrintable(describe(*engine, runId)));
        QCOMPARE(engine->remoteHosts()->placementOf(runId), u"pool-a"_s);
        first.kill();

        DELEGATE_WAIT_FOR_STATE(*engine, runId, RunState::InReview);
        const RunRecord *record = engine->state().run(runId);
        QCOMPARE(record->artifacts.size(), 1);
        // The edit made on the lost host came back before it went.
        QVERIFY2(diffOf(record->artifacts.constFirst()).contains(u"+    return a + b"_s),
                 qPrintable(diffOf(record->artifacts.constFirst())));
        // What ran on the lost host is gone with its connection.
        QTRY_VERIFY_WITH_TIMEOUT(!processWithMarkerExists(marker.toUtf8()), 20000);

        QStringList states;
        QStringList hosts;
        QString interruption;
        const auto events = engine->events(runId, 0, 1000);
        QVERIFY(events.ok());
        for (const Event &event : events.value()) {
            if (event.kind == lifecycle::stateChanged) {
                states.append(event.payload.value("to"_L1).toString());
                if (states.constLast() == "interrupted"_L1)
                    interruption = event.payload.value("reason"_L1).toString();
            }
            if (event.kind == "sandbox.placed"_L1)
                hosts.append(event.payload.value("host"_L1).toString());
        }
        QCOMPARE(states,
                 (QStringList { u"provisioning"_s, u"running"_s, u"interrupted"_s, u"provisioning"_s,
                                u"running"_s, u"in_review"_s }));
        QVERIFY2(interruption.contains(u"pool-a was lost"_s), qPrintable(interruption));
        QCOMPARE(hosts, (QStringList { u"pool-a"_s, u"pool-b"_s }));

        // Health as engine.status reports it.
        const QList<HostHealth> health = engine->remoteHosts()->health();
        QCOMPARE(health.size(), 2);
        QCOMPARE(health.at(0).host, u"pool-a"_s);
        QVERIFY(!health.at(0).reachable);
        QVERIFY(health.at(1).reachable);
        QCoro::waitFor(engine->remoteHosts()->check());
        const QList<HostHealth> checked = engine->remoteHosts()->health();
        QVERIFY(!checked.at(0).reachable);
        QVERIFY(checked.at(1).load.has_value());

        const auto verified = QCoro::waitFor(engine->verify());
        QVERIFY(verified.ok());
        QVERIFY2(verified.value().intact(), qPrintable(verified.value().detail));
        QCoro::waitFor(engine->shutdown(u"test over"_s));
    }
};

QTEST_GUILESS_MAIN(TestEngineSsh)
#include "tst_enginessh.moc"
