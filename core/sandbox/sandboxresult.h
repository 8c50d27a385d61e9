// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/sandboxerror.h"

#include <optional>
#include <utility>
#include <variant>

namespace delegate {

// Either a value or the SandboxError that explains why there is none.
template<typename T> class [[nodiscard]] SandboxResult
{
public:
    // Only for containers that need a default (QCoro::waitFor): an error.
    SandboxResult()
        : m_data(std::in_place_index<1>,
                 SandboxError { SandboxErrorCode::Io, QStringLiteral("no result was produced") })
    { }
    SandboxResult(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    SandboxResult(SandboxError error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() { return std::get<0>(m_data); }
    const T &value() const { return std::get<0>(m_data); }
    T takeValue() { return std::move(std::get<0>(m_data)); }
    const SandboxError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, SandboxError> m_data;
};

template<> class [[nodiscard]] SandboxResult<void>
{
public:
    SandboxResult() = default;
    SandboxResult(SandboxError error)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const SandboxError &error() const { return *m_error; }

private:
    std::optional<SandboxError> m_error;
};

} // namespace delegate
