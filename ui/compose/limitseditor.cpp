// SPDX-License-Identifier: GPL-3.0-or-later
#include "limitseditor.h"

#include "domain/quantities.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

constexpr qint64 maximumSteps = 1000000;

std::optional<qint64> parseSteps(const QString &text)
{
    bool ok = false;
    const qint64 steps = text.trimmed().toLongLong(&ok);
    return ok && steps >= 1 && steps <= maximumSteps ? std::optional(steps) : std::nullopt;
}

std::optional<double> parseCost(const QString &text)
{
    QString clean = text.trimmed();
    if (clean.startsWith(u'$'))
        clean = clean.mid(1);
    bool ok = false;
    const double cost = clean.toDouble(&ok);
    return ok && cost >= 0 ? std::optional(cost) : std::nullopt;
}

// The text of a field, or nothing when it is empty.
std::optional<QString> textOf(const QLineEdit *edit)
{
    const QString text = edit->text().trimmed();
    return text.isEmpty() ? std::nullopt : std::optional(text);
}

void setIfDifferent(QLineEdit *edit, const QString &text)
{
    if (edit->text() != text)
        edit->setText(text);
}

} // namespace

LimitsEditor::LimitsEditor(QWidget *parent)
    : QWidget(parent)
    , m_wallTime(new QLineEdit(this))
    , m_steps(new QLineEdit(this))
    , m_tokens(new QLineEdit(this))
    , m_cost(new QLineEdit(this))
    , m_problems(new QLabel(this))
{
    m_wallTime->setObjectName(u"limitWallTime"_s);
    m_steps->setObjectName(u"limitSteps"_s);
    m_tokens->setObjectName(u"limitTokens"_s);
    m_cost->setObjectName(u"limitCost"_s);
    m_wallTime->setPlaceholderText(tr("30m, 2h, 1h30m"));
    m_steps->setPlaceholderText(tr("40"));
    m_tokens->setPlaceholderText(tr("200k, 1.5M"));
    m_cost->setPlaceholderText(tr("2.50"));
    m_wallTime->setToolTip(tr("How long one run may take; empty means no limit"));
    m_steps->setToolTip(tr("Agent turns, 1 to 1000000; empty means no limit"));
    m_tokens->setToolTip(tr("Input plus output tokens; k = thousand, M = million; empty means no limit"));
    m_cost->setToolTip(tr("What one run may spend, in US dollars; empty means no limit"));
    m_problems->setWordWrap(true);
    m_problems->setVisible(false);
    QPalette palette = m_problems->palette();
    palette.setColor(QPalette::WindowText, QColor(0xd1, 0x3c, 0x3c));
    m_problems->setPalette(palette);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setHorizontalSpacing(6);
    // Two by two, so the form stays narrow enough for a split window.
    const auto addField = [this, layout](int slot, const QString &title, QLineEdit *edit,
                                         const QString &unit) {
        const int row = slot / 2;
        const int column = (slot % 2) * 3;
        auto *label = new QLabel(title, this);
        label->setBuddy(edit);
        label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        layout->addWidget(label, row, column);
        layout->addWidget(edit, row, column + 1);
        layout->addWidget(new QLabel(unit, this), row, column + 2);
        layout->setColumnStretch(column + 1, 1);
        connect(edit, &QLineEdit::textEdited, this, [this] {
            showProblems();
            Q_EMIT changed();
        });
    };
    addField(0, tr("&Wall time"), m_wallTime, tr("per run"));
    addField(1, tr("Steps"), m_steps, tr("turns"));
    addField(2, tr("To&kens"), m_tokens, tr("tokens"));
    addField(3, tr("C&ost"), m_cost, tr("USD"));
    layout->addWidget(m_problems, 2, 0, 1, 6);
}

TaskLimits LimitsEditor::limits() const
{
    TaskLimits limits;
    if (const auto text = textOf(m_wallTime))
        limits.wallTime = parseDuration(*text);
    if (const auto text = textOf(m_steps))
        limits.steps = parseSteps(*text);
    if (const auto text = textOf(m_tokens))
        limits.tokens = parseCount(*text);
    if (const auto text = textOf(m_cost))
        limits.costUsd = parseCost(*text);
    return limits;
}

void LimitsEditor::setLimits(const TaskLimits &limits)
{
    // Text that already reads as the value stays as written ("90m" is not
    // rewritten to "1h30m" under the cursor).
    const TaskLimits current = this->limits();
    if (current.wallTime != limits.wallTime)
        setIfDifferent(m_wallTime, limits.wallTime ? formatDuration(*limits.wallTime) : QString());
    if (current.steps != limits.steps)
        setIfDifferent(m_steps, limits.steps ? QString::number(*limits.steps) : QString());
    if (current.tokens != limits.tokens)
        setIfDifferent(m_tokens, limits.tokens ? formatCount(*limits.tokens) : QString());
    if (current.costUsd != limits.costUsd)
        setIfDifferent(m_cost,
                       limits.costUsd ? QString::number(*limits.costUsd, 'g', QLocale::FloatingPointShortest)
                                      : QString());
    showProblems();
}

QStringList LimitsEditor::problems() const
{
    QStringList problems;
    if (const auto text = textOf(m_wallTime); text && !parseDuration(*text))
        problems.append(
            tr("limits.wall_time: `%1` is not a duration; write 90s, 30m, 2h or 1h30m").arg(*text));
    if (const auto text = textOf(m_steps); text && !parseSteps(*text))
        problems.append(tr("limits.steps: `%1` is not a whole number from 1 to 1000000").arg(*text));
    if (const auto text = textOf(m_tokens); text && !parseCount(*text))
        problems.append(tr("limits.tokens: `%1` is not a count; write 200000, 200k or 1.5M").arg(*text));
    if (const auto text = textOf(m_cost); text && !parseCost(*text))
        problems.append(tr("limits.cost_usd: `%1` is not an amount in US dollars, such as 2.50").arg(*text));
    return problems;
}

void LimitsEditor::showProblems()
{
    const QStringList problems = this->problems();
    m_problems->setText(problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());
}

} // namespace delegate::ui
