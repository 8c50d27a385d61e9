// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIODevice>
#include <QTextStream>

namespace delegate::cli {

// Where a command writes: standard output for results, standard error for
// diagnostics. Tests hand in buffers to read what a command printed.
class Console final
{
public:
    Console(QIODevice *out, QIODevice *err);
    static Console &standard();

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

private:
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace delegate::cli
