// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sandbox/sandboxpolicy.h"
#include "sandbox/sandboxresult.h"
#include "sandbox/sandboxsession.h"

#include <QCoro/QCoroTask>
#include <QObject>

#include <memory>

namespace delegate {

// A place where sandboxed sessions run: this machine, or another one.
class Sandbox : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Sandbox() override = default;

    // Checks that the sandbox can work at all here, with an actionable error
    // when it cannot (missing tool, disabled kernel feature).
    virtual QCoro::Task<SandboxResult<void>> probe() = 0;

    virtual QCoro::Task<SandboxResult<std::unique_ptr<SandboxSession>>> prepare(SandboxPolicy policy) = 0;
};

} // namespace delegate
