// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QHBoxLayout;

namespace delegate::ui {

class EngineHub;

// Deciding one checkpoint in place: a question is answered in free text or
// by one of its options; a plan is approved, sent back with changes, or
// rejected; an action or a budget extension is approved or rejected. The
// decision goes to the engine with checkpoints.decide; once decided, the
// panel says who decided and how.
class CheckpointPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit CheckpointPanel(EngineHub *hub, QWidget *parent = nullptr);

    // The checkpoint object as the protocol has it, and its decision (empty
    // while open).
    void showCheckpoint(const QString &engine, const QJsonObject &checkpoint, const QString &runTitle,
                        const QJsonObject &decision);
    void clear();
    QString checkpointId() const { return m_checkpoint.value(QLatin1String("id")).toString(); }

    // The default action for Enter: answer a question, approve otherwise.
    void decideDefault();

Q_SIGNALS:
    void decided(const QString &engine, const QString &checkpointId);

private:
    void decide(const QString &verdict, const QString &text);
    void updateEnabled();
    void setBusy(bool busy);
    void showError(const QString &message);
    QString kind() const;

    QPointer<EngineHub> m_hub;
    QString m_engine;
    QJsonObject m_checkpoint;
    bool m_decided = false;
    bool m_busy = false;
    quint64 m_generation = 0; // a reply for an earlier checkpoint is not shown

    QLabel *m_heading;
    QLabel *m_context;
    QLabel *m_prompt;
    QTextBrowser *m_body;
    QWidget *m_optionsRow;
    QHBoxLayout *m_optionsLayout;
    QPlainTextEdit *m_text;
    QPushButton *m_answer;
    QPushButton *m_approve;
    QPushButton *m_changes;
    QPushButton *m_reject;
    QLabel *m_status;
    QLabel *m_empty;
    QWidget *m_content;
};

} // namespace delegate::ui
