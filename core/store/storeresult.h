// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace delegate {

// A value, or the message of what went wrong: it names the problem and, where
// there is one, the fix. The store's operations return these instead of
// throwing, because most of their failures (a full disk, a locked or foreign
// database) are the user's to act on.
template<typename T> class StoreResult final
{
public:
    StoreResult(T value)
        : m_value(std::move(value))
    { }

    static StoreResult failure(QString message)
    {
        StoreResult result;
        result.m_error = std::move(message);
        return result;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const QString &error() const { return m_error; }

private:
    StoreResult() = default;

    std::optional<T> m_value;
    QString m_error;
};

// For operations without a value: an empty optional means success.
using StoreError = std::optional<QString>;

} // namespace delegate
