// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "confirmation.h"

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QSplitter;

namespace delegate::ui {

class AttemptColumn;
class EngineHub;
class EngineSession;
class InlineMessage;

// Attempts of one task (best-of-N), two to four side by side: state, diff
// stats, verify results, cost, duration and the diff of each. Picking one
// approves it and closes the others — in-review attempts are rejected with
// the reason "Another attempt was chosen: <run id>", attempts still going
// are cancelled — after a confirmation that lists each of those steps.
class CompareView final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int maximumAttempts = 4;

    explicit CompareView(EngineHub *hub, QWidget *parent = nullptr);
    ~CompareView() override;

    // The first four of runIds are shown.
    void showAttempts(const QString &engine, const QStringList &runIds);
    QString engineName() const { return m_engine; }
    QStringList runIds() const;
    void reload();

    void setConfirmer(Confirmer confirmer);
    void pick(const QString &runId);

    QList<AttemptColumn *> columns() const { return m_columns; }
    AttemptColumn *column(const QString &runId) const;
    InlineMessage *message() const { return m_message; }

Q_SIGNALS:
    // Every attempt's detail is shown (after each load).
    void loaded();
    // Picking finished: the run approved, the others closed (or the message says what failed).
    void picked(const QString &engine, const QString &runId, bool ok);

private:
    EngineSession *session() const;
    void watchSession();
    void loadColumn(AttemptColumn *column);
    void loadVerifyFromLog(AttemptColumn *column);
    void updatePickButtons();

    EngineHub *m_hub;
    QString m_engine;
    Confirmer m_confirmer;
    QList<AttemptColumn *> m_columns;
    QMetaObject::Connection m_notifications;
    QMetaObject::Connection m_ready;
    quint64 m_generation = 0;
    int m_pending = 0;
    bool m_picking = false;
    QLabel *m_title;
    QLabel *m_subtitle;
    InlineMessage *m_message;
    QSplitter *m_splitter;
};

} // namespace delegate::ui
