// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoro/QCoroTask>
#include <QString>

namespace delegate {

// Where API keys and connector tokens are kept, by name: the system keychain
// in the app and the engine. Values never go into the settings file.
class KeyStore
{
public:
    struct ReadResult
    {
        bool found = false;
        QString value;
        QString error; // the keychain failed (not "absent"): what happened and what to do
    };

    virtual ~KeyStore() = default;

    virtual QCoro::Task<ReadResult> readKey(QString name) = 0;
    // An empty answer means it was stored; otherwise what went wrong.
    virtual QCoro::Task<QString> writeKey(QString name, QString value) = 0;
    // Removing a key that is not there succeeds.
    virtual QCoro::Task<QString> removeKey(QString name) = 0;
};

} // namespace delegate
