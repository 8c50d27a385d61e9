// SPDX-License-Identifier: GPL-3.0-or-later
#include "agenttoolbox.h"

#include "agents/agenthost.h"
#include "sandbox/sandboxsession.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QJsonObject stringProperty(const QString &description)
{
    return { { u"type"_s, u"string"_s }, { u"description"_s, description } };
}

QJsonObject schema(const QJsonObject &properties, const QStringList &required)
{
    return { { u"type"_s, u"object"_s },
             { u"properties"_s, properties },
             { u"required"_s, QJsonArray::fromStringList(required) },
             { u"additionalProperties"_s, false } };
}

const QStringList writeTools { u"write_file"_s, u"edit_file"_s };

// Reads a required string argument or says exactly what is missing.
std::optional<QString> requiredString(const QJsonObject &arguments, const QString &name, QString *error)
{
    const QJsonValue value = arguments.value(name);
    if (!value.isString()) {
        *error = value.isUndefined() ? u"Missing argument '%1' (a string)."_s.arg(name)
                                     : u"Argument '%1' must be a string."_s.arg(name);
        return std::nullopt;
    }
    return value.toString();
}

ToolOutcome failure(const QString &message)
{
    return { message, true, std::nullopt };
}

} // namespace

AgentToolbox::AgentToolbox(Capabilities capabilities, QPointer<SandboxSession> session, AgentHost *host)
    : m_capabilities(std::move(capabilities))
    , m_session(std::move(session))
    , m_host(host)
{ }

bool AgentToolbox::canRead() const
{
    return m_capabilities.repository != Capabilities::RepositoryAccess::None;
}

bool AgentToolbox::canWrite() const
{
    return m_capabilities.repository == Capabilities::RepositoryAccess::Write && m_writeOpen;
}

// Commands can change files, so with read-only access they still run (the
// sandbox mounts the workspace read-only then) but need repository access
// or granted tools to have anything to work on.
bool AgentToolbox::canRun() const
{
    return canRead() || !m_capabilities.tools.isEmpty();
}

QList<llm::ToolSpec> AgentToolbox::offeredTools() const
{
    QList<llm::ToolSpec> tools;
    if (canRead()) {
        tools.append({ u"list_files"_s, u"List files in the workspace (paths relative to its root)."_s,
                       schema({ { u"path"_s, stringProperty(u"Directory to list; empty for the root."_s) },
                                { u"recursive"_s, QJsonObject { { u"type"_s, u"boolean"_s } } } },
                              {}) });
        tools.append(
            { u"read_file"_s, u"Read a text file from the workspace."_s,
              schema({ { u"path"_s, stringProperty(u"File path relative to the workspace root."_s) } },
                     { u"path"_s }) });
        tools.append(
            { u"search"_s, u"Search file contents in the workspace with a regular expression (grep -E)."_s,
              schema(
                  { { u"pattern"_s, stringProperty(u"Extended regular expression."_s) },
                    { u"path"_s, stringProperty(u"Directory or file to search; empty for everything."_s) } },
                  { u"pattern"_s }) });
    }
    if (canWrite()) {
        tools.append({ u"write_file"_s, u"Create or overwrite a file in the workspace."_s,
                       schema({ { u"path"_s, stringProperty(u"File path relative to the workspace root."_s) },
                                { u"content"_s, stringProperty(u"The whole new content."_s) } },
                              { u"path"_s, u"content"_s }) });
        tools.append(
            { u"edit_file"_s,
              u"Replace an exact piece of text in a file. old_text must occur exactly once unless replace_all is true."_s,
              schema({ { u"path"_s, stringProperty(u"File path relative to the workspace root."_s) },
                       { u"old_text"_s, stringProperty(u"Text to replace, copied exactly."_s) },
                       { u"new_text"_s, stringProperty(u"Replacement text."_s) },
                       { u"replace_all"_s, QJsonObject { { u"type"_s, u"boolean"_s } } } },
                     { u"path"_s, u"old_text"_s, u"new_text"_s }) });
    }
    if (canRun()) {
        tools.append({ u"run"_s,
                       u"Run a shell command in the workspace (sh -c) and return its exit code and output."_s,
                       schema({ { u"command"_s, stringProperty(u"The command line."_s) },
                                { u"timeout_seconds"_s, QJsonObject { { u"type"_s, u"integer"_s } } } },
                              { u"command"_s }) });
    }
    tools.append(
        { u"ask_human"_s,
          u"Ask the person who delegated the task a question and wait for the answer. Use it when the task is ambiguous, not for permission to do what the task already asks."_s,
          schema(
              { { u"question"_s, stringProperty(u"The question, with the context needed to answer it."_s) },
                { u"options"_s,
                  QJsonObject { { u"type"_s, u"array"_s },
                                { u"items"_s, QJsonObject { { u"type"_s, u"string"_s } } } } } },
              { u"question"_s }) });
    QJsonArray kinds { u"patch"_s, u"report"_s, u"issues"_s };
    if (m_planRequired && !m_writeOpen)
        kinds.prepend(u"plan"_s);
    tools.append(
        { u"submit"_s,
          u"Hand in the result for human review. kind 'plan' asks for approval before changing anything; 'patch' submits the workspace changes; 'report' a Markdown diagnosis; 'issues' a JSON array of issue drafts."_s,
          schema(
              { { u"kind"_s, QJsonObject { { u"type"_s, u"string"_s }, { u"enum"_s, kinds } } },
                { u"summary"_s, stringProperty(u"One paragraph a reviewer reads first."_s) },
                { u"content"_s,
                  stringProperty(
                      u"The plan or report (Markdown), the issue drafts (JSON), or notes on the patch."_s) } },
              { u"kind"_s, u"summary"_s, u"content"_s }) });
    return tools;
}

