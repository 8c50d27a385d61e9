// SPDX-License-Identifier: GPL-3.0-or-later
// The capability catalogue: one entry per grant, each said in one line, and
// the grants of an environment as the GUI's chips and the CLI list them.
#include "domain/environmentyaml.h"
#include "policy/capabilitycatalogue.h"

#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace delegate {

class TestCapabilityCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyCapabilityHasOneEntry()
    {
        const QList<CapabilityInfo> &catalogue = CapabilityCatalogue::all();
        QCOMPARE(catalogue.size(), qsizetype(enumNames<Capability>().size()));
        QSet<Capability> seen;
        for (const CapabilityInfo &info : catalogue) {
            QVERIFY(!seen.contains(info.capability));
            seen.insert(info.capability);
            QCOMPARE(&CapabilityCatalogue::info(info.capability), &info);
            const QString name = enumToString(info.capability);
            for (const QString &text : { info.title, info.allows, info.risk, info.sandbox, info.example }) {
                QVERIFY2(!text.isEmpty(), qPrintable(name));
                QVERIFY2(!text.contains(u'\n'), qPrintable(name + u": "_s + text));
            }
            QVERIFY2(info.allows.endsWith(u'.') && info.risk.endsWith(u'.'), qPrintable(name));
        }
    }

    void examplesAreValidEnvironmentYaml()
    {
        for (const CapabilityInfo &info : CapabilityCatalogue::all()) {
            const QByteArray yaml = info.example.startsWith(u"limits:"_s)
                ? QByteArray("name: e\n" + info.example.toUtf8() + '\n')
                : QByteArray("name: e\ncapabilities: {" + info.example.toUtf8() + "}\n");
            const LoadResult<EnvironmentProfile> loaded = EnvironmentYaml::parse(yaml, u"example.yaml"_s);
            QVERIFY2(loaded.ok(), qPrintable(info.example));
            // The example grants the very capability it illustrates.
            bool grants = false;
            for (const CapabilityGrant &grant : CapabilityCatalogue::grantsOf(*loaded.value))
                grants = grants || grant.capability == info.capability;
            QVERIFY2(grants, qPrintable(info.example));
        }
    }

    void defaultsComeFromTheSandbox()
    {
        QVERIFY(CapabilityCatalogue::info(Capability::WallTime).sandbox.endsWith(u"When unset: 10m."_s));
        QVERIFY(CapabilityCatalogue::info(Capability::Processes).sandbox.endsWith(u"When unset: 256."_s));
        QVERIFY(CapabilityCatalogue::info(Capability::Memory).sandbox.endsWith(u"When unset: 4 GB."_s));
    }

    void grantsOfAnEnvironment()
    {
        const LoadResult<EnvironmentProfile> loaded = EnvironmentYaml::load(QStringLiteral(
            DELEGATE_SOURCE_DIR "/resources/examples/environments/checkout-investigation.yaml"));
        QVERIFY(loaded.ok());
        QStringList grants;
        for (const CapabilityGrant &grant : CapabilityCatalogue::grantsOf(*loaded.value))
            grants.append(enumToString(grant.capability) + u' ' + grant.subject);
        const QStringList expected = {
            u"repository.read "_s,
            u"network.allowlist logs.example.com"_s,
            u"network.allowlist git.example.com"_s,
            u"tools git"_s,
            u"tools rg"_s,
            u"tools jq"_s,
            u"tools curl"_s,
            u"mounts /srv/runbooks → /mnt/runbooks"_s,
            u"secrets LOGS_API_TOKEN"_s,
            u"limits.cpu_time 20m"_s,
            u"limits.memory_mb 2048 MiB"_s,
            u"limits.processes 128"_s,
            u"limits.file_size_mb 256 MiB"_s,
            u"limits.output_kb 2048 KiB"_s,
            u"limits.wall_time 45m"_s,
        };
        QCOMPARE(grants, expected);

        // Nothing granted, nothing listed: "none" is the absence of a grant.
        QVERIFY(CapabilityCatalogue::grantsOf(EnvironmentProfile {}).isEmpty());
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestCapabilityCatalogue)
#include "tst_capabilitycatalogue.moc"
