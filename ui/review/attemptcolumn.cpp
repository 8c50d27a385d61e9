// SPDX-License-Identifier: GPL-3.0-or-later
#include "attemptcolumn.h"

#include "diffview.h"
#include "statebadge.h"
#include "style/displayformat.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

const QString addedColour = u"#2ea043"_s;
const QString removedColour = u"#d13c3c"_s;

bool isActive(const QString &state)
{
    return state == "queued"_L1 || state == "provisioning"_L1 || state == "running"_L1
        || state == "waiting_for_human"_L1 || state == "changes_requested"_L1 || state == "applying"_L1;
}

} // namespace

AttemptColumn::AttemptColumn(int number, const QString &runId, QWidget *parent)
    : QFrame(parent)
    , m_number(number)
    , m_runId(runId)
    , m_state(new StateBadge(this))
    , m_title(new QLabel(this))
    , m_runLabel(new QLabel(runId, this))
    , m_stats(new QLabel(this))
    , m_verifyLabel(new QLabel(this))
    , m_summaryLabel(new QLabel(this))
    , m_pick(new QPushButton(tr("Pick attempt &%1").arg(number), this))
    , m_diff(new DiffView(this))
{
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    auto *top = new QHBoxLayout;
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_title->setFont(bold);
    m_title->setText(tr("Attempt %1").arg(number));
    top->addWidget(m_title);
    top->addStretch();
    top->addWidget(m_state);
    layout->addLayout(top);
    m_runLabel->setForegroundRole(QPalette::PlaceholderText);
    m_runLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_runLabel);
    m_stats->setTextFormat(Qt::RichText);
    m_stats->setWordWrap(true);
    layout->addWidget(m_stats);
    m_verifyLabel->setTextFormat(Qt::RichText);
    m_verifyLabel->setWordWrap(true);
    layout->addWidget(m_verifyLabel);
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summaryLabel->setMaximumHeight(m_summaryLabel->fontMetrics().lineSpacing() * 4 + 4);
    m_summaryLabel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_summaryLabel);
    m_pick->setEnabled(false);
    layout->addWidget(m_pick);
    m_diff->setPlaceholderText(tr("No diff yet."));
    layout->addWidget(m_diff, 1);
    connect(m_pick, &QPushButton::clicked, this, [this] { Q_EMIT pickRequested(m_runId); });
    m_state->setState(u"queued"_s);
    updateStats();
    updateVerify();
}

AttemptColumn::~AttemptColumn() = default;

QString AttemptColumn::state() const
{
    if (!m_summary.isEmpty())
        return m_summary.value("state"_L1).toString();
    return m_detail.value("run"_L1).toObject().value("state"_L1).toString();
}

int AttemptColumn::latestVersion() const
{
    const QJsonArray artifacts = m_detail.value("artifacts"_L1).toArray();
    return artifacts.isEmpty() ? 0 : artifacts.last().toObject().value("version"_L1).toInt();
}

void AttemptColumn::setDetail(const QJsonObject &detail)
{
    m_detail = detail;
    m_summary = {};
    const QJsonObject run = detail.value("run"_L1).toObject();
    m_state->setState(state(), detail.value("reason"_L1).toString());
    const QJsonArray artifacts = detail.value("artifacts"_L1).toArray();
    const QJsonObject artifact = artifacts.isEmpty() ? QJsonObject() : artifacts.last().toObject();
    QString summary = artifact.value("summary"_L1).toString();
    if (artifact.isEmpty()) {
        summary = tr("Nothing handed in yet.");
        // What it waits for, when it waits for a person.
        const QJsonArray checkpoints = detail.value("checkpoints"_L1).toArray();
        for (const QJsonValue &value : checkpoints) {
            const QJsonObject checkpoint = value.toObject();
            if (checkpoint.value("state"_L1).toString() == "open"_L1)
                summary = tr("Asks: %1").arg(checkpoint.value("prompt"_L1).toString());
        }
    }
    m_summaryLabel->setText(summary);
    m_summaryLabel->setToolTip(m_summaryLabel->text());
    const int version = latestVersion();
    if (version != m_parsedVersion) {
        m_parsedVersion = version;
        const QString diff = artifact.value("content"_L1).toObject().value("diff"_L1).toString();
        m_parsed = std::make_shared<const UnifiedDiff>(UnifiedDiff::parse(diff));
        m_diff->setDiff(m_parsed);
        if (!artifact.isEmpty() && artifact.value("kind"_L1).toString() != "patch"_L1)
            m_diff->setPlaceholderText(
                tr("This attempt handed in a %1, not a patch.").arg(artifact.value("kind"_L1).toString()));
    }
    // Evidence in the artifact comes first; the log fills in when it has none.
    const QJsonArray verify = run.value("task"_L1).toObject().value("verify"_L1).toArray();
    const QJsonArray commands = artifact.value("evidence"_L1).toObject().value("commands"_L1).toArray();
    QList<VerifyResult> results;
    for (const QJsonValue &value : verify) {
        VerifyResult result { value.toString(), std::nullopt, false };
        for (const QJsonValue &command : commands) {
            const QJsonObject object = command.toObject();
            if (object.value("command"_L1).toString().trimmed() == result.command.trimmed())
                result.exitCode = object.value("exit_code"_L1).toInt();
        }
        results.append(result);
    }
    // Commands in the evidence that the task did not name count too.
    for (const QJsonValue &command : commands) {
        const QJsonObject object = command.toObject();
        const QString text = object.value("command"_L1).toString();
        const bool named = std::any_of(results.cbegin(), results.cend(), [&](const VerifyResult &result) {
            return result.command.trimmed() == text.trimmed();
        });
        if (!named)
            results.append({ text, object.value("exit_code"_L1).toInt(), false });
    }
    m_verify = results;
    updateStats();
    updateVerify();
}

