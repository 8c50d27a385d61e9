// SPDX-License-Identifier: GPL-3.0-or-later
#include "topicsubscriptions.h"

#include "engine/enginesession.h"

using namespace Qt::StringLiterals;

namespace delegate::ui {

TopicSubscriptions::TopicSubscriptions(EngineSession *session)
    : QObject(session)
    , m_session(session)
{
    setObjectName(u"delegate-topic-subscriptions"_s);
}

TopicSubscriptions *TopicSubscriptions::of(EngineSession *session)
{
    if (!session)
        return nullptr;
    auto *existing = session->findChild<TopicSubscriptions *>(u"delegate-topic-subscriptions"_s,
                                                              Qt::FindDirectChildrenOnly);
    return existing ? existing : new TopicSubscriptions(session);
}

void TopicSubscriptions::acquire(const QString &topic)
{
    if (m_users[topic]++ == 0)
        m_session->subscribe(topic);
}

void TopicSubscriptions::release(const QString &topic)
{
    const auto found = m_users.find(topic);
    if (found == m_users.end())
        return;
    if (--found.value() > 0)
        return;
    m_users.erase(found);
    m_session->unsubscribe(topic);
}

} // namespace delegate::ui
