// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkpointpanel.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "style/displayformat.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QKeySequence>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QString kindWord(const QString &kind)
{
    if (kind == "question"_L1)
        return CheckpointPanel::tr("Question");
    if (kind == "plan"_L1)
        return CheckpointPanel::tr("Plan to approve");
    if (kind == "action"_L1)
        return CheckpointPanel::tr("Action to approve");
    if (kind == "budget"_L1)
        return CheckpointPanel::tr("Budget extension");
    return kind;
}

QString verdictWords(const QString &verdict)
{
    if (verdict == "answer"_L1)
        return CheckpointPanel::tr("answered");
    if (verdict == "approve"_L1)
        return CheckpointPanel::tr("approved");
    if (verdict == "request_changes"_L1)
        return CheckpointPanel::tr("asked for changes");
    if (verdict == "reject"_L1)
        return CheckpointPanel::tr("rejected");
    return verdict;
}

} // namespace

CheckpointPanel::CheckpointPanel(EngineHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_heading(new QLabel(this))
    , m_context(new QLabel(this))
    , m_prompt(new QLabel(this))
    , m_body(new QTextBrowser(this))
    , m_optionsRow(new QWidget(this))
    , m_optionsLayout(new QHBoxLayout(m_optionsRow))
    , m_text(new QPlainTextEdit(this))
    , m_answer(new QPushButton(tr("&Answer"), this))
    , m_approve(new QPushButton(tr("A&pprove"), this))
    , m_changes(new QPushButton(tr("Request &changes"), this))
    , m_reject(new QPushButton(tr("&Reject…"), this))
    , m_status(new QLabel(this))
    , m_empty(
          new QLabel(tr("Nothing waits for you. When an agent asks a question or hands in a plan, it shows "
                        "here."),
                     this))
    , m_content(new QWidget(this))
{
    setObjectName(u"checkpointPanel"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_context->setForegroundRole(QPalette::PlaceholderText);
    m_prompt->setWordWrap(true);
    m_prompt->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont promptFont = m_prompt->font();
    promptFont.setPointSizeF(promptFont.pointSizeF() * 1.1);
    m_prompt->setFont(promptFont);
    m_body->setOpenExternalLinks(true);
    m_optionsLayout->setContentsMargins(0, 0, 0, 0);
    m_text->setObjectName(u"decisionText"_s);
    m_text->setPlaceholderText(tr("Your answer, or why (Ctrl+Enter sends)"));
    m_text->setTabChangesFocus(true);
    m_text->setMaximumHeight(110);
    m_answer->setObjectName(u"answerButton"_s);
    m_approve->setObjectName(u"approveButton"_s);
    m_changes->setObjectName(u"changesButton"_s);
    m_reject->setObjectName(u"rejectButton"_s);
    m_answer->setToolTip(tr("Send the answer to the agent (Ctrl+Enter)"));
    m_approve->setToolTip(tr("Let the agent go on (Ctrl+Enter)"));
    m_changes->setToolTip(tr("Send the plan back to the agent with what to change"));
    m_reject->setToolTip(tr("Reject: the run ends"));
    m_status->setObjectName(u"decisionStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_answer);
    buttons->addWidget(m_approve);
    buttons->addWidget(m_changes);
    buttons->addStretch();
    buttons->addWidget(m_reject);

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->addWidget(m_heading);
    contentLayout->addWidget(m_context);
    contentLayout->addSpacing(6);
    contentLayout->addWidget(m_prompt);
    contentLayout->addWidget(m_body, 10);
    contentLayout->addWidget(m_optionsRow);
    contentLayout->addWidget(m_text);
    contentLayout->addLayout(buttons);
    contentLayout->addWidget(m_status);
    // Without a body (most questions) the controls stay together at the top.
    contentLayout->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_content);

    connect(m_answer, &QPushButton::clicked, this,
            [this] { decide(u"answer"_s, m_text->toPlainText().trimmed()); });
    connect(m_approve, &QPushButton::clicked, this,
            [this] { decide(u"approve"_s, m_text->toPlainText().trimmed()); });
    connect(m_changes, &QPushButton::clicked, this,
            [this] { decide(u"request_changes"_s, m_text->toPlainText().trimmed()); });
    connect(m_reject, &QPushButton::clicked, this,
            [this] { decide(u"reject"_s, m_text->toPlainText().trimmed()); });
    connect(m_text, &QPlainTextEdit::textChanged, this, &CheckpointPanel::updateEnabled);
    auto *send = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_text);
    send->setContext(Qt::WidgetShortcut);
    connect(send, &QShortcut::activated, this, &CheckpointPanel::decideDefault);
    clear();
}

QString CheckpointPanel::kind() const
{
    return m_checkpoint.value("kind"_L1).toString();
}

void CheckpointPanel::clear()
{
    ++m_generation;
    m_engine.clear();
    m_checkpoint = {};
    m_content->hide();
    m_empty->show();
}

void CheckpointPanel::showCheckpoint(const QString &engine, const QJsonObject &checkpoint,
                                     const QString &runTitle, const QJsonObject &decision)
{
    const bool same = engine == m_engine && checkpoint.value("id"_L1) == m_checkpoint.value("id"_L1);
    if (!same) {
        ++m_generation;
        m_text->clear();
        m_status->clear();
        m_busy = false;
    }
    m_engine = engine;
    m_checkpoint = checkpoint;
    m_decided = !decision.isEmpty() || checkpoint.value("state"_L1).toString() != "open"_L1;
    m_empty->hide();
    m_content->show();

    m_heading->setText(kindWord(kind()));
    const QDateTime created = displayformat::parseTime(checkpoint.value("created_at"_L1).toString());
    m_context->setText(tr("%1 · %2 · %3").arg(runTitle, engine, displayformat::relativeTime(created)));
    m_context->setToolTip(
        tr("Run %1, opened %2")
            .arg(checkpoint.value("run_id"_L1).toString(), displayformat::exactTime(created)));
    m_prompt->setText(checkpoint.value("prompt"_L1).toString());
    const QString body = checkpoint.value("body"_L1).toString();
    m_body->setMarkdown(body);
    m_body->setVisible(!body.isEmpty());

    // Options of a question: one button each, which answers with it.
    while (QLayoutItem *item = m_optionsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QJsonArray options = checkpoint.value("options"_L1).toArray();
    for (const QJsonValue &option : options) {
        auto *button = new QPushButton(option.toString(), m_optionsRow);
        button->setEnabled(!m_decided);
        connect(button, &QPushButton::clicked, this,
                [this, text = option.toString()] { decide(u"answer"_s, text); });
        m_optionsLayout->addWidget(button);
    }
    m_optionsLayout->addStretch();
    m_optionsRow->setVisible(!options.isEmpty() && kind() == "question"_L1);

    const bool question = kind() == "question"_L1;
    m_answer->setVisible(question);
    m_approve->setVisible(!question);
    m_changes->setVisible(kind() == "plan"_L1);
    m_reject->setVisible(!question);
    m_text->setVisible(!m_decided);
    if (m_decided) {
        const QString decider = decision.value("decider"_L1).toString();
        const QString text = decision.value("text"_L1).toString();
        const QDateTime decidedAt = displayformat::parseTime(decision.value("decided_at"_L1).toString());
        m_status->setText(decision.isEmpty() ? tr("Decided.")
                                             : tr("%1 (%2) %3 %4%5")
                                                   .arg(decider.mid(5), decision.value("role"_L1).toString(),
                                                        verdictWords(decision.value("verdict"_L1).toString()),
                                                        displayformat::relativeTime(decidedAt),
                                                        text.isEmpty() ? QString() : u": "_s + text));
        m_status->setStyleSheet(QString());
    }
    updateEnabled();
}

void CheckpointPanel::updateEnabled()
{
    EngineSession *session = m_hub ? m_hub->engine(m_engine) : nullptr;
    const bool mayDecide = session && session->isConnected() && session->identity().role != Role::Auditor;
    const bool open = mayDecide && !m_decided && !m_busy;
    const bool hasText = !m_text->toPlainText().trimmed().isEmpty();
    m_answer->setEnabled(open && hasText);
    m_approve->setEnabled(open);
    m_changes->setEnabled(open && hasText);
    m_reject->setEnabled(open);
    m_text->setReadOnly(!open);
    if (session && session->identity().role == Role::Auditor && !m_decided)
        m_status->setText(tr("You read this engine as an auditor; a lead or a reviewer decides."));
}

void CheckpointPanel::setBusy(bool busy)
{
    m_busy = busy;
    updateEnabled();
}

void CheckpointPanel::showError(const QString &message)
{
    m_status->setText(message);
    m_status->setStyleSheet(u"color: #d64545;"_s);
}

void CheckpointPanel::decideDefault()
{
    if (kind() == "question"_L1) {
        if (m_answer->isEnabled())
            m_answer->click();
    } else if (m_approve->isEnabled()) {
        m_approve->click();
    }
}

void CheckpointPanel::decide(const QString &verdict, const QString &text)
{
    EngineSession *session = m_hub ? m_hub->engine(m_engine) : nullptr;
    if (!session || m_decided || m_busy)
        return;
    if (verdict == "answer"_L1 && text.isEmpty()) {
        showError(tr("Write an answer first, or pick one of the options."));
        return;
    }
    QJsonObject params { { u"checkpoint_id"_s, checkpointId() }, { u"verdict"_s, verdict } };
    if (!text.isEmpty())
        params.insert(u"text"_s, text);
    setBusy(true);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Sending…"));
    const quint64 generation = m_generation;
    const QString engine = m_engine;
    const QString id = checkpointId();
    QCoro::connect(session->call(u"checkpoints.decide"_s, params), this,
                   [this, generation, engine, id](const rpc::RpcOutcome &outcome) {
                       if (generation != m_generation)
                           return;
                       setBusy(false);
                       if (outcome.error) {
                           showError(outcome.error->message);
                           return;
                       }
                       const QJsonObject decision = outcome.result.toObject().value("decision"_L1).toObject();
                       QJsonObject checkpoint = m_checkpoint;
                       checkpoint.insert(u"state"_s, u"decided"_s);
                       showCheckpoint(engine, checkpoint, m_context->text().section(u" · "_s, 0, 0),
                                      decision);
                       Q_EMIT decided(engine, id);
                   });
}

} // namespace delegate::ui
