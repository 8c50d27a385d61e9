// SPDX-License-Identifier: GPL-3.0-or-later
#include "audittrailhtml.h"

#include "audittrail.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace delegate::audittrailhtml {

namespace {

// Plain selectors and properties only: the PDF goes through QTextDocument,
// which reads a subset of CSS.
QString styleSheet(const Colours &c)
{
    return uR"(
body { font-family: sans-serif; font-size: 10pt; color: %1; background: %2; margin: 24px; }
h1 { font-size: 17pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 20px; border-bottom: 1px solid %5; }
table { border-collapse: collapse; width: 100%; margin-top: 6px; }
th { text-align: left; background: %4; padding: 4px 6px; border: 1px solid %5; }
td { vertical-align: top; padding: 4px 6px; border: 1px solid %5; }
pre { font-family: monospace; font-size: 9pt; background: %4; padding: 6px; white-space: pre-wrap; margin: 4px 0; }
.meta { color: %3; }
.failed { color: %7; font-weight: bold; }
.ok { color: %6; font-weight: bold; }
.who { font-weight: bold; }
.hash { font-family: monospace; font-size: 9pt; }
)"_s.arg(c.text, c.background, c.muted, c.panel, c.border, c.ok, c.failed);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString time(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODateWithMs) : u"—"_s;
}

// To the second: the sequence number gives the order within one.
QString shortTime(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) : u"—"_s;
}

QString pre(const QString &text)
{
    return text.isEmpty() ? QString() : u"<pre>"_s + escaped(text) + u"</pre>"_s;
}

QString paragraphs(const QString &text)
{
    if (text.trimmed().isEmpty())
        return {};
    return u"<div>"_s + escaped(text.trimmed()).replace(u'\n', u"<br>"_s) + u"</div>"_s;
}

// Green only for what went through; red for what failed or was turned
// down; anything in between (changes requested, revised) stays plain.
QString outcome(const QString &text, bool failed)
{
    if (text.isEmpty())
        return {};
    static const QStringList through { u"approve"_s, u"answer"_s, u"done"_s,
                                       u"ok"_s,      u"exit 0"_s, u"success"_s };
    const QString style = failed ? u"failed"_s : through.contains(text) ? u"ok"_s : u"who"_s;
    return u"<span class=\"%1\">%2</span>"_s.arg(style, escaped(text));
}

QString row(const QStringList &cells, const QString &tag = u"td"_s)
{
    QString html = u"<tr>"_s;
    for (const QString &cell : cells)
        html += u'<' + tag + u'>' + cell + u"</"_s + tag + u'>';
    return html + u"</tr>\n"_s;
}

QString header(const AuditTrail &trail, const QDateTime &generatedAt)
{
    const QLocale c = QLocale::c();
    QString html = u"<h1>Audit trail: %1</h1>\n"_s.arg(escaped(trail.title));
    html += u"<p class=\"meta\">Run %1 · report made %2</p>\n"_s.arg(escaped(trail.runId), time(generatedAt));
    html += u"<table>\n"_s;
    const QList<std::pair<QString, QString>> facts {
        { u"State"_s,
          escaped(trail.state) + (trail.reason.isEmpty() ? QString() : u" — "_s + escaped(trail.reason)) },
        { u"Submitted"_s,
          u"%1 by <span class=\"who\">%2</span>"_s.arg(time(trail.submittedAt), escaped(trail.submittedBy)) },
        { u"Agent"_s, escaped(trail.agent) },
        { u"Skill"_s, trail.skill.isEmpty() ? u"—"_s : escaped(trail.skill) },
        { u"Environment"_s, escaped(trail.environmentName) },
        { u"Base commit"_s,
          trail.baseCommit.isEmpty() ? u"—"_s
                                     : u"<span class=\"hash\">%1</span> on %2"_s.arg(
                                         escaped(trail.baseCommit), escaped(trail.host)) },
        { u"Usage"_s,
          u"%1 tokens in, %2 out, %3 tool calls, US$%4"_s
              .arg(c.toString(trail.tokensIn), c.toString(trail.tokensOut))
              .arg(trail.steps)
              .arg(trail.costUsd, 0, 'f', 2) },
    };
    for (const auto &[label, value] : facts)
        html += row({ u"<b>"_s + label + u"</b>"_s, value });
    return html + u"</table>\n"_s;
}

QString bounds(const AuditTrail &trail)
{
    QString html = u"<h2>Task bounds as submitted</h2>\n"_s + pre(trail.taskYaml);
    html += u"<h2>Environment and grants</h2>\n<table>\n"_s;
    html += row({ u"Grant"_s, u"Value"_s }, u"th"_s);
    for (const auto &[name, value] : trail.grants)
        html += row({ escaped(name), escaped(value) });
    html += u"</table>\n"_s + pre(trail.environmentYaml);
    return html;
}

