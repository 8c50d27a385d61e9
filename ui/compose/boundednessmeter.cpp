// SPDX-License-Identifier: GPL-3.0-or-later
#include "boundednessmeter.h"

#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

// The same cues as run states: red is not there, amber is partly, green
// is done; each with a word and an icon as well.
QColor verdictColour(LintVerdict verdict)
{
    switch (verdict) {
    case LintVerdict::Unbounded:
        return QColor(0xd1, 0x3c, 0x3c);
    case LintVerdict::PartiallyBounded:
        return QColor(0xd9, 0x8a, 0x00);
    case LintVerdict::Bounded:
        return QColor(0x2e, 0xa0, 0x43);
    }
    return {};
}

QString verdictWord(LintVerdict verdict)
{
    switch (verdict) {
    case LintVerdict::Unbounded:
        return BoundednessMeter::tr("Unbounded");
    case LintVerdict::PartiallyBounded:
        return BoundednessMeter::tr("Partially bounded");
    case LintVerdict::Bounded:
        return BoundednessMeter::tr("Bounded");
    }
    return {};
}

QStyle::StandardPixmap severityIcon(LintSeverity severity)
{
    switch (severity) {
    case LintSeverity::Error:
        return QStyle::SP_MessageBoxCritical;
    case LintSeverity::Warning:
        return QStyle::SP_MessageBoxWarning;
    case LintSeverity::Info:
        return QStyle::SP_MessageBoxInformation;
    }
    return QStyle::SP_MessageBoxInformation;
}

} // namespace

BoundednessMeter::BoundednessMeter(QWidget *parent)
    : QWidget(parent)
    , m_verdict(new QLabel(this))
    , m_score(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_summary(new QLabel(this))
    , m_findings(new QListWidget(this))
{
    setObjectName(u"boundednessMeter"_s);
    m_verdict->setObjectName(u"lintVerdict"_s);
    m_score->setObjectName(u"lintScore"_s);
    m_findings->setObjectName(u"lintFindings"_s);
    QFont big = m_verdict->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_verdict->setFont(big);
    m_score->setFont(big);
    m_bar->setRange(0, 100);
    m_bar->setTextVisible(false);
    m_bar->setFixedHeight(6);
    m_summary->setWordWrap(true);
    m_findings->setWordWrap(true);
    m_findings->setTextElideMode(Qt::ElideNone);
    m_findings->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_findings->setSpacing(2);
    m_findings->setIconSize(QSize(16, 16));
    m_findings->setToolTip(tr("Click a finding (or press Enter) to go to its field"));

    auto *heading = new QHBoxLayout;
    heading->addWidget(m_verdict, 1);
    heading->addWidget(m_score);
    auto *elements = new QGridLayout;
    elements->setHorizontalSpacing(8);
    elements->setVerticalSpacing(1);
    for (int row = 0; row < int(enumNames<TaskElement>().size()); ++row) {
        auto *label = new QLabel(this);
        m_elements.append(label);
        elements->addWidget(label, row, 0);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(heading);
    layout->addWidget(m_bar);
    layout->addWidget(m_summary);
    layout->addLayout(elements);
    layout->addWidget(m_findings, 1);

    const auto activate = [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT fieldActivated(item->data(FieldRole).toString());
    };
    connect(m_findings, &QListWidget::itemClicked, this, activate);
    connect(m_findings, &QListWidget::itemActivated, this, activate);
    setReport(LintReport {});
}

void BoundednessMeter::setReport(const LintReport &report)
{
    m_report = report;
    const QColor colour = verdictColour(report.verdict);
    QPalette palette = m_verdict->palette();
    palette.setColor(QPalette::WindowText, colour);
    m_verdict->setPalette(palette);
    m_verdict->setText(verdictWord(report.verdict));
    m_score->setText(tr("%1/100").arg(report.score));
    m_score->setToolTip(tr("Each of the four elements is worth 25 points, less what its findings cost"));
    QPalette barPalette = m_bar->palette();
    barPalette.setColor(QPalette::Highlight, colour);
    m_bar->setPalette(barPalette);
    m_bar->setValue(report.score);
    m_summary->setText(report.summary);

    const auto elements = enumNames<TaskElement>();
    for (int row = 0; row < int(elements.size()); ++row) {
        const TaskElement element = elements[size_t(row)].value;
        const bool satisfied = report.isSatisfied(element);
        m_elements[row]->setText(u"%1  %2  %3/%4"_s.arg(satisfied ? u"✓"_s : u"✗"_s, elementTitle(element))
                                     .arg(report.elementScore(element))
                                     .arg(LintReport::pointsPerElement));
        m_elements[row]->setToolTip(satisfied ? tr("Satisfied: no finding of error severity")
                                              : tr("Not yet: it has a finding of error severity"));
    }

    // The list is rebuilt, but the selected finding stays selected when it
    // is still there, so keyboard users do not lose their place.
    const QString selectedRule =
        m_findings->currentItem() ? m_findings->currentItem()->data(RuleRole).toString() : QString();
    m_findings->clear();
    for (const LintFinding &finding : report.findings) {
        auto *item = new QListWidgetItem(m_findings);
        item->setIcon(style()->standardIcon(severityIcon(finding.severity), nullptr, this));
        item->setText(u"%1 — %2\n%3"_s.arg(finding.field, finding.problem, finding.fix));
        item->setToolTip(u"<p><b>%1</b> [%2, −%3]</p><p>%4</p><p><i>%5</i></p>"_s.arg(
            finding.problem.toHtmlEscaped(), finding.rule, QString::number(finding.points),
            finding.why.toHtmlEscaped(), finding.fix.toHtmlEscaped()));
        item->setData(FieldRole, finding.field);
        item->setData(RuleRole, finding.rule);
        if (finding.rule == selectedRule)
            m_findings->setCurrentItem(item);
    }
    if (report.findings.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Nothing left to suggest."), m_findings);
        item->setFlags(Qt::NoItemFlags);
    }
}

QString BoundednessMeter::verdictText() const
{
    return m_verdict->text();
}

} // namespace delegate::ui
