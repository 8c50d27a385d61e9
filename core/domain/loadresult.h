// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sourceerror.h"

#include <optional>

namespace delegate {

// A value read from a file, or every problem that kept it from being read.
template<typename T> struct LoadResult
{
    std::optional<T> value;
    SourceErrors errors;

    bool ok() const { return value.has_value(); }
};

} // namespace delegate
