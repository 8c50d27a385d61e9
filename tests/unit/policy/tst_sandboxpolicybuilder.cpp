// SPDX-License-Identifier: GPL-3.0-or-later
// The capability -> sandbox policy mapping: each grant, added alone to an
// environment that grants nothing, changes exactly the policy fields it should
// and nothing else; what cannot be mapped is an error at the field to fix; and
// the policies do what they say in real bubblewrap.
#include "domain/environmentyaml.h"
#include "policy/environmentsecretprovider.h"
#include "policy/sandboxpolicybuilder.h"
#include "sandbox/localsandbox.h"

#include <QCoro/QCoroTask>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <functional>
#include <map>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QString mountsText(const QList<SandboxMount> &mounts)
{
    QStringList parts;
    for (const SandboxMount &mount : mounts)
        parts.append(mount.hostPath + u" -> "_s + mount.sandboxPath);
    return parts.join(u", "_s);
}

QString mapText(const QMap<QString, QString> &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        parts.append(it.key() + u'=' + it.value());
    return parts.join(u", "_s);
}

QString networkModeText(SandboxNetworkMode mode)
{
    switch (mode) {
    case SandboxNetworkMode::None:
        return u"none"_s;
    case SandboxNetworkMode::Full:
        return u"full"_s;
    case SandboxNetworkMode::Allowlist:
        return u"allowlist"_s;
    }
    return {};
}

// Every field of a SandboxPolicy, as text. A field added to SandboxPolicy
// belongs here too, so that the grant tests see it.
const std::map<QString, std::function<QString(const SandboxPolicy &)>> &policyFields()
{
    static const std::map<QString, std::function<QString(const SandboxPolicy &)>> fields = {
        { u"workspaceDir"_s,
          [](const SandboxPolicy &p) {
              return p.workspaceDir;
          } },
        { u"readOnlyMounts"_s,
          [](const SandboxPolicy &p) {
              return mountsText(p.readOnlyMounts);
          } },
        { u"network.mode"_s,
          [](const SandboxPolicy &p) {
              return networkModeText(p.network.mode);
          } },
        { u"network.allowedHosts"_s,
          [](const SandboxPolicy &p) {
              return p.network.allowedHosts.join(u", "_s);
          } },
        { u"environment"_s,
          [](const SandboxPolicy &p) {
              return mapText(p.environment);
          } },
        { u"secrets"_s,
          [](const SandboxPolicy &p) {
              return mapText(p.secrets);
          } },
        { u"toolDirs"_s,
          [](const SandboxPolicy &p) {
              return p.toolDirs.join(u", "_s);
          } },
        { u"limits.cpuTime"_s,
          [](const SandboxPolicy &p) {
              return QString::number(p.limits.cpuTime.count());
          } },
        { u"limits.memoryBytes"_s,
          [](const SandboxPolicy &p) {
              return QString::number(p.limits.memoryBytes);
          } },
        { u"limits.maxProcesses"_s,
          [](const SandboxPolicy &p) {
              return QString::number(p.limits.maxProcesses);
          } },
        { u"limits.maxFileSizeBytes"_s,
          [](const SandboxPolicy &p) {
              return QString::number(p.limits.maxFileSizeBytes);
          } },
        { u"limits.maxOutputBytes"_s,
          [](const SandboxPolicy &p) {
              return QString::number(p.limits.maxOutputBytes);
          } },
        { u"limits.wallTime"_s,
          [](const SandboxPolicy &p) {
              return QString::number(p.limits.wallTime.count());
          } },
        { u"limits.tmpSizeBytes"_s,
          [](const SandboxPolicy &p) {
              return QString::number(p.limits.tmpSizeBytes);
          } },
        { u"limits.homeSizeBytes"_s,
          [](const SandboxPolicy &p) {
              return QString::number(p.limits.homeSizeBytes);
          } },
        { u"limits.shmSizeBytes"_s,
          [](const SandboxPolicy &p) {
              return QString::number(p.limits.shmSizeBytes);
          } },
    };
    return fields;
}

