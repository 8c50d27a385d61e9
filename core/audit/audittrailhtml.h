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

QString render(const AuditTrail &trail, const QDateTime &generatedAt = QDateTime::currentDateTimeUtc());

} // namespace audittrailhtml

} // namespace delegate