bool AgentToolbox::isOffered(const QString &name) const
{
    const QList<llm::ToolSpec> tools = offeredTools();
    return std::any_of(tools.cbegin(), tools.cend(),
                       [&](const llm::ToolSpec &tool) { return tool.name == name; });
}

QCoro::Task<ToolOutcome> AgentToolbox::execute(llm::ToolCall call)
{
    if (!call.argumentsValid) {
        co_return failure(
            u"The arguments of '%1' are not a valid JSON object: %2. Call the tool again with a JSON object."_s
                .arg(call.name, call.rawArguments.left(200)));
    }
    if (!isOffered(call.name)) {
        QStringList names;
        for (const llm::ToolSpec &tool : offeredTools())
            names.append(tool.name);
        if (writeTools.contains(call.name)
            && m_capabilities.repository == Capabilities::RepositoryAccess::Write) {
            co_return failure(
                u"'%1' is closed until your plan is approved: investigate, then call submit with kind 'plan'."_s
                    .arg(call.name));
        }
        co_return failure(
            u"There is no tool '%1' here. Available tools: %2."_s.arg(call.name, names.join(u", "_s)));
    }
    if (!m_session && call.name != "ask_human"_L1 && call.name != "submit"_L1)
        co_return failure(u"The sandbox session is gone; the run is being stopped."_s);

    const QJsonObject &arguments = call.arguments;
    if (call.name == "list_files"_L1)
        co_return co_await listFiles(arguments);
    if (call.name == "read_file"_L1)
        co_return co_await readFile(arguments);
    if (call.name == "search"_L1)
        co_return co_await search(arguments);
    if (call.name == "write_file"_L1)
        co_return co_await writeFile(arguments);
    if (call.name == "edit_file"_L1)
        co_return co_await editFile(arguments);
    if (call.name == "run"_L1)
        co_return co_await runCommand(arguments);
    if (call.name == "ask_human"_L1)
        co_return co_await askHuman(call.id, arguments);
    co_return submit(arguments);
}