QString checkpoints(const AuditTrail &trail)
{
    QString html = u"<h2>Checkpoints</h2>\n"_s;
    if (trail.checkpoints.isEmpty())
        return html + u"<p>The run stopped at no checkpoint.</p>\n"_s;
    html += u"<table width=\"100%\">\n"_s
        + row({ u"Opened"_s, u"Kind"_s, u"Asked"_s, u"Decided by"_s, u"Decision"_s }, u"th"_s);
    for (const AuditCheckpoint &checkpoint : trail.checkpoints) {
        const QString decider = checkpoint.decider.isEmpty()
            ? u"<i>open</i>"_s
            : u"<span class=\"who\">%1</span> (%2)<br>%3"_s.arg(
                escaped(checkpoint.decider), escaped(checkpoint.role), time(checkpoint.decidedAt));
        html += row({ time(checkpoint.openedAt), escaped(checkpoint.kind),
                      paragraphs(checkpoint.prompt) + pre(checkpoint.body), decider,
                      outcome(checkpoint.verdict, checkpoint.verdict == "reject"_L1)
                          + paragraphs(checkpoint.answer) });
    }
    return html + u"</table>\n"_s;
}

QString artifacts(const AuditTrail &trail)
{
    QString html = u"<h2>Artifact versions</h2>\n"_s;
    if (trail.artifacts.isEmpty())
        return html + u"<p>No artifact was handed in.</p>\n"_s;
    html += u"<table width=\"100%\">\n"_s
        + row({ u"Version"_s, u"Handed in"_s, u"Summary"_s, u"Review"_s }, u"th"_s);
    for (const AuditArtifact &artifact : trail.artifacts) {
        QString review = u"<i>not reviewed</i>"_s;
        if (!artifact.reviewer.isEmpty()) {
            review = outcome(artifact.verdict, artifact.verdict == "reject"_L1)
                + u" by <span class=\"who\">%1</span><br>%2"_s.arg(escaped(artifact.reviewer),
                                                                   time(artifact.reviewedAt))
                + paragraphs(artifact.reviewText) + pre(artifact.comments.join(u'\n'));
        }
        html += row({ u"v%1 (%2)"_s.arg(artifact.version).arg(escaped(artifact.kind)),
                      u"%1<br>by %2"_s.arg(time(artifact.submittedAt), escaped(artifact.submittedBy)),
                      paragraphs(artifact.summary) + paragraphs(artifact.stats), review });
    }
    return html + u"</table>\n"_s;
}

QString actions(const AuditTrail &trail)
{
    QString html = u"<h2>Actions</h2>\n"_s;
    if (trail.actions.isEmpty())
        return html + u"<p>No action was run.</p>\n"_s;
    html += u"<table width=\"100%\">\n"_s
        + row({ u"Time"_s, u"Action"_s, u"Released by"_s, u"Outcome"_s }, u"th"_s);
    for (const AuditAction &action : trail.actions) {
        html +=
            row({ time(action.time), escaped(action.kind),
                  u"<span class=\"who\">%1</span>"_s.arg(escaped(action.releasedBy)),
                  outcome(action.ok ? u"done"_s : u"failed"_s, !action.ok) + paragraphs(action.message) });
    }
    return html + u"</table>\n"_s;
}

QString timeline(const AuditTrail &trail)
{
    QString html = u"<h2>Everything that happened, in order</h2>\n<table width=\"100%\">\n"_s;
    // The story gets the room; sequence, time and actor stay narrow.
    html += u"<tr><th width=\"20%\">When (UTC), who</th><th width=\"80%\">What</th></tr>\n"_s;
    for (const AuditEntry &entry : trail.entries) {
        QString what = u"<b>%1</b>"_s.arg(escaped(entry.heading));
        if (!entry.outcome.isEmpty())
            what += u" · "_s + outcome(entry.outcome, entry.failed);
        what += paragraphs(entry.text) + pre(entry.code);
        const QString when = u"<span class=\"who\">%3</span><br><span class=\"meta\">#%1 · %2</span>"_s.arg(
            QString::number(entry.sequence), shortTime(entry.time), escaped(entry.actor));
        html += row({ when, what });
    }
    return html + u"</table>\n"_s;
}

QString chain(const AuditTrail &trail)
{
    QString html = u"<h2>Hash chain</h2>\n"_s;
    if (!trail.firstEvent || !trail.lastEvent)
        return html + u"<p>The run has no events.</p>\n"_s;
    html += u"<p>The run's events are part of the engine's hash-chained event log. Check them against an "
            "export of the log (<code>delegatectl audit export --run %1</code>): the events with these "
            "sequence numbers must carry these hashes.</p>\n<table>\n"_s.arg(escaped(trail.runId));
    html += row({ u"Event"_s, u"Sequence"_s, u"Hash"_s, u"Previous hash"_s }, u"th"_s);
    const auto anchor = [](const QString &label, const ChainAnchor &at) {
        return row({ label, QString::number(at.sequence),
                     u"<span class=\"hash\">%1</span>"_s.arg(escaped(at.hash)),
                     u"<span class=\"hash\">%1</span>"_s.arg(escaped(at.prevHash)) });
    };
    html += anchor(u"first"_s, *trail.firstEvent) + anchor(u"last"_s, *trail.lastEvent);
    return html + u"</table>\n"_s;
}

} // namespace

QString render(const AuditTrail &trail, const QDateTime &generatedAt, const Colours &colours)
{
    QString html = u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"_s;
    html += u"<title>Audit trail: %1</title>\n<style>%2</style>\n</head>\n<body>\n"_s.arg(
        escaped(trail.title), styleSheet(colours));
    html += header(trail, generatedAt);
    html += bounds(trail);
    html += checkpoints(trail);
    html += artifacts(trail);
    html += actions(trail);
    html += timeline(trail);
    html += chain(trail);
    return html + u"</body>\n</html>\n"_s;
}

} // namespace delegate::audittrailhtml
