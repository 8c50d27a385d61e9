// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/reportfileaction.h"

#include "engine/actions/actionparameters.h"
#include "engine/actions/confinedpath.h"
#include "engine/actions/requestchecks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

struct FilePlan
{
    QStringList problems;
    QString path;
    QByteArray contents;
    bool overwrite = false;
    bool exists = false;
    bool identical = false;
};

FilePlan plan(const ActionRequest &request)
{
    FilePlan plan;
    plan.problems = RequestChecks::artifact(request, { ArtifactKind::Report });
    ActionParameters parameters(request.parameters);
    const QString directory = parameters.text("directory"_L1);
    const QString relative = parameters.text("path"_L1);
    plan.overwrite = parameters.boolean("overwrite"_L1, false);
    plan.problems += parameters.problems();
    if (const ReportContent *report = std::get_if<ReportContent>(&request.artifact.content)) {
        plan.contents = report->markdown.toUtf8();
        if (!plan.contents.endsWith('\n'))
            plan.contents += '\n';
    }
    const ConfinedPath target = ConfinedPath::resolve(directory, relative);
    if (!target.problem.isEmpty()) {
        plan.problems.append(target.problem);
        return plan;
    }
    plan.path = target.path;
    QFile existing(plan.path);
    plan.exists = existing.exists();
    if (plan.exists && existing.open(QIODevice::ReadOnly))
        plan.identical = existing.readAll() == plan.contents;
    if (plan.exists && !plan.identical && !plan.overwrite)
        plan.problems.append(
            u"%1 exists with other contents: set parameters.overwrite to true to replace it, or "
            u"choose another parameters.path"_s.arg(plan.path));
    return plan;
}

} // namespace

QCoro::Task<ActionPreview> ReportFileAction::preview(ActionRequest request, ActionContext)
{
    const FilePlan filePlan = plan(request);
    ActionPreview preview;
    preview.kind = ActionKind::ReportWriteFile;
    preview.problems = filePlan.problems;
    preview.ready = filePlan.problems.isEmpty();
    preview.details = QJsonObject {
        { u"path"_s, filePlan.path },
        { u"bytes"_s, filePlan.contents.size() },
        { u"exists"_s, filePlan.exists },
        { u"overwrite"_s, filePlan.overwrite },
        { u"contents"_s, QString::fromUtf8(filePlan.contents) },
    };
    preview.summary = filePlan.exists && !filePlan.identical
        ? u"Replace %1 with the report (%2 bytes)."_s.arg(filePlan.path).arg(filePlan.contents.size())
        : u"Write the report (%2 bytes) to %1."_s.arg(filePlan.path).arg(filePlan.contents.size());
    co_return preview;
}

QCoro::Task<ActionResult> ReportFileAction::execute(ActionRequest request, ActionContext)
{
    ActionResult result;
    result.kind = ActionKind::ReportWriteFile;
    const FilePlan filePlan = plan(request);
    if (!filePlan.problems.isEmpty()) {
        result.message = u"Nothing was written: "_s + filePlan.problems.join(u"; "_s) + u'.';
        co_return result;
    }
    result.path = filePlan.path;
    if (filePlan.identical) {
        result.ok = true;
        result.message = u"%1 already holds this report; it was left as it is."_s.arg(filePlan.path);
        co_return result;
    }
    if (!QDir().mkpath(QFileInfo(filePlan.path).path())) {
        result.message =
            u"Nothing was written: cannot create the directory %1."_s.arg(QFileInfo(filePlan.path).path());
        co_return result;
    }
    // Written beside the target and renamed over it: a reader never sees
    // half a report, and a failure leaves the old file in place.
    QSaveFile file(filePlan.path);
    if (!file.open(QIODevice::WriteOnly) || file.write(filePlan.contents) != filePlan.contents.size()
        || !file.commit()) {
        result.message =
            u"Nothing was written: cannot write %1 (%2). Check that the directory is writable and the "
            u"disk has room."_s.arg(filePlan.path, file.errorString());
        co_return result;
    }
    result.ok = true;
    result.message = u"Wrote the report (%1 bytes) to %2."_s.arg(filePlan.contents.size()).arg(filePlan.path);
    co_return result;
}

} // namespace delegate
