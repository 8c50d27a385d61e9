// SPDX-License-Identifier: GPL-3.0-or-later
#include "rpcerror.h"

using namespace Qt::StringLiterals;

namespace delegate::rpc {

QJsonObject RpcError::toJson() const
{
    QJsonObject json { { u"code"_s, code }, { u"message"_s, message } };
    if (!data.isUndefined() && !data.isNull())
        json.insert(u"data"_s, data);
    return json;
}

RpcError RpcError::fromJson(const QJsonObject &json)
{
    return { json.value("code"_L1).toInt(InternalError), json.value("message"_L1).toString(),
             json.value("data"_L1) };
}

} // namespace delegate::rpc
