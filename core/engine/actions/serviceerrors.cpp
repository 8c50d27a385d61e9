// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/serviceerrors.h"

using namespace Qt::StringLiterals;

namespace delegate {

QString ServiceErrors::missingSecret(const ResolvedSecret &secret, const QString &whatItHolds)
{
    return u"the secret %1 is not set: %2 (it must hold %3)"_s.arg(secret.name, secret.howToSet, whatItHolds);
}

QString ServiceErrors::transport(const QString &service, const QString &url, const HttpResponse &response,
                                 std::chrono::milliseconds timeout, const QString &effect)
{
    if (response.outcome == HttpResponse::Outcome::TimedOut) {
        QString message = u"%1 did not answer within %2 ms at %3. Check the network (and a proxy, if you "
                          u"need one), or raise the "
                          u"request timeout in Delegate's settings."_s.arg(service)
                              .arg(timeout.count())
                              .arg(url);
        if (!effect.isEmpty())
            message += u" The request may still have gone through: "_s + effect;
        return message;
    }
    return u"Could not reach %1 at %2 (%3). Check the network and the %1 URL in Delegate's settings."_s.arg(
        service, url, response.networkError);
}

} // namespace delegate
