// SPDX-License-Identifier: GPL-3.0-or-later
#include "llmerror.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace delegate::llm {

bool LlmError::isRetryable() const
{
    switch (kind) {
    case Kind::RateLimited:
    case Kind::ServerError:
    case Kind::Timeout:
    case Kind::Network:
    case Kind::Protocol: // a stream cut mid-way reads as a protocol error
        return true;
    case Kind::BadRequest:
    case Kind::Unauthorized:
    case Kind::Forbidden:
    case Kind::NotFound:
        return false;
    }
    return false;
}

QString LlmError::kindName() const
{
    switch (kind) {
    case Kind::BadRequest:
        return u"bad_request"_s;
    case Kind::Unauthorized:
        return u"unauthorized"_s;
    case Kind::Forbidden:
        return u"forbidden"_s;
    case Kind::NotFound:
        return u"not_found"_s;
    case Kind::RateLimited:
        return u"rate_limited"_s;
    case Kind::ServerError:
        return u"server_error"_s;
    case Kind::Timeout:
        return u"timeout"_s;
    case Kind::Network:
        return u"network"_s;
    case Kind::Protocol:
        return u"protocol"_s;
    }
    return {};
}

namespace {

// Both dialects nest the text under error.message; some servers send a bare
// string or plain text instead.
QString providerErrorText(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonValue error = document.object().value("error"_L1);
        if (error.isObject())
            return error.toObject().value("message"_L1).toString();
        if (error.isString())
            return error.toString();
        const QString message = document.object().value("message"_L1).toString();
        if (!message.isEmpty())
            return message;
    }
    return QString::fromUtf8(body.left(500)).trimmed();
}

} // namespace

LlmError errorForHttpStatus(int status, const QByteArray &body, const QString &providerName,
                            const QString &model, const QString &baseUrl)
{
    LlmError error;
    error.httpStatus = status;
    error.providerMessage = providerErrorText(body);
    const QString said =
        error.providerMessage.isEmpty() ? QString() : u" The provider said: "_s + error.providerMessage;
    switch (status) {
    case 400:
        error.kind = LlmError::Kind::BadRequest;
        error.message =
            u"%1 rejected the request as malformed (HTTP 400).%2 Check the model name '%3' and the task's limits (max tokens)."_s
                .arg(providerName, said, model);
        break;
    case 401:
        error.kind = LlmError::Kind::Unauthorized;
        error.message =
            u"%1 did not accept the API key (HTTP 401).%2 Set a valid key in Settings or in the provider's key variable."_s
                .arg(providerName, said);
        break;
    case 403:
        error.kind = LlmError::Kind::Forbidden;
        error.message =
            u"%1 refused access (HTTP 403).%2 The key may not be allowed to use model '%3'; check the key's permissions or choose another model."_s
                .arg(providerName, said, model);
        break;
    case 404:
        error.kind = LlmError::Kind::NotFound;
        error.message =
            u"%1 answered 'not found' (HTTP 404).%2 Check the base URL '%3' and that model '%4' exists there."_s
                .arg(providerName, said, baseUrl, model);
        break;
    case 408:
    case 409:
    case 429:
        error.kind = LlmError::Kind::RateLimited;
        error.message = u"%1 asked to slow down (HTTP %2).%3"_s.arg(providerName).arg(status).arg(said);
        break;
    default:
        error.kind = status >= 500 ? LlmError::Kind::ServerError : LlmError::Kind::BadRequest;
        error.message = u"%1 failed with HTTP %2.%3"_s.arg(providerName).arg(status).arg(said);
        break;
    }
    return error;
}

} // namespace delegate::llm
