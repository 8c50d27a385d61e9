// SPDX-License-Identifier: GPL-3.0-or-later
#include "clistreammapper.h"

#include "claudecodestreammapper.h"
#include "codexstreammapper.h"
#include "geministreammapper.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace delegate {

AgentEvents CliStreamMapper::mapLine(const QByteArray &line)
{
    const QByteArray trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &error);
    if (!document.isObject()) {
        const QString reason =
            error.error == QJsonParseError::NoError ? u"not a JSON object"_s : error.errorString();
        return { { agentevents::malformed,
                   { { u"error"_s, u"Could not read a line of the agent's output: %1."_s.arg(reason) },
                     { u"line"_s, QString::fromUtf8(trimmed.left(2000)) } } } };
    }
    return mapObject(document.object());
}

std::unique_ptr<CliStreamMapper> CliStreamMapper::create(Runtime runtime)
{
    switch (runtime) {
    case Runtime::ClaudeCode:
        return std::make_unique<ClaudeCodeStreamMapper>();
    case Runtime::Codex:
        return std::make_unique<CodexStreamMapper>();
    case Runtime::Gemini:
        return std::make_unique<GeminiStreamMapper>();
    }
    return nullptr;
}

} // namespace delegate
