// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace delegate {

struct AuditTrail;

// A run's audit trail as one self-contained HTML page for a reviewer outside
// Delegate: styles inline, no scripts, images or links to fetch, everything
// an agent or a person wrote escaped so it reads as text. It ends with the
// hash-chain positions of the run's first and last events, which an export
// of the log (delegatectl audit export) can be checked against. The PDF
// report prints the same page.
namespace audittrailhtml {

// CSS colours (#rrggbb). A report file is light, for printing and for any
// browser; the GUI shows the same page in the window's palette.
struct Colours
{
    QString text = QStringLiteral("#1d1d1f");
    QString background = QStringLiteral("#ffffff");
    QString muted = QStringLiteral("#55555a");
    QString panel = QStringLiteral("#f3f3f6"); // code and table headers
    QString border = QStringLiteral("#d0d0d6");
    QString ok = QStringLiteral("#1e7a34");
    QString failed = QStringLiteral("#b3261e");
};

QString render(const AuditTrail &trail, const QDateTime &generatedAt = QDateTime::currentDateTimeUtc(),
               const Colours &colours = {});

} // namespace audittrailhtml

} // namespace delegate
