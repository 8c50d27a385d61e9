// SPDX-License-Identifier: GPL-3.0-or-later
#include "alignmentpanel.h"

#include "policy/alignmentcheck.h"
#include "policy/alignmentfix.h"
#include "policy/capabilitycatalogue.h"

#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QString colourOf(AlignmentVerdict verdict)
{
    switch (verdict) {
    case AlignmentVerdict::Aligned:
        return u"#2e7d32"_s; // green: nothing to do
    case AlignmentVerdict::Excess:
        return u"#b26a00"_s; // amber: works, but grants too much
    case AlignmentVerdict::Missing:
        return u"#c62828"_s; // red: the task cannot be done here
    }
    return {};
}

QString verdictText(AlignmentVerdict verdict)
{
    switch (verdict) {
    case AlignmentVerdict::Aligned:
        return AlignmentPanel::tr("✓ Aligned — the environment grants what the task needs and nothing else.");
    case AlignmentVerdict::Excess:
        return AlignmentPanel::tr(
            "▲ Excess — the task can be done, but the environment grants more than it uses.");
    case AlignmentVerdict::Missing:
        return AlignmentPanel::tr("✕ Missing — the task cannot be done in this environment as it is.");
    }
    return {};
}

} // namespace

AlignmentPanel::AlignmentPanel(QWidget *parent)
    : QWidget(parent)
    , m_verdict(new QLabel(this))
    , m_error(new QLabel(this))
    , m_findings(new QVBoxLayout)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_verdict->setWordWrap(true);
    m_verdict->setObjectName(u"verdict"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #c62828;"_s);
    m_error->hide();
    layout->addWidget(m_verdict);
    layout->addWidget(m_error);
    layout->addLayout(m_findings);
    layout->addStretch(1);
    rebuild();
}

void AlignmentPanel::setTask(const TaskSpec &task)
{
    m_task = task;
    recheck();
}

void AlignmentPanel::clearTask()
{
    m_task.reset();
    recheck();
}

void AlignmentPanel::setEnvironment(const EnvironmentProfile &environment)
{
    m_environment = environment;
    recheck();
}

bool AlignmentPanel::applyFix(int index)
{
    if (index < 0 || index >= m_report.findings.size())
        return false;
    QString error;
    const std::optional<EnvironmentProfile> fixed =
        AlignmentFix::apply(m_report.findings.at(index), m_environment, &error);
    if (!fixed) {
        m_error->setText(error);
        m_error->show();
        return false;
    }
    m_error->hide();
    m_environment = *fixed;
    recheck();
    Q_EMIT environmentChanged(m_environment);
    return true;
}

void AlignmentPanel::recheck()
{
    m_report = m_task ? AlignmentCheck::check(*m_task, m_environment) : AlignmentReport {};
    rebuild();
}

void AlignmentPanel::rebuild()
{
    while (QLayoutItem *item = m_findings->takeAt(0)) {
        // A row's own fix button may be what is running: delete it later, hidden now.
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    if (!m_task) {
        m_verdict->setText(
            tr("Choose a task to check this environment against: the check lists what the task "
               "needs that is not granted, and what is granted but unused."));
        m_verdict->setStyleSheet(QString());
        return;
    }
    m_verdict->setText(verdictText(m_report.verdict));
    m_verdict->setStyleSheet(u"font-weight: bold; color: %1;"_s.arg(colourOf(m_report.verdict)));
    for (int index = 0; index < m_report.findings.size(); ++index)
        m_findings->addWidget(findingRow(index, m_report.findings.at(index)));
    for (const QString &note : std::as_const(m_report.notes)) {
        auto *label = new QLabel(note, this);
        label->setWordWrap(true);
        label->setEnabled(false);
        m_findings->addWidget(label);
    }
}

QWidget *AlignmentPanel::findingRow(int index, const AlignmentFinding &finding)
{
    auto *row = new QFrame(this);
    row->setFrameShape(QFrame::StyledPanel);
    row->setObjectName(u"finding"_s);
    auto *layout = new QVBoxLayout(row);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(3);

    const bool missing = finding.kind == AlignmentFinding::Kind::Missing;
    const CapabilityInfo &info = CapabilityCatalogue::info(finding.capability);
    QString title = u"<b style='color:%1'>%2</b> &nbsp;%3"_s.arg(
        colourOf(missing ? AlignmentVerdict::Missing : AlignmentVerdict::Excess),
        missing ? tr("missing") : tr("excess"), info.title.toHtmlEscaped());
    if (!finding.items.isEmpty())
        title += u": <code>%1</code>"_s.arg(finding.items.join(u", "_s).toHtmlEscaped());
    auto *heading = new QLabel(title, row);
    heading->setTextFormat(Qt::RichText);
    layout->addWidget(heading);

    auto *explanation = new QLabel(finding.explanation, row);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);
    if (!missing) {
        auto *risk = new QLabel(tr("Risk: %1").arg(info.risk), row);
        risk->setWordWrap(true);
        risk->setEnabled(false);
        layout->addWidget(risk);
    }

    const QString key = finding.field.section(u'.', 1);
    auto *fix = new QPushButton(tr("Fix: set %1: %2").arg(key, finding.value), row);
    fix->setObjectName(u"fix"_s);
    fix->setToolTip(tr("Changes the environment being edited; save it to keep the change."));
    fix->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
    connect(fix, &QPushButton::clicked, this, [this, index] { applyFix(index); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(fix);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    return row;
}

} // namespace delegate::ui
