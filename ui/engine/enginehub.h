// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rpc/engineconnector.h"

#include <QList>
#include <QObject>

namespace delegate::ui {

class EngineSession;

// The engines the GUI holds connections to, by name ("local", "team" …).
// Views and models take it to show runs of every engine side by side.
class EngineHub final : public QObject
{
    Q_OBJECT

public:
    explicit EngineHub(QObject *parent = nullptr);
    ~EngineHub() override;

    // The hub owns the session; it is not started.
    EngineSession *addEngine(const QString &name, const rpc::ConnectOptions &options);
    void removeEngine(const QString &name);
    EngineSession *engine(const QString &name) const;
    const QList<EngineSession *> &engines() const { return m_engines; }
    void startAll();

Q_SIGNALS:
    void engineAdded(delegate::ui::EngineSession *engine);
    void engineRemoved(const QString &name);

private:
    QList<EngineSession *> m_engines;
};

} // namespace delegate::ui
