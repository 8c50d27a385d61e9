// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/workspaceerror.h"

#include <optional>
#include <utility>
#include <variant>

namespace delegate {

// Either a value or the WorkspaceError that explains why there is none.
template<typename T> class [[nodiscard]] WorkspaceResult
{
public:
    // Only for containers that need a default (QCoro::waitFor): an error.
    WorkspaceResult()
        : m_data(std::in_place_index<1>,
                 WorkspaceError { WorkspaceErrorCode::Io, QStringLiteral("no result") })
    { }
    WorkspaceResult(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    WorkspaceResult(WorkspaceError error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<0>(m_data); }
    const T &value() const { return std::get<0>(m_data); }
    const WorkspaceError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, WorkspaceError> m_data;
};

template<> class [[nodiscard]] WorkspaceResult<void>
{
public:
    WorkspaceResult() = default;
    WorkspaceResult(WorkspaceError error)
        : m_error(std::move(error))
    { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const WorkspaceError &error() const { return *m_error; }

private:
    std::optional<WorkspaceError> m_error;
};

} // namespace delegate
