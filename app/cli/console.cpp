// SPDX-License-Identifier: GPL-3.0-or-later
#include "console.h"

#include <QFile>

namespace delegate::cli {

Console::Console(QIODevice *out, QIODevice *err)
    : m_out(out)
    , m_err(err)
{ }

Console &Console::standard()
{
    static QFile out;
    static QFile err;
    if (!out.isOpen()) {
        out.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered);
        err.open(stderr, QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    static Console console(&out, &err);
    return console;
}

} // namespace delegate::cli
