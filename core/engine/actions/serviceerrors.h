// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/actions/actioncontext.h"
#include "engine/actions/httpresponse.h"

#include <QString>

#include <chrono>

namespace delegate {

// The wording shared by every service's error messages.
class ServiceErrors final
{
public:
    // A secret that is not set: which one, what it must hold, and how to set it.
    static QString missingSecret(const ResolvedSecret &secret, const QString &whatItHolds);
    // No answer in time, or no connection. A request that timed out may still
    // have been carried out, and `effect` says what to check before a retry.
    static QString transport(const QString &service, const QString &url, const HttpResponse &response,
                             std::chrono::milliseconds timeout, const QString &effect = {});
};

} // namespace delegate
