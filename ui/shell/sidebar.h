// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QListWidget;

namespace delegate::ui {

class EngineHub;
class EngineSession;

// The sections of the window with their counts (the Inbox count matters
// most: it is amber while something waits), and below them the engines the
// GUI is connected to, each with a coloured connection dot and a word.
class Sidebar final : public QWidget
{
    Q_OBJECT

public:
    enum Section { Inbox, Runs, Watch, Compose, Skills, Environments, History, Settings, SectionCount };
    Q_ENUM(Section)

    explicit Sidebar(EngineHub *hub, QWidget *parent = nullptr);

    void setCount(Section section, int count);
    int count(Section section) const;
    void setCurrent(Section section);
    Section current() const;
    static QString title(Section section);

Q_SIGNALS:
    void sectionChanged(delegate::ui::Sidebar::Section section);
    void engineActivated(const QString &name);

private:
    void addEngine(EngineSession *session);
    void updateEngine(EngineSession *session);

    QListWidget *m_sections;
    QListWidget *m_engines;
};

} // namespace delegate::ui
