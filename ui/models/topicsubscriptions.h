// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QObject>

namespace delegate::ui {

class EngineSession;

// Counts who wants a topic of one engine session. EngineSession keeps one
// subscription per topic, so when the run console and the watch wall both
// follow "events:<run>", the first to let go would silence the other; going
// through here, the topic is dropped only when its last user lets go.
class TopicSubscriptions final : public QObject
{
    Q_OBJECT

public:
    // The counter of the session, made on first use and owned by it.
    static TopicSubscriptions *of(EngineSession *session);

    void acquire(const QString &topic);
    void release(const QString &topic);
    int users(const QString &topic) const { return m_users.value(topic); }

private:
    explicit TopicSubscriptions(EngineSession *session);

    EngineSession *m_session;
    QHash<QString, int> m_users;
};

} // namespace delegate::ui
