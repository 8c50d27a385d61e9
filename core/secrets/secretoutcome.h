// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace delegate {

// How one read, write or removal of a secret ended. Only a successful read
// carries a value; messages never contain one.
struct SecretOutcome
{
    enum class Status {
        Ok,
        NotFound, // the store works, but holds no value under that name
        NoService, // no keychain service answers, and no unlocked fallback file
        Failed, // the store answered with an error (denied, locked, unwritable …)
    };

    Status status = Status::Ok;
    QString value; // only for a successful read
    QString message; // for anything but Ok: what happened and what to do

    bool ok() const { return status == Status::Ok; }

    static SecretOutcome success(QString value = {}) { return { Status::Ok, std::move(value), {} }; }
    static SecretOutcome failure(Status status, QString message)
    {
        return { status, {}, std::move(message) };
    }
};

} // namespace delegate
