// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/eventkindlook.h"

#include <QApplication>
#include <QCoreApplication>
#include <QHash>
#include <QStyle>

namespace delegate::ui::EventKindLook {

using namespace Qt::StringLiterals;

namespace {

struct Family
{
    const char *prefix;
    const char *themeIcon;
    QStyle::StandardPixmap fallback;
    const char *description;
};

// Theme icons where the desktop has them, the style's own otherwise (the
// offscreen platform and minimal desktops have no theme).
const Family families[] = {
    { "run.", "media-playback-start", QStyle::SP_MediaPlay,
      QT_TRANSLATE_NOOP("EventKindLook", "The run's lifecycle: submitted, state changes, usage, steering") },
    { "agent.", "user-available", QStyle::SP_MessageBoxInformation,
      QT_TRANSLATE_NOOP("EventKindLook", "What the agent said or used") },
    { "tool.", "utilities-terminal", QStyle::SP_ComputerIcon,
      QT_TRANSLATE_NOOP("EventKindLook", "A tool the agent called, and its result") },
    { "checkpoint.", "dialog-question", QStyle::SP_MessageBoxQuestion,
      QT_TRANSLATE_NOOP("EventKindLook", "A checkpoint opened for a person, and its decision") },
    { "review.", "document-edit", QStyle::SP_DialogApplyButton,
      QT_TRANSLATE_NOOP("EventKindLook", "A reviewer's verdict on an artifact version") },
    { "artifact.", "document-new", QStyle::SP_FileIcon,
      QT_TRANSLATE_NOOP("EventKindLook", "An artifact version handed in for review") },
    { "action.", "system-run", QStyle::SP_CommandLink,
      QT_TRANSLATE_NOOP("EventKindLook", "An approved action the engine executed, and its result") },
    { "engine.", "computer", QStyle::SP_DriveHDIcon,
      QT_TRANSLATE_NOOP("EventKindLook", "The engine started or stopped") },
    { "network.", "network-wired", QStyle::SP_DriveNetIcon,
      QT_TRANSLATE_NOOP("EventKindLook", "A connection through the sandbox's network proxy") },
};

const Family *familyOf(const QString &kind)
{
    for (const Family &family : families) {
        if (kind.startsWith(QLatin1StringView(family.prefix)))
            return &family;
    }
    return nullptr;
}

} // namespace

QIcon icon(const QString &kind)
{
    // Never destroyed: icons must not outlive the application object, and a
    // static's destructor runs after it is gone.
    static auto &cache = *new QHash<QString, QIcon>;
    const Family *family = familyOf(kind);
    const QString key = family ? QString::fromLatin1(family->prefix) : QString();
    if (const auto it = cache.constFind(key); it != cache.cend())
        return it.value();
    QIcon found;
    if (qobject_cast<QApplication *>(QCoreApplication::instance())) {
        const QStyle::StandardPixmap fallback = family ? family->fallback : QStyle::SP_FileDialogDetailedView;
        const QIcon standard = QApplication::style()->standardIcon(fallback);
        found = family ? QIcon::fromTheme(QString::fromLatin1(family->themeIcon), standard) : standard;
    }
    cache.insert(key, found);
    return found;
}

QString description(const QString &kind)
{
    const Family *family = familyOf(kind);
    return family ? QCoreApplication::translate("EventKindLook", family->description) : QString();
}

} // namespace delegate::ui::EventKindLook
