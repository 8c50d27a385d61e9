// SPDX-License-Identifier: GPL-3.0-or-later
#include "audittrailpdf.h"

#include "audit/audittrail.h"
#include "audit/audittrailhtml.h"

#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPrinter>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace delegate::ui::audittrailpdf {

QString write(const AuditTrail &trail, const QString &path)
{
    // QPrinter reports no errors of its own: print into a folder of ours,
    // check what came out, then move it into place as one step.
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return u"cannot make a temporary folder to print into (%1)"_s.arg(scratch.errorString());
    const QString printed = scratch.filePath(u"trail.pdf"_s);
    {
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(printed);
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                          QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
        printer.setDocName(u"Audit trail: "_s + trail.title);
        printer.setCreator(u"Delegate"_s);
        QTextDocument document;
        document.setHtml(audittrailhtml::render(trail));
        document.print(&printer);
    }
    QFile file(printed);
    if (!file.open(QIODevice::ReadOnly) || file.size() == 0)
        return u"printing the report produced no PDF"_s;
    const QByteArray bytes = file.readAll();
    QSaveFile target(path);
    if (!target.open(QIODevice::WriteOnly)) {
        return u"cannot write %1: %2. Choose a folder you may write to."_s.arg(QFileInfo(path).fileName(),
                                                                               target.errorString());
    }
    target.write(bytes);
    if (!target.commit())
        return u"cannot write %1: %2"_s.arg(QFileInfo(path).fileName(), target.errorString());
    return {};
}

} // namespace delegate::ui::audittrailpdf
