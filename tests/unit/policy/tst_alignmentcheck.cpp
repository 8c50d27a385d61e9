// SPDX-License-Identifier: GPL-3.0-or-later
// The alignment check: what a task needs against what an environment grants,
// case by case, on the example files, and with every fix applied.
#include "domain/environmentyaml.h"
#include "domain/skill.h"
#include "domain/taskyaml.h"
#include "policy/alignmentcheck.h"
#include "policy/alignmentfix.h"
#include "policy/capabilitycatalogue.h"

#include <QDir>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

const QByteArray reportTask = "title: Explain the build failure\n"
                              "objective: Find out why the build fails and write down the cause.\n"
                              "scope: {repository: ., base_ref: main}\n"
                              "expected_artifact: {kind: report}\n";

EnvironmentProfile environment(const QByteArray &yaml)
{
    const LoadResult<EnvironmentProfile> loaded =
        EnvironmentYaml::parse("name: test\n" + yaml, u"env.yaml"_s);
    for (const SourceError &error : loaded.errors)
        qWarning("%s", qPrintable(error.toString()));
    return loaded.value.value_or(EnvironmentProfile {});
}

TaskSpec task(const QByteArray &yaml)
{
    const LoadResult<TaskSpec> loaded = TaskYaml::parse(yaml, u"task.yaml"_s);
    for (const SourceError &error : loaded.errors)
        qWarning("%s", qPrintable(error.toString()));
    return loaded.value.value_or(TaskSpec {});
}

// "missing tools: make, codex" per finding.
QStringList summaries(const AlignmentReport &report)
{
    QStringList lines;
    for (const AlignmentFinding &finding : report.findings) {
        QString line = enumToString(finding.kind) + u' ' + enumToString(finding.capability);
        if (!finding.items.isEmpty())
            line += u": "_s + finding.items.join(u", "_s);
        lines.append(line);
    }
    return lines;
}

// Applies every finding's fix as the GUI's one-click fix does.
EnvironmentProfile withFixes(EnvironmentProfile profile, const AlignmentReport &report)
{
    for (const AlignmentFinding &finding : report.findings) {
        QString error;
        const std::optional<EnvironmentProfile> fixed = AlignmentFix::apply(finding, profile, &error);
        if (!fixed) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        profile = *fixed;
    }
    return profile;
}

QString example(const QString &kind, const QString &file)
{
    return QStringLiteral(DELEGATE_SOURCE_DIR "/resources/examples/") + kind + u'/' + file;
}

} // namespace

class TestAlignmentCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void programsOfACommand_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("programs");
        QTest::addRow("one word") << u"make"_s << QStringList { u"make"_s };
        QTest::addRow("arguments") << u"make check -j2"_s << QStringList { u"make"_s };
        QTest::addRow("assignments first") << u"CC=clang CFLAGS=-O2 make"_s << QStringList { u"make"_s };
        QTest::addRow("env") << u"env LANG=C cmake -S . -B build"_s << QStringList { u"cmake"_s };
        QTest::addRow("chained") << u"cd build && ctest --output-on-failure || cat log"_s
                                 << QStringList { u"ctest"_s, u"cat"_s };
        QTest::addRow("pipe and sequence") << u"python3 -m pytest | tee out.txt; git diff --exit-code"_s
                                           << QStringList { u"python3"_s, u"tee"_s, u"git"_s };
        QTest::addRow("script in the checkout") << u"./scripts/check.sh --quick"_s << QStringList();
        QTest::addRow("absolute path") << u"/usr/bin/make"_s << QStringList();
        QTest::addRow("shell words") << u"test -f build.ninja && echo ok"_s << QStringList();
        QTest::addRow("repeated") << u"git fetch && git diff"_s << QStringList { u"git"_s };
        QTest::addRow("subshell") << u"(cd sub && ninja)"_s << QStringList { u"ninja"_s };
    }

    void programsOfACommand()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, programs);
        QCOMPARE(CapabilityNeeds::programsOf(command), programs);
    }

    void hostMatches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("matches");
        QTest::addRow("same") << u"api.github.com"_s << u"api.github.com"_s << true;
        QTest::addRow("case") << u"API.github.com"_s << u"api.GitHub.com"_s << true;
        QTest::addRow("other") << u"api.github.com"_s << u"github.com"_s << false;
        QTest::addRow("wildcard") << u"*.example.com"_s << u"logs.example.com"_s << true;
        QTest::addRow("wildcard deeper") << u"*.example.com"_s << u"a.b.example.com"_s << true;
        QTest::addRow("wildcard is not the domain") << u"*.example.com"_s << u"example.com"_s << false;
        QTest::addRow("suffix is not a label") << u"*.example.com"_s << u"badexample.com"_s << false;
    }

    void hostMatches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, host);
        QFETCH(bool, matches);
        QCOMPARE(AlignmentCheck::hostMatches(pattern, host), matches);
    }

    void findings_data()
    {
        QTest::addColumn<QByteArray>("taskYaml");
        QTest::addColumn<QByteArray>("environmentYaml");
        QTest::addColumn<QByteArray>("skillJson");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QStringList>("findings");
        QTest::addColumn<QStringList>("values"); // each finding's fix value, in order

        const QByteArray noSkill;
        QTest::addRow("aligned report") << reportTask + "verify: [make check]\n"
                                        << QByteArray("capabilities: {repository: read, tools: [make]}\n")
                                        << noSkill << u"aligned"_s << QStringList() << QStringList();

        // Missing: the task cannot be done.
        QTest::addRow("a patch needs write")
            << QByteArray(reportTask).replace("kind: report", "kind: patch")
            << QByteArray("capabilities: {repository: read}\n") << noSkill << u"missing"_s
            << QStringList { u"missing repository.write"_s } << QStringList { u"write"_s };
        QTest::addRow("verify needs the checkout and its tools")
            << QByteArray("objective: Check it.\nverify: ['cd build && ctest', 'make lint']\n")
            << QByteArray("capabilities: {tools: [make]}\n") << noSkill << u"missing"_s
            << QStringList { u"missing repository.read"_s, u"missing tools: ctest"_s }
            << QStringList { u"read"_s, u"[make, ctest]"_s };
        QTest::addRow("CLI agent needs its tool, credential and network")
            << reportTask + "agent: {runtime: claude-code}\n"
            << QByteArray("capabilities: {repository: read}\n") << noSkill << u"missing"_s
            << QStringList { u"missing network.allowlist: api.anthropic.com"_s, u"missing tools: claude"_s,
                             u"missing secrets: ANTHROPIC_API_KEY"_s }
            << QStringList { u"{mode: allowlist, hosts: [api.anthropic.com]}"_s, u"[claude]"_s,
                             u"[ANTHROPIC_API_KEY]"_s };
        QTest::addRow("CLI agent with everything it needs")
            << reportTask + "agent: {runtime: codex}\n"
            << QByteArray("capabilities:\n  repository: read\n  tools: [codex]\n  secrets: [CODEX_API_KEY]\n"
                          "  network: {mode: allowlist, hosts: [api.openai.com]}\n")
            << noSkill << u"aligned"_s << QStringList() << QStringList();
        QTest::addRow("context URL needs its host")
            << reportTask + "context: [{label: Logs, url: 'https://logs.example.com/q?x=1'}]\n"
            << QByteArray("capabilities: {repository: read}\n") << noSkill << u"missing"_s
            << QStringList { u"missing network.allowlist: logs.example.com"_s }
            << QStringList { u"{mode: allowlist, hosts: [logs.example.com]}"_s };
        QTest::addRow("context URL through a wildcard")
            << reportTask + "context: [{label: Logs, url: 'https://logs.example.com/q'}]\n"
            << QByteArray(
                   "capabilities: {repository: read, network: {mode: allowlist, hosts: ['*.example.com']}}\n")
            << noSkill << u"aligned"_s << QStringList() << QStringList();
        QTest::addRow("allowlist without the host")
            << reportTask + "context: [{label: Logs, url: 'https://logs.example.com/q'}]\n"
            << QByteArray("capabilities: {repository: read, network: {mode: allowlist, hosts: "
                          "[logs.example.org]}}\n")
            << noSkill << u"missing"_s
            << QStringList { u"missing network.allowlist: logs.example.com"_s,
                             u"excess network.allowlist: logs.example.org"_s }
            << QStringList { u"{mode: allowlist, hosts: [logs.example.com]}"_s,
                             u"{mode: allowlist, hosts: [logs.example.com]}"_s };

        // Excess: least privilege is broken.
        QTest::addRow("write for a report")
            << reportTask << QByteArray("capabilities: {repository: write}\n") << noSkill << u"excess"_s
            << QStringList { u"excess repository.write"_s } << QStringList { u"read"_s };
        QTest::addRow("repository nothing touches")
            << QByteArray("objective: Summarise the pasted text.\ncontext: [{text: some findings}]\n"
                          "expected_artifact: {kind: report}\n")
            << QByteArray("capabilities: {repository: read}\n") << noSkill << u"excess"_s
            << QStringList { u"excess repository.read"_s } << QStringList { u"none"_s };
        QTest::addRow("full network where none is needed")
            << reportTask << QByteArray("capabilities: {repository: read, network: full}\n") << noSkill
            << u"excess"_s << QStringList { u"excess network.full"_s } << QStringList { u"none"_s };
        QTest::addRow("full network where one host is needed")
            << reportTask + "context: [{url: 'https://logs.example.com/q'}]\n"
            << QByteArray("capabilities: {repository: read, network: full}\n") << noSkill << u"excess"_s
            << QStringList { u"excess network.full"_s }
            << QStringList { u"{mode: allowlist, hosts: [logs.example.com]}"_s };
        QTest::addRow("allowlisted host nothing reaches")
            << reportTask + "context: [{url: 'https://logs.example.com/q'}]\n"
            << QByteArray("capabilities:\n  repository: read\n  secrets: [LOGS_API_TOKEN]\n"
                          "  network: {mode: allowlist, hosts: [logs.example.com, git.example.com]}\n")
            << noSkill << u"excess"_s << QStringList { u"excess network.allowlist: git.example.com"_s }
            << QStringList { u"{mode: allowlist, hosts: [logs.example.com]}"_s };
        QTest::addRow("secret nothing uses")
            << reportTask
            << QByteArray("capabilities: {repository: read, secrets: [DEPLOY_TOKEN, GITHUB_TOKEN]}\n")
            << noSkill << u"excess"_s << QStringList { u"excess secrets: DEPLOY_TOKEN, GITHUB_TOKEN"_s }
            << QStringList { u"[]"_s };
        QTest::addRow("secret a verify command uses")
            << reportTask + "verify: ['test -n \"$DEPLOY_TOKEN\"']\n"
            << QByteArray("capabilities: {repository: read, secrets: [DEPLOY_TOKEN]}\n") << noSkill
            << u"aligned"_s << QStringList() << QStringList();
        QTest::addRow("secret that goes with a host")
            << reportTask + "context: [{url: 'https://api.github.com/repos/x/y/issues'}]\n"
            << QByteArray("capabilities:\n  repository: read\n  secrets: [GITHUB_TOKEN]\n"
                          "  network: {mode: allowlist, hosts: [api.github.com]}\n")
            << noSkill << u"aligned"_s << QStringList() << QStringList();
        QTest::addRow("tools nothing names")
            << reportTask + "verify: [make check]\n"
            << QByteArray("capabilities: {repository: read, tools: [make, jq, curl]}\n") << noSkill
            << u"excess"_s << QStringList { u"excess tools: jq, curl"_s } << QStringList { u"[make]"_s };
        QTest::addRow("tool the objective names")
            << QByteArray(reportTask)
                   .replace("write down the cause.", "write down the cause; query the JSON with jq.")
            << QByteArray("capabilities: {repository: read, tools: [jq]}\n") << noSkill << u"aligned"_s
            << QStringList() << QStringList();
        QTest::addRow("missing and excess on one field agree")
            << reportTask + "verify: [make check]\n"
            << QByteArray("capabilities: {repository: read, tools: [rg]}\n") << noSkill << u"missing"_s
            << QStringList { u"missing tools: make"_s, u"excess tools: rg"_s }
            << QStringList { u"[make]"_s, u"[make]"_s };

        // A skill's required capabilities are needs too.
        const QByteArray skill =
            R"({"name": "flaky-tests", "required_capabilities": {"repository": "read", "network": "full",
                "mounts": [{"host": "/var/cache/ccache", "sandbox": "/cache/ccache"}], "secrets": ["CI_TOKEN"]},
                "verify": ["ctest --repeat until-fail:5"]})";
        QTest::addRow("skill requirements")
            << reportTask << QByteArray("capabilities: {repository: read}\n") << skill << u"missing"_s
            << QStringList { u"missing network.full"_s, u"missing tools: ctest"_s,
                             u"missing mounts: /var/cache/ccache → /cache/ccache"_s,
                             u"missing secrets: CI_TOKEN"_s }
            << QStringList { u"full"_s, u"[ctest]"_s,
                             u"[{host: /var/cache/ccache, sandbox: /cache/ccache}]"_s, u"[CI_TOKEN]"_s };
    }

    void skillCommandsAreTemplates_data()
    {
        QTest::addColumn<QByteArray>("parameters");
        QTest::addColumn<QStringList>("tools");
        QTest::addRow("the task's value")
            << QByteArray("{test_command: python3 -m pytest -v}") << QStringList { u"python3"_s };
        QTest::addRow("the skill's default") << QByteArray("{}") << QStringList { u"ctest"_s };
    }

    void skillCommandsAreTemplates()
    {
        QFETCH(QByteArray, parameters);
        QFETCH(QStringList, tools);
        FieldErrors errors;
        const std::optional<Skill> skill = Skill::fromJson(
            QJsonDocument::fromJson(
                R"({"name": "flaky", "parameters": [{"name": "test_command", "default": "ctest"},
                                       {"name": "runs", "default": "10"}],
                                       "verify": ["{{test_command}}"],
                                       "playbook": [{"command": "{{test_command}} --repeat {{runs}}"},
                                                    {"command": "{{unknown}} x"}]})")
                .object(),
            &errors);
        QVERIFY2(skill, errors.isEmpty() ? "" : qPrintable(errors.constFirst().toString()));
        const CapabilityNeeds needs = CapabilityNeeds::of(
            task(reportTask + "skill: {name: flaky, parameters: " + parameters + "}\n"), &*skill);
        QStringList needed;
        for (const CapabilityNeed &need : needs.tools)
            needed.append(need.item);
        QCOMPARE(needed, tools);
    }

    void findings()
    {
        QFETCH(QByteArray, taskYaml);
        QFETCH(QByteArray, environmentYaml);
        QFETCH(QByteArray, skillJson);
        QFETCH(QString, verdict);
        QFETCH(QStringList, findings);
        QFETCH(QStringList, values);

        const TaskSpec spec = task(taskYaml);
        QVERIFY(!spec.objective.isEmpty());
        const EnvironmentProfile profile = environment(environmentYaml);
        QCOMPARE(profile.name, u"test"_s);
        std::optional<Skill> skill;
        if (!skillJson.isEmpty()) {
            FieldErrors errors;
            skill = Skill::fromJson(QJsonDocument::fromJson(skillJson).object(), &errors);
            QVERIFY2(skill, errors.isEmpty() ? "" : qPrintable(errors.constFirst().toString()));
        }

        const AlignmentReport report = AlignmentCheck::check(spec, profile, skill ? &*skill : nullptr);
        QCOMPARE(summaries(report), findings);
        QCOMPARE(enumToString(report.verdict), verdict);
        QStringList actualValues;
        for (const AlignmentFinding &finding : report.findings) {
            actualValues.append(finding.value);
            QVERIFY(!finding.explanation.isEmpty());
            QVERIFY2(
                finding.fix.contains(u'`' + finding.field.section(u'.', 1) + u": "_s + finding.value + u'`'),
                qPrintable(finding.fix));
        }
        QCOMPARE(actualValues, values);

        // Every fix is a concrete YAML change: with all of them applied, the
        // environment is aligned.
        const EnvironmentProfile fixed = withFixes(profile, report);
        const AlignmentReport after = AlignmentCheck::check(spec, fixed, skill ? &*skill : nullptr);
        QVERIFY2(after.findings.isEmpty(), qPrintable(summaries(after).join(u"; "_s)));
    }

    void aFixChangesOnlyItsField()
    {
        const EnvironmentProfile before =
            environment("description: keep me\ncapabilities: {repository: write, tools: [git, jq]}\n"
                        "limits: {wall_time: 45m}\n");
        AlignmentFinding finding;
        finding.field = u"capabilities.tools"_s;
        finding.value = u"[git]"_s;
        const std::optional<EnvironmentProfile> after = AlignmentFix::apply(finding, before);
        QVERIFY(after);
        EnvironmentProfile expected = before;
        expected.capabilities.tools = QStringList { u"git"_s };
        QCOMPARE(*after, expected);

        QString error;
        finding.field = u"limits.wall_time"_s;
        QVERIFY(!AlignmentFix::apply(finding, before, &error));
        QVERIFY2(error.contains(u"not a capability"), qPrintable(error));
        finding.field = u"capabilities.network"_s;
        finding.value = u"{mode: sideways}"_s;
        QVERIFY(!AlignmentFix::apply(finding, before, &error));
        QVERIFY2(error.contains(u"network"), qPrintable(error));
    }

    void explanationsSayWhy()
    {
        const AlignmentReport report =
            AlignmentCheck::check(task(reportTask + "verify: [make check]\nagent: {runtime: gemini}\n"),
                                  environment("capabilities: {repository: write, tools: [gemini, jq]}\n"));
        QCOMPARE(report.verdict, AlignmentVerdict::Missing);
        QStringList explanations;
        for (const AlignmentFinding &finding : report.findings)
            explanations.append(finding.explanation);
        const QString all = explanations.join(u'\n');
        QVERIFY2(all.contains(u"make (verify command `make check`)"_s), qPrintable(all));
        QVERIFY2(all.contains(u"one of GEMINI_API_KEY or GOOGLE_API_KEY"_s), qPrintable(all));
        QVERIFY2(all.contains(u"generativelanguage.googleapis.com"_s), qPrintable(all));
        QVERIFY2(all.contains(u"it returns no patch"_s), qPrintable(all));
        QVERIFY2(all.contains(u"Nothing in the task names jq"_s), qPrintable(all));
    }

    void notesWhatItCannotJudge()
    {
        const AlignmentReport report =
            AlignmentCheck::check(task(reportTask + "environment: other\nskill: {name: flaky-tests}\n"),
                                  environment("capabilities: {repository: read}\n"));
        QCOMPARE(report.verdict, AlignmentVerdict::Aligned);
        QCOMPARE(report.notes.size(), 2);
        QVERIFY(report.notes.at(0).contains(u"names the environment `other`; this one is `test`"_s));
        QVERIFY(report.notes.at(1).contains(u"skill `flaky-tests`"_s));
    }

    void examples_data()
    {
        QTest::addColumn<QString>("environmentFile");
        QTest::addColumn<QString>("taskFile");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QStringList>("findings");

        const QString checkout = u"checkout-investigation.yaml"_s;
        const QString reader = u"repository-reader.yaml"_s;
        const QString writer = u"build-host-writer.yaml"_s;
        // The bounded tasks against the environments they name.
        QTest::addRow("diagnosis in its environment")
            << checkout << u"diagnose-checkout-timeout.yaml"_s << u"excess"_s
            << QStringList { u"excess network.allowlist: git.example.com"_s,
                             u"excess tools: git, rg, jq, curl"_s };
        QTest::addRow("harness review in its environment")
            << reader << u"review-agent-harness.yaml"_s << u"missing"_s
            << QStringList { u"missing network.allowlist: api.openai.com"_s, u"missing tools: codex"_s,
                             u"missing secrets: OPENAI_API_KEY"_s, u"excess tools: git, rg, python3"_s };
        QTest::addRow("issue drafts in their environment")
            << reader << u"audit-findings-to-issues.yaml"_s << u"missing"_s
            << QStringList { u"missing network.allowlist: api.anthropic.com"_s, u"missing tools: claude"_s,
                             u"missing secrets: ANTHROPIC_API_KEY"_s,
                             u"excess tools: git, rg, make, python3"_s };
        // The same tasks elsewhere.
        QTest::addRow("diagnosis with the reader")
            << reader << u"diagnose-checkout-timeout.yaml"_s << u"missing"_s
            << QStringList { u"missing network.allowlist: logs.example.com"_s,
                             u"excess tools: git, rg, make, python3"_s };
        QTest::addRow("diagnosis with the writer")
            << writer << u"diagnose-checkout-timeout.yaml"_s << u"missing"_s
            << QStringList { u"missing network.allowlist: logs.example.com"_s, u"excess repository.write"_s,
                             u"excess network.allowlist: mirror.example.com"_s,
                             u"excess tools: git, cmake, ninja, ctest, clang-format"_s };
        QTest::addRow("harness review with the investigation environment")
            << checkout << u"review-agent-harness.yaml"_s << u"missing"_s
            << QStringList { u"missing network.allowlist: api.openai.com"_s,
                             u"missing tools: make, codex"_s,
                             u"missing secrets: OPENAI_API_KEY"_s,
                             u"excess network.allowlist: logs.example.com, git.example.com"_s,
                             u"excess tools: git, rg, jq, curl"_s,
                             u"excess secrets: LOGS_API_TOKEN"_s };
        // The unbounded examples ask for nothing in particular, so everything
        // an environment grants is excess.
        QTest::addRow("unbounded request with the investigation environment")
            << checkout << u"fix-production-error.yaml"_s << u"excess"_s
            << QStringList { u"excess repository.read"_s,
                             u"excess network.allowlist: logs.example.com, git.example.com"_s,
                             u"excess tools: git, rg, jq, curl"_s, u"excess secrets: LOGS_API_TOKEN"_s };
        QTest::addRow("unbounded request with the reader")
            << reader << u"improve-agent-workflow.yaml"_s << u"excess"_s
            << QStringList { u"excess repository.read"_s, u"excess tools: git, rg, make, python3"_s };
        QTest::addRow("unbounded request with the writer")
            << writer << u"file-these-issues.yaml"_s << u"excess"_s
            << QStringList { u"excess repository.write"_s, u"excess network.allowlist: mirror.example.com"_s,
                             u"excess tools: git, cmake, ninja, ctest, clang-format"_s };
    }

    void examples()
    {
        QFETCH(QString, environmentFile);
        QFETCH(QString, taskFile);
        QFETCH(QString, verdict);
        QFETCH(QStringList, findings);
        const LoadResult<EnvironmentProfile> profile =
            EnvironmentYaml::load(example(u"environments"_s, environmentFile));
        QVERIFY(profile.ok());
        const LoadResult<TaskSpec> spec = TaskYaml::load(example(u"tasks"_s, taskFile));
        QVERIFY(spec.ok());
        const AlignmentReport report = AlignmentCheck::check(*spec.value, *profile.value);
        QCOMPARE(summaries(report), findings);
        QCOMPARE(enumToString(report.verdict), verdict);
        const AlignmentReport after = AlignmentCheck::check(*spec.value, withFixes(*profile.value, report));
        QVERIFY2(after.findings.isEmpty(), qPrintable(summaries(after).join(u"; "_s)));
    }

    // Every example environment against every example task gives a verdict
    // and findings that name a capability of the catalogue.
    void everyExamplePairIsJudged()
    {
        const QStringList environments =
            QDir(example(u"environments"_s, {})).entryList({ u"*.yaml"_s }, QDir::Files, QDir::Name);
        const QStringList tasks =
            QDir(example(u"tasks"_s, {})).entryList({ u"*.yaml"_s }, QDir::Files, QDir::Name);
        QCOMPARE(environments.size(), 4);
        QCOMPARE(tasks.size(), 6);
        for (const QString &environmentFile : environments) {
            const LoadResult<EnvironmentProfile> profile =
                EnvironmentYaml::load(example(u"environments"_s, environmentFile));
            QVERIFY(profile.ok());
            for (const QString &taskFile : tasks) {
                const LoadResult<TaskSpec> spec = TaskYaml::load(example(u"tasks"_s, taskFile));
                QVERIFY(spec.ok());
                const AlignmentReport report = AlignmentCheck::check(*spec.value, *profile.value);
                QCOMPARE(report.verdict == AlignmentVerdict::Aligned, report.findings.isEmpty());
                for (const AlignmentFinding &finding : report.findings)
                    QVERIFY(!CapabilityCatalogue::info(finding.capability).title.isEmpty());
                const AlignmentReport after =
                    AlignmentCheck::check(*spec.value, withFixes(*profile.value, report));
                QVERIFY2(after.findings.isEmpty(),
                         qPrintable(environmentFile + u" / "_s + taskFile + u": "_s
                                    + summaries(after).join(u"; "_s)));
            }
        }
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestAlignmentCheck)
#include "tst_alignmentcheck.moc"
