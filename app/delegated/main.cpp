// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/eventstore.h"
#include "unixsignalnotifier.h"
#include "version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"delegate"_s);
    QCoreApplication::setApplicationVersion(QLatin1String(delegate::versionString));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"The Delegate engine: keeps the audit history and runs agents in the background."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ u"store"_s,
                       u"The database file (default: %1)."_s.arg(delegate::EventStore::defaultPath()),
                       u"path"_s });
    parser.process(app);

    QTextStream err(stderr);
    delegate::EventStore store;
    delegate::EventStoreOptions options;
    options.path = parser.value(u"store"_s);
    if (const delegate::StoreError error = store.open(options); error) {
        err << "delegated: " << *error << Qt::endl;
        return 69;
    }
    const auto started =
        store.appendAndWait({ {},
                              u"system"_s,
                              u"engine.started"_s,
                              { { u"version"_s, QLatin1String(delegate::versionString) } } });
    if (!started.ok()) {
        err << "delegated: " << started.error << Qt::endl;
        return 70;
    }

    UnixSignalNotifier signals;
    QObject::connect(&signals, &UnixSignalNotifier::terminationRequested, &app, [&](int signal) {
        store.appendAndWait({ {}, u"system"_s, u"engine.stopped"_s, { { u"signal"_s, signal } } });
        store.close();
        QCoreApplication::quit();
    });
    err << "delegated: using " << store.path() << Qt::endl;
    return app.exec();
}
