// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretoutcome.h"

#include <QCoroTask>
#include <QString>

#include <chrono>

namespace delegate {

// Secret values in the system keychain (the Secret Service of GNOME Keyring
// or KeePassXC, KWallet, …) through QtKeychain: one entry per secret name
// under one service name, "Delegate". Every call is an asynchronous keychain
// job, so the caller's thread never waits on D-Bus or on an unlock prompt.
//
// The object holds no state but the service name; a call still running when
// it is destroyed finishes on its own.
class KeychainSecrets final
{
public:
    static constexpr QLatin1StringView defaultService { "Delegate" };

    explicit KeychainSecrets(QString service = QString(defaultService));

    const QString &service() const { return m_service; }

    QCoro::Task<SecretOutcome> read(QString name) const;
    QCoro::Task<SecretOutcome> write(QString name, QString value) const;
    QCoro::Task<SecretOutcome> remove(QString name) const;

    // Whether a keychain service answers: Ok when one does, NoService with
    // the reason when none runs (a headless machine, a desktop without one).
    QCoro::Task<SecretOutcome> probe() const;

    // A keychain that does not answer in this time is treated as absent; an
    // unlock prompt a person has to answer may take this long.
    static constexpr std::chrono::seconds timeout { 120 };

private:
    QString m_service;
};

} // namespace delegate
