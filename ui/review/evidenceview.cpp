// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidenceview.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

const QString passedColour = u"#2ea043"_s;
const QString failedColour = u"#d13c3c"_s;
const QString skippedColour = u"#8a8f98"_s;

} // namespace

EvidenceView::EvidenceView(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenExternalLinks(true);
    setAccessibleName(tr("Evidence"));
    render();
}

void EvidenceView::setEvidence(const QJsonObject &evidence)
{
    m_evidence = evidence;
    render();
}

QString EvidenceView::summary(const QJsonObject &evidence)
{
    const QJsonArray commands = evidence.value("commands"_L1).toArray();
    const QJsonArray tests = evidence.value("tests"_L1).toArray();
    QStringList parts;
    if (!commands.isEmpty()) {
        int failed = 0;
        for (const QJsonValue &command : commands)
            failed += command.toObject().value("exit_code"_L1).toInt() != 0 ? 1 : 0;
        QString part = tr("%n command(s)", nullptr, int(commands.size()));
        if (failed > 0)
            part += u" ("_s + tr("%n failed", nullptr, failed) + u')';
        parts.append(part);
    }
    if (!tests.isEmpty()) {
        int passed = 0;
        int failed = 0;
        for (const QJsonValue &test : tests) {
            const QString outcome = test.toObject().value("outcome"_L1).toString();
            passed += outcome == "passed"_L1 ? 1 : 0;
            failed += outcome == "failed"_L1 ? 1 : 0;
        }
        QString part = tr("%n test(s) passed", nullptr, passed);
        if (failed > 0)
            part += u", "_s + tr("%n failed", nullptr, failed);
        parts.append(part);
    }
    return parts.join(u" · "_s);
}

bool EvidenceView::hasFailures(const QJsonObject &evidence)
{
    const QJsonArray commands = evidence.value("commands"_L1).toArray();
    for (const QJsonValue &command : commands) {
        if (command.toObject().value("exit_code"_L1).toInt() != 0)
            return true;
    }
    const QJsonArray tests = evidence.value("tests"_L1).toArray();
    for (const QJsonValue &test : tests) {
        if (test.toObject().value("outcome"_L1).toString() == "failed"_L1)
            return true;
    }
    return false;
}

void EvidenceView::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        render();
}

void EvidenceView::render()
{
    const QJsonArray commands = m_evidence.value("commands"_L1).toArray();
    const QJsonArray tests = m_evidence.value("tests"_L1).toArray();
    if (commands.isEmpty() && tests.isEmpty()) {
        setHtml(u"<p style=\"color:%1\">%2</p>"_s.arg(
            palette().color(QPalette::PlaceholderText).name(),
            tr("The agent recorded no evidence for this version: no commands and no test results. "
               "Read the diff and the run's log before you approve.")
                .toHtmlEscaped()));
        return;
    }
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family().toHtmlEscaped();
    const QString codeBackground = palette().color(QPalette::AlternateBase).name();
    QString html;
    if (!commands.isEmpty()) {
        html += u"<h3>"_s + tr("Commands") + u"</h3>"_s;
        for (const QJsonValue &value : commands) {
            const QJsonObject command = value.toObject();
            const int exitCode = command.value("exit_code"_L1).toInt();
            const bool ok = exitCode == 0;
            html +=
                u"<p style=\"margin-bottom:2px\"><span style=\"font-family:'%1'\">$ %2</span> &nbsp; "
                u"<b style=\"color:%3\">%4 %5</b></p>"_s.arg(
                    mono, command.value("command"_L1).toString().toHtmlEscaped(),
                    ok ? passedColour : failedColour, ok ? u"✓"_s : u"✗"_s,
                    exitCode < 0 ? tr("killed by signal %1").arg(-exitCode) : tr("exit %1").arg(exitCode));
            const QString output = command.value("output"_L1).toString();
            if (!output.isEmpty()) {
                html += u"<pre style=\"font-family:'%1'; background-color:%2; margin-top:0\">%3</pre>"_s.arg(
                    mono, codeBackground, output.toHtmlEscaped());
            }
        }
    }
    if (!tests.isEmpty()) {
        html += u"<h3>"_s + tr("Tests") + u"</h3><table cellspacing=\"0\" cellpadding=\"3\">"_s;
        for (const QJsonValue &value : tests) {
            const QJsonObject test = value.toObject();
            const QString outcome = test.value("outcome"_L1).toString();
            const QString colour = outcome == "passed"_L1 ? passedColour
                : outcome == "failed"_L1                  ? failedColour
                                                          : skippedColour;
            const QString mark = outcome == "passed"_L1 ? u"✓"_s : outcome == "failed"_L1 ? u"✗"_s : u"–"_s;
            const QString word = outcome == "passed"_L1 ? tr("passed")
                : outcome == "failed"_L1                ? tr("failed")
                                                        : tr("skipped");
            html += u"<tr><td style=\"color:%1\"><b>%2 %3</b></td><td style=\"font-family:'%4'\">%5</td>"
                    u"<td>%6</td></tr>"_s.arg(colour, mark, word, mono,
                                              test.value("name"_L1).toString().toHtmlEscaped(),
                                              test.value("detail"_L1).toString().toHtmlEscaped());
        }
        html += u"</table>"_s;
    }
    setHtml(html);
}

} // namespace delegate::ui
