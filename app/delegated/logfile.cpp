// SPDX-License-Identifier: GPL-3.0-or-later
#include "logfile.h"

#include <QDateTime>
#include <QFile>
#include <QMutex>

using namespace Qt::StringLiterals;

namespace {

QFile *s_log = nullptr;
QMutex s_logMutex;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

void writeMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' '
        + levelName(type) + ' ' + message.toUtf8() + '\n';
    const QMutexLocker locker(&s_logMutex);
    s_log->write(line);
    s_log->flush();
}

} // namespace

std::optional<QString> logToFile(const QString &path)
{
    auto *file = new QFile(path);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append)) {
        const QString problem = u"cannot write the log file %1: %2"_s.arg(path, file->errorString());
        delete file;
        return problem;
    }
    s_log = file; // kept until the process ends, for messages written while it exits
    qInstallMessageHandler(writeMessage);
    return std::nullopt;
}
