// SPDX-License-Identifier: GPL-3.0-or-later
#include "enginepanel.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "review/inlinemessage.h"
#include "rpc/localengine.h"
#include "settings/settingsfile.h"
#include "store/eventstore.h"

#include <QCheckBox>
#include <QCoro/QCoroTimer>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <csignal>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

const QString notificationsKey = u"notifications/enabled"_s;

// Asks the local engine to stop (SIGTERM: it records that it stopped) and
// waits up to a minute for it to go; the error, or empty.
QCoro::Task<QString> stopLocalEngine()
{
    const rpc::LocalEngineDirectory directory;
    const rpc::LocalEngineDirectory::ReadResult published = directory.read();
    if (!published.endpoint || published.endpoint->pid <= 0)
        co_return QString();
    const pid_t pid = pid_t(published.endpoint->pid);
    if (::kill(pid, SIGTERM) != 0)
        co_return QString();
    for (int waited = 0; waited < 600; ++waited) {
        if (::kill(pid, 0) != 0)
            co_return QString();
        co_await QCoro::sleepFor(std::chrono::milliseconds(100));
    }
    co_return QCoreApplication::translate("EnginePanel",
                                          "The engine (pid %1) has not stopped after a minute; see %2.")
        .arg(pid)
        .arg(directory.logFile());
}

} // namespace

EnginePanel::EnginePanel(EngineHub *hub, QString settingsPath, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_settingsPath(std::move(settingsPath))
    , m_maxRuns(new QSpinBox(this))
    , m_limitBudget(new QCheckBox(tr("Limit spending per day (UTC) to"), this))
    , m_budget(new QDoubleSpinBox(this))
    , m_store(new QLineEdit(this))
    , m_notifications(
          new QCheckBox(tr("Notify me when an agent needs a person (question, plan, approval)"), this))
    , m_restart(new QPushButton(tr("&Restart the engine"), this))
    , m_message(new InlineMessage(this))
{
    m_maxRuns->setObjectName(u"maxRuns"_s);
    m_limitBudget->setObjectName(u"limitBudget"_s);
    m_budget->setObjectName(u"dailyBudget"_s);
    m_store->setObjectName(u"storePath"_s);
    m_notifications->setObjectName(u"notifications"_s);
    m_restart->setObjectName(u"restartEngine"_s);
    m_message->setObjectName(u"engineMessage"_s);

    m_maxRuns->setRange(1, 1000);
    m_budget->setRange(0, 100000);
    m_budget->setDecimals(2);
    m_budget->setPrefix(u"$"_s);
    m_store->setPlaceholderText(EventStore::defaultPath());
    connect(m_limitBudget, &QCheckBox::toggled, m_budget, &QWidget::setEnabled);

    auto *save = new QPushButton(tr("&Save"), this);
    save->setObjectName(u"saveEngine"_s);
    connect(save, &QPushButton::clicked, this, &EnginePanel::save);
    connect(m_restart, &QPushButton::clicked, this, &EnginePanel::restartEngine);

    auto *limits = new QGroupBox(tr("Local engine"), this);
    auto *form = new QFormLayout(limits);
    form->addRow(tr("Runs at once"), m_maxRuns);
    form->addRow(m_limitBudget, m_budget);
    form->addRow(tr("Store (database file)"), m_store);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(save);
    buttons->addWidget(m_restart);
    buttons->addStretch(1);
    form->addRow(buttons);
    form->addRow(m_message);

    auto *notifications = new QGroupBox(tr("Notifications"), this);
    auto *notificationLayout = new QVBoxLayout(notifications);
    notificationLayout->addWidget(m_notifications);
    m_notifications->setChecked(notificationsEnabled());
    connect(m_notifications, &QCheckBox::toggled, this,
            [](bool on) { QSettings().setValue(notificationsKey, on); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(limits);
    layout->addWidget(notifications);
    layout->addStretch(1);
    reload();
}

bool EnginePanel::notificationsEnabled()
{
    return QSettings().value(notificationsKey, true).toBool();
}

void EnginePanel::reload()
{
    const LoadResult<DelegateSettings> loaded = SettingsFile::load(m_settingsPath);
    const EngineSettings engine = loaded.ok() ? loaded.value->engine : EngineSettings {};
    m_maxRuns->setValue(engine.maxConcurrentRuns.value_or(4));
    m_limitBudget->setChecked(engine.dailyBudgetUsd.has_value());
    m_budget->setEnabled(engine.dailyBudgetUsd.has_value());
    m_budget->setValue(engine.dailyBudgetUsd.value_or(10));
    m_store->setText(engine.storePath);
}

void EnginePanel::save()
{
    LoadResult<DelegateSettings> loaded = SettingsFile::load(m_settingsPath);
    if (!loaded.ok()) {
        m_message->showError(tr("The settings file cannot be read, so nothing was saved: %1")
                                 .arg(loaded.errors.value(0).toString()));
        return;
    }
    const QString store = m_store->text().trimmed();
    if (!store.isEmpty() && QDir::isRelativePath(store)) {
        m_message->showError(
            tr("The store must be an absolute path, such as %1.").arg(EventStore::defaultPath()));
        m_store->setFocus();
        return;
    }
    EngineSettings &engine = loaded.value->engine;
    engine.maxConcurrentRuns = m_maxRuns->value();
    engine.dailyBudgetUsd =
        m_limitBudget->isChecked() ? std::optional<double>(m_budget->value()) : std::optional<double>();
    engine.storePath = store;
    if (const auto problem = SettingsFile::save(*loaded.value, m_settingsPath)) {
        m_message->showError(*problem);
        return;
    }
    m_message->showMessage(
        InlineMessage::Kind::Success,
        tr("Saved. The engine restarts to apply: runs under way are interrupted and resume "
           "after the restart."));
}

void EnginePanel::restartEngine()
{
    m_restart->setEnabled(false);
    m_message->showInformation(tr("Restarting the local engine…"));
    QCoro::connect(stopLocalEngine(), this, [this](const QString &problem) {
        m_restart->setEnabled(true);
        if (!problem.isEmpty()) {
            m_message->showError(problem);
            return;
        }
        // The local session starts a new engine when it reconnects.
        if (EngineSession *local = m_hub ? m_hub->engine(u"local"_s) : nullptr) {
            local->stop();
            local->start();
        }
        m_message->showMessage(InlineMessage::Kind::Success, tr("The engine restarted with these settings."));
    });
}

} // namespace delegate::ui
