// SPDX-License-Identifier: GPL-3.0-or-later
// report.write_file on a real file system: files land inside the chosen
// directory, and paths that lead out of it are refused before anything is
// written.
#include "engine/actions/actionexecutor.h"
#include "engine/actions/memorysecretsource.h"

#include <QCoro/QCoroTask>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

const QString kReport = u"# Flaky login test\n\nThe fixture's server starts too late.\n"_s;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void writeFile(const QString &path, const QByteArray &contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(contents);
}

} // namespace

class TestReportFile final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_reports; // the chosen directory
    MemorySecretSource m_secrets;

    ActionRequest request(const QString &path, bool overwrite = false, const QString &directory = {}) const
    {
        ActionRequest request;
        request.runId = u"run-3"_s;
        request.kind = ActionKind::ReportWriteFile;
        request.artifact.runId = u"run-3"_s;
        request.artifact.content = ReportContent { kReport };
        request.parameters = { { u"directory"_s, directory.isEmpty() ? m_reports : directory },
                               { u"path"_s, path } };
        if (overwrite)
            request.parameters.insert(u"overwrite"_s, true);
        return request;
    }

    ActionPreview preview(const ActionRequest &request) const
    {
        const ActionExecutor executor(m_secrets);
        return QCoro::waitFor(executor.preview(request));
    }
    ActionResult execute(const ActionRequest &request) const
    {
        const ActionExecutor executor(m_secrets);
        return QCoro::waitFor(executor.execute(request));
    }

    // Every file below the temporary directory, so a refused write can be
    // shown to have left nothing anywhere.
    QStringList allFiles() const
    {
        QStringList files;
        QDirIterator it(m_dir->path(), QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(it.next());
        files.sort();
        return files;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_reports = m_dir->filePath(u"reports"_s);
        QVERIFY(QDir().mkpath(m_reports));
        QVERIFY(QDir().mkpath(m_dir->filePath(u"outside"_s)));
        QVERIFY(QFile::link(m_dir->filePath(u"outside"_s), m_reports + u"/link-out"_s));
        QVERIFY(QDir().mkpath(m_reports + u"/inner"_s));
        QVERIFY(QFile::link(m_reports + u"/inner"_s, m_reports + u"/link-in"_s));
    }

    void cleanup() { m_dir.reset(); }

    void writesInside_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("written");
        QTest::addRow("plain name") << u"report.md"_s << u"report.md"_s;
        QTest::addRow("new subdirectories") << u"2024/05/report.md"_s << u"2024/05/report.md"_s;
        QTest::addRow("dots that stay inside") << u"a/./b/../report.md"_s << u"a/report.md"_s;
        QTest::addRow("link that stays inside") << u"link-in/report.md"_s << u"inner/report.md"_s;
    }
    void writesInside()
    {
        QFETCH(QString, path);
        QFETCH(QString, written);
        const ActionPreview previewed = preview(request(path));
        QVERIFY2(previewed.ready, qPrintable(previewed.problems.join(u' ')));
        QCOMPARE(previewed.details.value("path"_L1).toString(), m_reports + u'/' + QDir::cleanPath(path));
        QVERIFY(!QFileInfo::exists(m_reports + u'/' + written));

        const ActionResult result = execute(request(path));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(readFile(m_reports + u'/' + written), kReport.toUtf8());
        QCOMPARE(result.path, m_reports + u'/' + QDir::cleanPath(path));
    }

    void refusesEscapes_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");
        QTest::addRow("parent") << u"../escaped.md"_s << u"; give a path inside it"_s;
        QTest::addRow("parent after a subdirectory")
            << u"sub/../../escaped.md"_s << u"; give a path inside it"_s;
        QTest::addRow("deep parents")
            << u"../../../../../../tmp/escaped.md"_s << u"; give a path inside it"_s;
        QTest::addRow("absolute") << u"/tmp/escaped.md"_s << u"must be relative"_s;
        QTest::addRow("home") << u"~/escaped.md"_s << u"must be relative"_s;
        QTest::addRow("link that leads out") << u"link-out/escaped.md"_s << u"symbolic link that leads out"_s;
        QTest::addRow("the directory itself") << u"."_s << u"; give a path inside it"_s;
        QTest::addRow("empty") << QString() << u"parameters.path is missing"_s;
    }
    void refusesEscapes()
    {
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const QStringList before = allFiles();

        const ActionPreview previewed = preview(request(path));
        QVERIFY(!previewed.ready);
        QVERIFY2(previewed.problems.join(u' ').contains(expected), qPrintable(previewed.problems.join(u' ')));
        const ActionResult result = execute(request(path));
        QVERIFY(!result.ok);
        QVERIFY2(result.message.startsWith(u"Nothing was written: "_s), qPrintable(result.message));
        QVERIFY2(result.message.contains(expected), qPrintable(result.message));
        QCOMPARE(allFiles(), before);
        QVERIFY(!QFileInfo::exists(m_dir->filePath(u"escaped.md"_s)));
    }

    void existingFiles()
    {
        const QString target = m_reports + u"/report.md"_s;
        writeFile(target, "an older report\n");

        ActionResult result = execute(request(u"report.md"_s));
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(u"set parameters.overwrite to true"_s), qPrintable(result.message));
        QCOMPARE(readFile(target), QByteArray("an older report\n"));

        result = execute(request(u"report.md"_s, true));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(readFile(target), kReport.toUtf8());

        // The same report again is done already, overwrite or not.
        result = execute(request(u"report.md"_s));
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(result.message.contains(u"already holds this report"_s));
    }

    void directoryMustExist()
    {
        const ActionResult result = execute(request(u"report.md"_s, false, m_dir->filePath(u"missing"_s)));
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(u"is not an existing directory; create it first"_s),
                 qPrintable(result.message));
        QVERIFY(!QFileInfo::exists(m_dir->filePath(u"missing"_s)));
    }

    void onlyReports()
    {
        ActionRequest patch = request(u"report.md"_s);
        patch.artifact.content = PatchContent {};
        const ActionResult result = execute(patch);
        QVERIFY(!result.ok);
        QVERIFY2(result.message.contains(u"report.write_file takes a report artifact; this one is a patch"_s),
                 qPrintable(result.message));
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestReportFile)
#include "tst_reportfile.moc"
