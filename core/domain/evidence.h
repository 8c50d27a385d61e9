// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "enumnames.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace delegate {

class JsonReader;

// What backs an artifact up: the commands the agent ran and the tests' results,
// so a reviewer can check the claim instead of trusting it.
struct Evidence
{
    struct Command
    {
        QString command;
        int exitCode = 0;
        QString output; // an excerpt: the lines that matter, not the whole log

        QJsonObject toJson() const;
        static Command read(JsonReader &reader);
        friend bool operator==(const Command &, const Command &) = default;
    };

    enum class Outcome { Passed, Failed, Skipped };

    struct TestResult
    {
        QString name;
        Outcome outcome = Outcome::Passed;
        QString detail;

        QJsonObject toJson() const;
        static TestResult read(JsonReader &reader);
        friend bool operator==(const TestResult &, const TestResult &) = default;
    };

    QList<Command> commands;
    QList<TestResult> tests;

    QJsonObject toJson() const;
    static Evidence read(JsonReader &reader);

    friend bool operator==(const Evidence &, const Evidence &) = default;
};

template<> std::span<const EnumName<Evidence::Outcome>> enumNames<Evidence::Outcome>();

} // namespace delegate
