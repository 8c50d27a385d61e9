// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace delegate {
struct AuditTrail;
}

namespace delegate::ui {

// The audit trail's HTML report printed to a PDF file (A4, the light report
// colours): QTextDocument lays the page out and prints it through Qt's
// print support. Writes to a temporary file first and replaces the target
// only once the PDF is whole, so a failed export never leaves half a file.
namespace audittrailpdf {

// An empty string when written; otherwise what went wrong and what to do.
QString write(const AuditTrail &trail, const QString &path);

} // namespace audittrailpdf

} // namespace delegate::ui