void AttemptColumn::setSummary(const QJsonObject &summary)
{
    m_summary = summary;
    m_state->setState(state(), summary.value("reason"_L1).toString());
    updateStats();
}

void AttemptColumn::setVerifyResults(const QList<VerifyResult> &results)
{
    m_verify = results;
    updateVerify();
}

void AttemptColumn::setLoadError(const QString &text)
{
    m_summaryLabel->setText(text);
}

void AttemptColumn::setPickable(bool pickable, const QString &why)
{
    m_pick->setEnabled(pickable);
    m_pick->setToolTip(why);
}

void AttemptColumn::setPicked(bool picked)
{
    QFont font = m_title->font();
    font.setUnderline(picked);
    m_title->setFont(font);
    m_title->setText(picked ? tr("Attempt %1 — picked").arg(m_number) : tr("Attempt %1").arg(m_number));
}

QString AttemptColumn::statsText() const
{
    return m_stats->text();
}

void AttemptColumn::updateStats()
{
    const QJsonObject run = m_summary.isEmpty() ? m_detail.value("run"_L1).toObject() : m_summary;
    QStringList parts;
    if (m_parsed && latestVersion() > 0) {
        parts.append(tr("%n file(s)", nullptr, int(m_parsed->files().size()))
                     + u" <span style=\"color:%1\">+%2</span> <span style=\"color:%3\">−%4</span>"_s.arg(
                         addedColour, QString::number(m_parsed->totalAdded()), removedColour,
                         QString::number(m_parsed->totalRemoved())));
    }
    const QJsonObject usage = run.value("usage"_L1).toObject();
    parts.append(displayformat::cost(usage.value("cost_usd"_L1).toDouble()));
    const QDateTime created = displayformat::parseTime(run.value("created_at"_L1).toString());
    const QDateTime updated = displayformat::parseTime(run.value("updated_at"_L1).toString());
    if (created.isValid()) {
        // A run still going has taken until now; one that stopped, until its last change.
        const QDateTime end =
            isActive(state()) || !updated.isValid() ? QDateTime::currentDateTimeUtc() : updated;
        parts.append(displayformat::duration(created.secsTo(end)));
    }
    const qint64 tokens =
        qint64(usage.value("tokens_in"_L1).toDouble() + usage.value("tokens_out"_L1).toDouble());
    parts.append(tr("%1 tokens").arg(displayformat::tokens(tokens)));
    m_stats->setText(parts.join(u" · "_s));
}

void AttemptColumn::updateVerify()
{
    if (m_verify.isEmpty()) {
        m_verifyLabel->setText(u"<i>%1</i>"_s.arg(tr("The task names no verify commands.").toHtmlEscaped()));
        return;
    }
    const QString mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family().toHtmlEscaped();
    QStringList lines;
    for (const VerifyResult &result : std::as_const(m_verify)) {
        QString mark;
        if (!result.exitCode)
            mark = u"<b>–</b> %1"_s.arg(tr("not run").toHtmlEscaped());
        else if (*result.exitCode == 0)
            mark = u"<b style=\"color:%1\">✓ %2</b>"_s.arg(addedColour, tr("passed").toHtmlEscaped());
        else
            mark = u"<b style=\"color:%1\">✗ %2</b>"_s.arg(
                removedColour, tr("exit %1").arg(*result.exitCode).toHtmlEscaped());
        QString line = u"%1 <span style=\"font-family:'%2'\">%3</span>"_s.arg(mark, mono,
                                                                              result.command.toHtmlEscaped());
        if (result.fromLog)
            line += u" <i>(%1)</i>"_s.arg(tr("from the log").toHtmlEscaped());
        lines.append(line);
    }
    m_verifyLabel->setText(lines.join(u"<br>"_s));
}

} // namespace delegate::ui
