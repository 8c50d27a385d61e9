// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGTERM and SIGINT into a Qt signal delivered in the event loop, so
// the daemon shuts down cleanly (the store flushes, runs are marked) instead
// of dying inside a signal handler; SIGHUP asks it to reload its tokens file.
class UnixSignalNotifier final : public QObject
{
    Q_OBJECT

public:
    explicit UnixSignalNotifier(QObject *parent = nullptr);
    ~UnixSignalNotifier() override;

Q_SIGNALS:
    void terminationRequested(int signal);
    void reloadRequested();

private:
    static void handle(int signal);
    static int s_fds[2];
    QSocketNotifier *m_notifier = nullptr;
};