QCoro::Task<ToolOutcome> AgentToolbox::listFiles(QJsonObject arguments)
{
    const QString path = arguments.value("path"_L1).toString();
    auto listing = co_await m_session->listFiles(path, arguments.value("recursive"_L1).toBool(true));
    if (!listing)
        co_return failure(listing.error().message);
    QStringList lines;
    for (const SandboxFileEntry &entry : listing.value())
        lines.append(entry.type == SandboxFileEntry::Type::Directory ? entry.path + u'/' : entry.path);
    lines.sort();
    co_return ToolOutcome { truncated(lines.join(u'\n'), m_outputLimit), false, std::nullopt };
}

QCoro::Task<ToolOutcome> AgentToolbox::readFile(QJsonObject arguments)
{
    QString error;
    const auto path = requiredString(arguments, u"path"_s, &error);
    if (!path)
        co_return failure(error);
    auto content = co_await m_session->readFile(*path);
    if (!content)
        co_return failure(content.error().message);
    co_return ToolOutcome { truncated(QString::fromUtf8(content.value()), m_outputLimit), false,
                            std::nullopt };
}

QCoro::Task<ToolOutcome> AgentToolbox::search(QJsonObject arguments)
{
    QString error;
    const auto pattern = requiredString(arguments, u"pattern"_s, &error);
    if (!pattern)
        co_return failure(error);
    const QString path = arguments.value("path"_L1).toString(u"."_s);
    ExecRequest request;
    request.argv = { u"grep"_s, u"-rnIE"_s, u"--exclude-dir=.git"_s,
                     u"--"_s,   *pattern,   path.isEmpty() ? u"."_s : path };
    const ExecResult result = co_await m_session->exec(request);
    if (result.error)
        co_return failure(result.error->message);
    if (result.exitCode == 1)
        co_return ToolOutcome { u"No matches."_s, false, std::nullopt };
    if (result.exitCode != 0)
        co_return failure(QString::fromUtf8(result.stderrData));
    co_return ToolOutcome { truncated(QString::fromUtf8(result.stdoutData), m_outputLimit), false,
                            std::nullopt };
}

QCoro::Task<ToolOutcome> AgentToolbox::writeFile(QJsonObject arguments)
{
    QString error;
    const auto path = requiredString(arguments, u"path"_s, &error);
    const auto content = path ? requiredString(arguments, u"content"_s, &error) : std::nullopt;
    if (!path || !content)
        co_return failure(error);
    const auto written = co_await m_session->writeFile(*path, content->toUtf8());
    if (!written)
        co_return failure(written.error().message);
    co_return ToolOutcome { u"Wrote %1 (%2 bytes)."_s.arg(*path).arg(content->toUtf8().size()), false,
                            std::nullopt };
}

QCoro::Task<ToolOutcome> AgentToolbox::editFile(QJsonObject arguments)
{
    QString error;
    const auto path = requiredString(arguments, u"path"_s, &error);
    const auto oldText = path ? requiredString(arguments, u"old_text"_s, &error) : std::nullopt;
    const auto newText = oldText ? requiredString(arguments, u"new_text"_s, &error) : std::nullopt;
    if (!path || !oldText || !newText)
        co_return failure(error);
    if (oldText->isEmpty())
        co_return failure(u"old_text is empty; use write_file to create a file."_s);
    auto content = co_await m_session->readFile(*path);
    if (!content)
        co_return failure(content.error().message);
    QString text = QString::fromUtf8(content.value());
    const qsizetype occurrences = text.count(*oldText);
    const bool replaceAll = arguments.value("replace_all"_L1).toBool();
    if (occurrences == 0)
        co_return failure(
            u"old_text does not occur in %1; read the file and copy the text exactly."_s.arg(*path));
    if (occurrences > 1 && !replaceAll) {
        co_return failure(
            u"old_text occurs %1 times in %2; include more surrounding text, or set replace_all."_s
                .arg(occurrences)
                .arg(*path));
    }
    text.replace(*oldText, *newText);
    const auto written = co_await m_session->writeFile(*path, text.toUtf8());
    if (!written)
        co_return failure(written.error().message);
    co_return ToolOutcome {
        u"Replaced %1 occurrence(s) in %2."_s.arg(replaceAll ? occurrences : 1).arg(*path), false,
        std::nullopt
    };
}

