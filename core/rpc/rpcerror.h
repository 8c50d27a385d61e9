// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace delegate::rpc {

// The JSON-RPC 2.0 error codes, and Delegate's own in the server range.
// docs/protocol.md lists them with what a client should do about each.
enum ErrorCode : int {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    Unauthenticated = -32001, // no valid token: the connection is closed
    Forbidden = -32002, // the caller's role may not call this method
    NotFound = -32003, // the run, checkpoint or artifact does not exist
    Conflict = -32004, // the object is not in a state that allows this
    Unavailable = -32005, // the engine cannot do it now (shutting down, store error)
};

struct RpcError
{
    int code = InternalError;
    QString message;
    QJsonValue data;

    QJsonObject toJson() const;
    static RpcError fromJson(const QJsonObject &json);
};

// A method's answer: a result or an error.
struct RpcOutcome
{
    QJsonValue result;
    std::optional<RpcError> error;

    static RpcOutcome ok(QJsonValue result = QJsonObject()) { return { std::move(result), std::nullopt }; }
    static RpcOutcome fail(int code, QString message, QJsonValue data = {})
    {
        return { {}, RpcError { code, std::move(message), std::move(data) } };
    }
};

} // namespace delegate::rpc