// field -> value in `changed` wherever it differs from `base`.
QMap<QString, QString> changedFields(const SandboxPolicy &base, const SandboxPolicy &changed)
{
    QMap<QString, QString> differences;
    for (const auto &[name, value] : policyFields()) {
        if (value(base) != value(changed))
            differences.insert(name, value(changed));
    }
    return differences;
}

} // namespace

class TestSandboxPolicyBuilder : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QString m_empty; // a workspace for environments without repository access
    QString m_checkout; // a workspace with a few entries
    QString m_toolDir; // holds delegate-test-tool, outside the system directories
    QString m_runbooks; // a host directory to mount
    QProcessEnvironment m_processEnvironment;
    std::unique_ptr<EnvironmentSecretProvider> m_secrets;

    QString makeDir(const QString &name)
    {
        const QString path = m_root.filePath(name);
        QDir().mkpath(path);
        return path;
    }

    static void writeFile(const QString &path, const QByteArray &contents,
                          QFile::Permissions permissions = {})
    {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
        file.write(contents);
        file.close();
        if (permissions)
            file.setPermissions(permissions);
    }

    SandboxPolicyBuilder builder() const
    {
        return SandboxPolicyBuilder(*m_secrets, ToolLocator({ m_toolDir }, { u"/usr/bin"_s, u"/bin"_s }));
    }

    static EnvironmentProfile environment(const QByteArray &yaml)
    {
        const LoadResult<EnvironmentProfile> loaded =
            EnvironmentYaml::parse("name: minimal\n" + yaml, u"test.yaml"_s);
        if (!loaded.ok()) {
            for (const SourceError &error : loaded.errors)
                qWarning("%s", qPrintable(error.toString()));
            return {};
        }
        return *loaded.value;
    }

    QString substituted(QString text) const
    {
        return text.replace(u"{checkout}"_s, m_checkout)
            .replace(u"{empty}"_s, m_empty)
            .replace(u"{tooldir}"_s, m_toolDir)
            .replace(u"{runbooks}"_s, m_runbooks);
    }

    ExecResult runIn(const SandboxPolicy &policy, const QString &script)
    {
        LocalSandbox sandbox;
        auto prepared = QCoro::waitFor(sandbox.prepare(policy));
        if (!prepared) {
            ExecResult failed;
            failed.error = prepared.error();
            return failed;
        }
        std::unique_ptr<SandboxSession> session = prepared.takeValue();
        ExecRequest request;
        request.argv = { u"/bin/sh"_s, u"-c"_s, script };
        ExecResult result = QCoro::waitFor(session->exec(request));
        QCoro::waitFor(session->teardown());
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_root.isValid());
        // Commands run as another host user when the tests run as root: every
        // directory they need must be passable.
        ::chmod(QFile::encodeName(m_root.path()).constData(), 0711);
        m_empty = makeDir(u"empty"_s);
        m_checkout = makeDir(u"checkout"_s);
        QDir().mkpath(m_checkout + u"/.git"_s);
        QDir().mkpath(m_checkout + u"/src"_s);
        writeFile(m_checkout + u"/readme.md"_s, "read me\n");
        writeFile(m_checkout + u"/src/main.c"_s, "int main(void) { return 0; }\n");
        m_toolDir = makeDir(u"tools"_s);
        writeFile(m_toolDir + u"/delegate-test-tool"_s, "#!/bin/sh\necho tool ran\n",
                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                      | QFile::ReadOther | QFile::ExeOther);
        m_runbooks = makeDir(u"runbooks"_s);
        m_processEnvironment.insert(u"PATH"_s, u"/usr/bin:/bin"_s);
        m_processEnvironment.insert(u"DELEGATE_TEST_SECRET"_s, u"s3cr3t-value"_s);
        m_secrets = std::make_unique<EnvironmentSecretProvider>(m_processEnvironment);
    }

    void minimalEnvironmentGrantsNothing()
    {
        const PolicyBuild build = builder().build(environment(QByteArray()), m_empty);
        QVERIFY2(build.ok(),
                 build.problems.isEmpty() ? "" : qPrintable(build.problems.constFirst().toString()));
        QVERIFY(build.caveats.isEmpty());
        const SandboxPolicy &policy = *build.policy;
        QCOMPARE(policy.workspaceDir, m_empty);
        QVERIFY(policy.readOnlyMounts.isEmpty());
        QCOMPARE(policy.network.mode, SandboxNetworkMode::None);
        QVERIFY(policy.network.allowedHosts.isEmpty());
        QVERIFY(policy.environment.isEmpty());
        QVERIFY(policy.secrets.isEmpty());
        QVERIFY(policy.toolDirs.isEmpty());
        // Unset limits are the sandbox's defaults.
        QVERIFY(changedFields(SandboxPolicy::forWorkspace(m_empty), policy).isEmpty());
    }

    void eachGrantChangesOnlyItsFields_data()
    {
        QTest::addColumn<QByteArray>("grant");
        QTest::addColumn<QString>("workspace");
        // field=value for every field that differs from the minimal policy.
        QTest::addColumn<QStringList>("expected");

        QTest::addRow("repository: read")
            << QByteArray("capabilities:\n  repository: read\n") << u"{checkout}"_s
            << QStringList { u"workspaceDir={checkout}"_s,
                             u"readOnlyMounts={checkout}/.git -> /workspace/.git, {checkout}/readme.md -> "
                             "/workspace/readme.md, {checkout}/src -> /workspace/src"_s };
        QTest::addRow("repository: write") << QByteArray("capabilities:\n  repository: write\n")
                                           << u"{checkout}"_s << QStringList { u"workspaceDir={checkout}"_s };
        QTest::addRow("network: full") << QByteArray("capabilities:\n  network: full\n") << u"{empty}"_s
                                       << QStringList { u"network.mode=full"_s };
        QTest::addRow("network: allowlist")
            << QByteArray("capabilities:\n  network: {mode: allowlist, hosts: [logs.example.com, "
                          "\"*.example.org\"]}\n")
            << u"{empty}"_s
            << QStringList { u"network.mode=allowlist"_s,
                             u"network.allowedHosts=logs.example.com, *.example.org"_s };
        QTest::addRow("tool outside the system directories")
            << QByteArray("capabilities:\n  tools: [delegate-test-tool]\n") << u"{empty}"_s
            << QStringList { u"toolDirs={tooldir}"_s };
        // /usr/bin and /bin are on every command's PATH: the grant checks the
        // tool exists and records that the work uses it, nothing more.
        QTest::addRow("tool in a system directory")
            << QByteArray("capabilities:\n  tools: [sh]\n") << u"{empty}"_s << QStringList();
        QTest::addRow("mount") << QByteArray(
            "capabilities:\n  mounts:\n    - host: {runbooks}\n      sandbox: "
            "/mnt/runbooks\n") << u"{empty}"_s
                               << QStringList { u"readOnlyMounts={runbooks} -> /mnt/runbooks"_s };
        QTest::addRow("secret") << QByteArray("capabilities:\n  secrets: [DELEGATE_TEST_SECRET]\n")
                                << u"{empty}"_s
                                << QStringList { u"secrets=DELEGATE_TEST_SECRET=s3cr3t-value"_s };
        QTest::addRow("cpu_time") << QByteArray("limits:\n  cpu_time: 20m\n") << u"{empty}"_s
                                  << QStringList { u"limits.cpuTime=1200"_s };
        QTest::addRow("memory_mb") << QByteArray("limits:\n  memory_mb: 2048\n") << u"{empty}"_s
                                   << QStringList { u"limits.memoryBytes=2147483648"_s };
        QTest::addRow("processes") << QByteArray("limits:\n  processes: 64\n") << u"{empty}"_s
                                   << QStringList { u"limits.maxProcesses=64"_s };
        QTest::addRow("file_size_mb") << QByteArray("limits:\n  file_size_mb: 256\n") << u"{empty}"_s
                                      << QStringList { u"limits.maxFileSizeBytes=268435456"_s };
        QTest::addRow("output_kb") << QByteArray("limits:\n  output_kb: 2048\n") << u"{empty}"_s
                                   << QStringList { u"limits.maxOutputBytes=2097152"_s };
        QTest::addRow("wall_time") << QByteArray("limits:\n  wall_time: 45m\n") << u"{empty}"_s
                                   << QStringList { u"limits.wallTime=2700000"_s };
    }

    void eachGrantChangesOnlyItsFields()
    {
        QFETCH(QByteArray, grant);
        QFETCH(QString, workspace);
        QFETCH(QStringList, expected);

        const PolicyBuild minimal = builder().build(environment(QByteArray()), m_empty);
        QVERIFY(minimal.ok());
        const EnvironmentProfile granted = environment(substituted(QString::fromUtf8(grant)).toUtf8());
        QVERIFY(granted != EnvironmentProfile {});
        const PolicyBuild build = builder().build(granted, substituted(workspace));
        QVERIFY2(build.ok(),
                 build.problems.isEmpty() ? "" : qPrintable(build.problems.constFirst().toString()));

        const QMap<QString, QString> changed = changedFields(*minimal.policy, *build.policy);
        QStringList actual;
        for (auto it = changed.cbegin(); it != changed.cend(); ++it)
            actual.append(it.key() + u'=' + it.value());
        QStringList wanted;
        for (const QString &field : std::as_const(expected))
            wanted.append(substituted(field));
        wanted.sort();
        QCOMPARE(actual, wanted);
    }

    void problemsNameTheFieldAndTheFix_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<QStringList>("problems"); // "field: fragment|fragment"

        QTest::addRow("tool not found")
            << QByteArray("capabilities:\n  tools: [sh, delegate-no-such-tool]\n") << u"{empty}"_s
            << QStringList { u"capabilities.tools[1]: `delegate-no-such-tool` was not found|in the tool "
                             "directories ({tooldir})|on PATH (/usr/bin:/bin)"_s };
        QTest::addRow("tool given as a path")
            << QByteArray("capabilities:\n  tools: [/usr/bin/git]\n") << u"{empty}"_s
            << QStringList { u"capabilities.tools[0]: `/usr/bin/git` is not a program name"_s };
        QTest::addRow("secret without a value")
            << QByteArray("capabilities:\n  secrets: [DELEGATE_TEST_SECRET, DELEGATE_UNSET_SECRET]\n")
            << u"{empty}"_s
            << QStringList { u"capabilities.secrets[1]: `DELEGATE_UNSET_SECRET` is granted but has no value|"
                             "export DELEGATE_UNSET_SECRET"_s };
        QTest::addRow("mount source missing")
            << QByteArray(
                   "capabilities:\n  mounts: [{host: /nonexistent/runbooks, sandbox: /mnt/runbooks}]\n")
            << u"{empty}"_s
            << QStringList {
                   u"capabilities.mounts[0].host: `/nonexistent/runbooks` does not exist on this host"_s
               };
        QTest::addRow("mount over the sandbox's own directory")
            << QByteArray("capabilities:\n  mounts: [{host: {runbooks}, sandbox: /usr}]\n") << u"{empty}"_s
            << QStringList {
                   u": read-only mount target '/usr' would cover a directory the sandbox provides"_s
               };
        QTest::addRow("no repository access, but a checkout")
            << QByteArray() << u"{checkout}"_s
            << QStringList {
                   u"capabilities.repository: no repository access|run in an empty workspace|give an "
                   "empty directory, or grant `repository: read`"_s
               };
        QTest::addRow("workspace missing")
            << QByteArray("capabilities:\n  repository: write\n") << u"{empty}/absent"_s
            << QStringList { u": the workspace `{empty}/absent` is not a directory"_s };
        QTest::addRow("every problem at once")
            << QByteArray(
                   "capabilities:\n  tools: [delegate-no-such-tool]\n  secrets: [DELEGATE_UNSET_SECRET]\n")
            << u"{empty}"_s
            << QStringList { u"capabilities.tools[0]: delegate-no-such-tool"_s,
                             u"capabilities.secrets[0]: DELEGATE_UNSET_SECRET"_s };
    }

    void problemsNameTheFieldAndTheFix()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, workspace);
        QFETCH(QStringList, problems);
        const PolicyBuild build = builder().build(environment(substituted(QString::fromUtf8(yaml)).toUtf8()),
                                                  substituted(workspace));
        QVERIFY(!build.ok());
        QCOMPARE(build.problems.size(), problems.size());
        for (qsizetype i = 0; i < problems.size(); ++i) {
            const QString expected = substituted(problems.at(i));
            const QString field = expected.section(u": "_s, 0, 0);
            const QStringList fragments = expected.section(u": "_s, 1).split(u'|');
            const PolicyProblem &problem = build.problems.at(i);
            QCOMPARE(problem.field, field);
            for (const QString &fragment : fragments)
                QVERIFY2(problem.message.contains(fragment),
                         qPrintable(problem.message + u" lacks "_s + fragment));
        }
    }

    void toolsAreFoundInToolDirectoriesFirst()
    {
        // A tool directory that shadows a system tool wins, as it does on PATH.
        QTemporaryDir shadow;
        QVERIFY(shadow.isValid());
        writeFile(shadow.filePath(u"sh"_s), "#!/bin/sh\n", QFile::ReadOwner | QFile::ExeOwner);
        const ToolLocator locator({ shadow.path() }, { u"/usr/bin"_s, u"/bin"_s });
        QCOMPARE(locator.locate(u"sh"_s), std::optional<QString>(shadow.filePath(u"sh"_s)));
        QVERIFY(!locator.locate(u"delegate-no-such-tool"_s));
        // A file that is not executable is not a tool.
        writeFile(shadow.filePath(u"plain"_s), "", QFile::ReadOwner);
        QVERIFY(!locator.locate(u"plain"_s));
        QVERIFY(!ToolLocator({}, { u"/usr/bin"_s }).locate(u"../bin/sh"_s));
        // Relative PATH entries depend on the engine's working directory.
        QProcessEnvironment env;
        env.insert(u"PATH"_s, u"bin::/usr/bin:relative"_s);
        QCOMPARE(ToolLocator::fromEnvironment(env).searchPath(), QStringList { u"/usr/bin"_s });
    }

    void readOnlyRepositoryNotes()
    {
        QTemporaryDir withLink;
        QVERIFY(withLink.isValid());
        writeFile(withLink.filePath(u"file"_s), "x");
        QVERIFY(QFile::link(u"file"_s, withLink.filePath(u"link"_s)));
        const PolicyBuild build =
            builder().build(environment("capabilities:\n  repository: read\n"), withLink.path());
        QVERIFY(build.ok());
        // A symlink is never bound: bwrap would resolve it on the host.
        QCOMPARE(mountsText(build.policy->readOnlyMounts),
                 withLink.filePath(u"file"_s) + u" -> /workspace/file"_s);
        QCOMPARE(build.caveats.size(), 2);
        QVERIFY(build.caveats.at(0).contains(u"new files can still be created at its top level"_s));
        QVERIFY(build.caveats.at(1).endsWith(u"can be replaced: link"_s));
    }

    // What SandboxPolicy offers for a read-only workspace: nothing direct, and
    // a read-only mount at /workspace itself is refused.
    void readOnlyMountOverTheWorkspaceIsRefused()
    {
        SandboxPolicy policy = SandboxPolicy::forWorkspace(m_checkout);
        policy.readOnlyMounts.append(SandboxMount { m_checkout, SandboxPolicy::workspacePath() });
        const std::optional<SandboxError> invalid = policy.validate();
        QVERIFY(invalid);
        QVERIFY2(
            invalid->message.contains(u"'/workspace' would cover a directory the sandbox provides itself"_s),
            qPrintable(invalid->message));
    }

    void repositoryAccessInTheSandbox_data()
    {
        QTest::addColumn<QByteArray>("repository");
        QTest::addColumn<QString>("expectedOutput");
        QTest::addColumn<QByteArray>("readmeAfter");
        QTest::addRow("read") << QByteArray("read") << u"read me\n"_s << QByteArray("read me\n");
        QTest::addRow("write") << QByteArray("write")
                               << u"appended\ncreated-inside\nremoved\nread me\nchanged\n"_s
                               << QByteArray("read me\nchanged\n");
    }

    void repositoryAccessInTheSandbox()
    {
        QFETCH(QByteArray, repository);
        QFETCH(QString, expectedOutput);
        QFETCH(QByteArray, readmeAfter);
        QTemporaryDir checkout(m_root.filePath(u"ws-XXXXXX"_s));
        QVERIFY(checkout.isValid());
        ::chmod(QFile::encodeName(checkout.path()).constData(), 0755);
        QDir().mkpath(checkout.filePath(u"src"_s));
        writeFile(checkout.filePath(u"readme.md"_s), "read me\n");
        writeFile(checkout.filePath(u"src/main.c"_s), "int main(void) { return 0; }\n");

        const PolicyBuild build = builder().build(
            environment("capabilities:\n  repository: " + repository + "\n"), checkout.path());
        QVERIFY(build.ok());
        const ExecResult result = runIn(*build.policy,
                                        u"echo changed >> readme.md 2>/dev/null && echo appended; "
                                        "echo new 2>/dev/null > src/new.c && echo created-inside; "
                                        "rm -r src 2>/dev/null && echo removed; cat readme.md"_s);
        QVERIFY2(!result.error, result.error ? qPrintable(result.error->message) : "");
        QCOMPARE(QString::fromUtf8(result.stdoutData), expectedOutput);
        QFile readme(checkout.filePath(u"readme.md"_s));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        QCOMPARE(readme.readAll(), readmeAfter);
        QCOMPARE(QFileInfo::exists(checkout.filePath(u"src/main.c"_s)), repository == "read");
    }

    void toolFromAToolDirectoryRuns()
    {
        const PolicyBuild build =
            builder().build(environment("capabilities:\n  tools: [delegate-test-tool]\n"), m_empty);
        QVERIFY(build.ok());
        const ExecResult result = runIn(*build.policy, u"delegate-test-tool"_s);
        QVERIFY2(result.succeeded(),
                 result.error ? qPrintable(result.error->message) : result.stderrData.constData());
        QCOMPARE(result.stdoutData, QByteArray("tool ran\n"));

        // Without the grant the same command is not there.
        const PolicyBuild without = builder().build(environment(QByteArray()), m_empty);
        const ExecResult missing = runIn(*without.policy, u"delegate-test-tool"_s);
        QCOMPARE(missing.exitCode, 127);
    }

    void limitsMapUnitByUnit()
    {
        ResourceLimits limits;
        limits.memoryMb = 1;
        limits.fileSizeMb = 3;
        limits.outputKb = 5;
        limits.processes = qint64(1) << 40;
        const SandboxLimits mapped = SandboxPolicyBuilder::limitsFor(limits);
        QCOMPARE(mapped.memoryBytes, qint64(1) << 20);
        QCOMPARE(mapped.maxFileSizeBytes, qint64(3) << 20);
        QCOMPARE(mapped.maxOutputBytes, qint64(5) << 10);
        QCOMPARE(mapped.maxProcesses, std::numeric_limits<int>::max());
        QCOMPARE(mapped.wallTime, SandboxLimits {}.wallTime);
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestSandboxPolicyBuilder)
#include "tst_sandboxpolicybuilder.moc"