QCoro::Task<ToolOutcome> AgentToolbox::runCommand(QJsonObject arguments)
{
    QString error;
    const auto command = requiredString(arguments, u"command"_s, &error);
    if (!command)
        co_return failure(error);
    ExecRequest request;
    request.argv = { u"sh"_s, u"-c"_s, *command };
    const int timeoutSeconds = arguments.value("timeout_seconds"_L1).toInt();
    if (timeoutSeconds > 0)
        request.timeout = std::chrono::seconds { timeoutSeconds };
    const ExecResult result = co_await m_session->exec(request);
    if (result.error)
        co_return failure(result.error->message);
    QString text = u"exit code: %1"_s.arg(result.exitCode);
    if (result.timedOut)
        text += u" (killed: it ran past its time limit)"_s;
    if (!result.stdoutData.isEmpty())
        text += u"\n--- stdout ---\n"_s + QString::fromUtf8(result.stdoutData);
    if (!result.stderrData.isEmpty())
        text += u"\n--- stderr ---\n"_s + QString::fromUtf8(result.stderrData);
    // A failing command is information for the model, not a tool error.
    co_return ToolOutcome { truncated(text, m_outputLimit), false, std::nullopt };
}

QCoro::Task<ToolOutcome> AgentToolbox::askHuman(QString callId, QJsonObject arguments)
{
    QString error;
    const auto question = requiredString(arguments, u"question"_s, &error);
    if (!question)
        co_return failure(error);
    QStringList options;
    const QJsonArray optionValues = arguments.value("options"_L1).toArray();
    for (const QJsonValue &option : optionValues)
        options.append(option.toString());
    // A named argument: GCC 12 destroys a braced temporary passed to a
    // coroutine twice once the callee suspends.
    HumanQuestion asked { callId, *question, options };
    const HumanReply reply = co_await m_host->ask(std::move(asked));
    if (reply.verdict == HumanReply::Verdict::Cancelled)
        co_return failure(u"The question was withdrawn; the run is being stopped."_s);
    co_return ToolOutcome { u"%1 answered: %2"_s.arg(reply.decidedBy, reply.text), false, std::nullopt };
}

ToolOutcome AgentToolbox::submit(const QJsonObject &arguments) const
{
    QString error;
    const auto kind = requiredString(arguments, u"kind"_s, &error);
    const auto summary = kind ? requiredString(arguments, u"summary"_s, &error) : std::nullopt;
    const auto content = summary ? requiredString(arguments, u"content"_s, &error) : std::nullopt;
    if (!kind || !summary || !content)
        return failure(error);
    QStringList kinds { u"patch"_s, u"report"_s, u"issues"_s };
    if (m_planRequired && !m_writeOpen)
        kinds.prepend(u"plan"_s);
    if (!kinds.contains(*kind))
        return failure(u"kind must be one of: %1."_s.arg(kinds.join(u", "_s)));
    if (*kind == "issues"_L1) {
        const QJsonDocument drafts = QJsonDocument::fromJson(content->toUtf8());
        if (!drafts.isArray())
            return failure(u"For kind 'issues', content must be a JSON array of issue drafts."_s);
    }
    return ToolOutcome { u"Submitted for review."_s, false, Submission { *kind, *summary, *content, {} } };
}

QString AgentToolbox::truncated(const QString &text, qsizetype limit)
{
    if (text.size() <= limit)
        return text;
    const qsizetype keep = limit / 2;
    const qsizetype elided = text.size() - 2 * keep;
    return text.left(keep) + u"\n[… %1 characters elided …]\n"_s.arg(elided) + text.right(keep);
}

} // namespace delegate
