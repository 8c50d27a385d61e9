// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence.h"

#include "jsonreader.h"
#include "jsonwrite.h"

namespace delegate {

template<> std::span<const EnumName<Evidence::Outcome>> enumNames<Evidence::Outcome>()
{
    static constexpr EnumName<Evidence::Outcome> names[] = {
        { Evidence::Outcome::Passed, QLatin1StringView("passed") },
        { Evidence::Outcome::Failed, QLatin1StringView("failed") },
        { Evidence::Outcome::Skipped, QLatin1StringView("skipped") },
    };
    return names;
}

QJsonObject Evidence::Command::toJson() const
{
    return {
        { QLatin1String("command"), command },
        { QLatin1String("exit_code"), exitCode },
        { QLatin1String("output"), output },
    };
}

Evidence::Command Evidence::Command::read(JsonReader &reader)
{
    Command command;
    command.command = reader.text(QLatin1StringView("command"), JsonReader::Need::Required);
    // Negative codes stand for "killed by signal N".
    command.exitCode = int(reader.integer(QLatin1StringView("exit_code"), -255, 255).value_or(0));
    command.output = reader.text(QLatin1StringView("output"));
    reader.finish();
    return command;
}

QJsonObject Evidence::TestResult::toJson() const
{
    return {
        { QLatin1String("name"), name },
        { QLatin1String("outcome"), enumToString(outcome) },
        { QLatin1String("detail"), detail },
    };
}

Evidence::TestResult Evidence::TestResult::read(JsonReader &reader)
{
    TestResult result;
    result.name = reader.text(QLatin1StringView("name"), JsonReader::Need::Required);
    result.outcome = reader.enumeration<Outcome>(QLatin1StringView("outcome"), JsonReader::Need::Required)
                         .value_or(Outcome::Passed);
    result.detail = reader.text(QLatin1StringView("detail"));
    reader.finish();
    return result;
}

QJsonObject Evidence::toJson() const
{
    return {
        { QLatin1String("commands"), json::array(commands) },
        { QLatin1String("tests"), json::array(tests) },
    };
}

Evidence Evidence::read(JsonReader &reader)
{
    Evidence evidence;
    evidence.commands = reader.list<Command>(QLatin1StringView("commands"), &Command::read);
    evidence.tests = reader.list<TestResult>(QLatin1StringView("tests"), &TestResult::read);
    reader.finish();
    return evidence;
}

} // namespace delegate
