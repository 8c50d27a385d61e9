// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace delegate {

// Why the engine refused or could not carry out a command. The message names
// the problem and what to do about it; the code tells a client which kind of
// problem it is (the protocol maps it onto its error codes).
struct EngineError
{
    enum class Code {
        InvalidRequest, // the request itself is wrong: fix it and send it again
        Forbidden, // the caller may not do this (an agent deciding, an auditor reviewing)
        NotFound, // no such run or checkpoint
        Conflict, // the run is not in a state that allows it now
        Unavailable, // the engine cannot do it now: closed, the store failed, no action runner
    };

    Code code = Code::Unavailable;
    QString message;
};

// A value, or the EngineError that explains why there is none.
template<typename T> class [[nodiscard]] EngineResult
{
public:
    // Only for containers that need a default (QCoro::waitFor): an error.
    EngineResult()
        : m_data(std::in_place_index<1>,
                 EngineError { EngineError::Code::Unavailable, QStringLiteral("no result") })
    { }
    EngineResult(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    EngineResult(EngineError error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<0>(m_data); }
    const T &value() const { return std::get<0>(m_data); }
    const EngineError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, EngineError> m_data;
};

template<> class [[nodiscard]] EngineResult<void>
{
public:
    EngineResult() = default;
    EngineResult(EngineError error)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const EngineError &error() const { return *m_error; }

private:
    std::optional<EngineError> m_error;
};

} // namespace delegate
