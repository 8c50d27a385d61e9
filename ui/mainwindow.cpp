// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "audit/audittrailview.h"
#include "figures/figuresview.h"

#include "batch/batchdialog.h"
#include "compose/taskcomposer.h"
#include "skills/saveasskilldialog.h"
#include "skills/skillspage.h"

#include "engine/enginehub.h"
#include "engine/enginesession.h"
#include "environments/environmentspage.h"
#include "firstrun/firstrunguide.h"
#include "history/historyview.h"
#include "library/environmentlibrary.h"
#include "models/checkpointmodel.h"
#include "models/runlistmodel.h"
#include "review/compareview.h"
#include "review/reviewview.h"
#include "secrets/secretstore.h"
#include "settings/enginepanel.h"
#include "settings/secretstorekeys.h"
#include "settings/settingsfile.h"
#include "settings/settingspage.h"
#include "shell/addenginedialog.h"
#include "shell/guidepage.h"
#include "shell/quickswitcher.h"
#include "style/displayformat.h"
#include "style/runstatelook.h"
#include "views/inboxview.h"
#include "views/runconsole.h"
#include "views/runsboard.h"
#include "views/watchwall.h"

#include <QApplication>
#include <QCloseEvent>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QPainter>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

constexpr int consoleTab = 0;
constexpr int reviewTab = 1;
constexpr int compareTab = 2;
constexpr int auditTab = 3;

// The application icon with the number of open checkpoints on it.
QIcon badgeIcon(int count)
{
    QPixmap pixmap(64, 64);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(RunStateLook::of(u"running"_s).color);
    painter.drawRoundedRect(QRectF(4, 4, 56, 56), 12, 12);
    painter.setPen(QPen(Qt::white, 6, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(18, 22), QPointF(46, 22));
    painter.drawLine(QPointF(18, 34), QPointF(40, 34));
    painter.drawLine(QPointF(18, 46), QPointF(34, 46));
    if (count > 0) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(RunStateLook::of(u"waiting_for_human"_s).color);
        painter.drawEllipse(QRectF(30, 30, 34, 34));
        QFont font = painter.font();
        font.setPixelSize(22);
        font.setBold(true);
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(QRectF(30, 30, 34, 34), Qt::AlignCenter,
                         count > 9 ? u"9+"_s : QString::number(count));
    }
    return QIcon(pixmap);
}

QString section(const char *key)
{
    return u"mainWindow/"_s + QLatin1String(key);
}

} // namespace

MainWindow::MainWindow(EngineHub *hub, QWidget *parent)
    : QMainWindow(parent)
    , m_hub(hub ? hub : new EngineHub(this))
    , m_runs(new RunListModel(m_hub, this))
    , m_checkpoints(new CheckpointModel(m_hub, m_runs, this))
    , m_sidebar(new Sidebar(m_hub, this))
    , m_pages(new QStackedWidget(this))
    , m_connection(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_spending(new QLabel(this))
    , m_spendingTimer(new QTimer(this))
{
    setWindowTitle(tr("Delegate"));
    setObjectName(u"mainWindow"_s);
    setWindowIcon(badgeIcon(0));
    if (!hub) {
        m_hub->addEngine(u"local"_s, rpc::ConnectOptions::fromEnvironment());
        restoreEngines();
        m_hub->startAll();
    }

    buildPages();
    buildMenus();
    connectModels();

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"mainSplitter"_s);
    splitter->addWidget(m_sidebar);
    splitter->addWidget(m_pages);
    splitter->setStretchFactor(1, 1);
    splitter->setCollapsible(0, false);
    splitter->setSizes({ 190, 1090 });
    setCentralWidget(splitter);

    m_connection->setObjectName(u"connectionStatus"_s);
    m_counts->setObjectName(u"runCounts"_s);
    m_spending->setObjectName(u"spendingToday"_s);
    statusBar()->addWidget(m_connection, 1);
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_spending);

    resize(1280, 800);
    restoreLayout();
    updateCounts();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildPages()
{
    m_inbox = new InboxView(m_hub, m_checkpoints, this);
    connect(m_inbox, &InboxView::openRun, this, &MainWindow::openRun);

    m_board = new RunsBoard(m_runs, this);
    m_console = new RunConsole(m_hub, this);
    m_review = new ReviewView(m_hub, this);
    m_compare = new CompareView(m_hub, this);
    m_detail = new QTabWidget(this);
    m_detail->setObjectName(u"runDetail"_s);
    m_detail->setDocumentMode(true);
    m_detail->insertTab(consoleTab, m_console, tr("Console"));
    m_detail->insertTab(reviewTab, m_review, tr("Review"));
    m_detail->insertTab(compareTab, m_compare, tr("Compare"));
    m_audit = new AuditTrailView(m_hub, this);
    m_detail->insertTab(auditTab, m_audit, tr("Audit trail"));
    connect(m_console, &RunConsole::auditTrailRequested, this, &MainWindow::openRunAudit);
    m_runsSplitter = new QSplitter(this);
    m_runsSplitter->setObjectName(u"runsSplitter"_s);
    m_runsSplitter->addWidget(m_board);
    m_runsSplitter->addWidget(m_detail);
    m_runsSplitter->setStretchFactor(0, 3);
    m_runsSplitter->setStretchFactor(1, 2);
    m_runsSplitter->setSizes({ 600, 490 });
    connect(m_board, &RunsBoard::runSelected, this, [this](const QString &engine, const QString &runId) {
        m_console->showRun(engine, runId);
        m_review->showRun(engine, runId);
        // What needs a person opens on the review.
        const QString state = m_runs->summary(engine, runId).value("state"_L1).toString();
        const bool review = state == "in_review"_L1 || state == "approved"_L1;
        if (m_detail->currentIndex() == compareTab || review)
            m_detail->setCurrentIndex(review ? reviewTab : consoleTab);
    });
    connect(m_board, &RunsBoard::compareRequested, this, &MainWindow::compareRuns);

    connect(m_board, &RunsBoard::duplicateRequested, this, &MainWindow::duplicateRunTask);

    m_watch = new WatchWall(m_hub, m_runs, this);
    connect(m_watch, &WatchWall::openRun, this, &MainWindow::openRun);

    m_composer = new TaskComposer(m_hub, this);
    // A task sent off is followed on the runs board.
    connect(m_composer, &TaskComposer::submitted, this,
            [this](const QString &engine, const QStringList &runIds) {
                if (!runIds.isEmpty())
                    openRun(engine, runIds.constFirst());
            });

    m_pages->insertWidget(Sidebar::Inbox, m_inbox);
    m_pages->insertWidget(Sidebar::Runs, m_runsSplitter);
    m_pages->insertWidget(Sidebar::Watch, m_watch);
    m_pages->insertWidget(Sidebar::Compose, m_composer);
    m_skills = new SkillsPage(SkillLibrary(), this);
    connect(
        m_skills, &SkillsPage::runAsBatchRequested, this,
        [this](const Skill &skill, const QMap<QString, QString> &values) { openBatch(skill.name, values); });
    m_pages->insertWidget(Sidebar::Skills, m_skills);
    m_composer->setSkillLibrary(m_skills->library());
    connect(m_composer, &TaskComposer::saveAsSkillRequested, this, &MainWindow::saveTaskAsSkill);
    connect(m_skills, &SkillsPage::useInComposerRequested, this,
            [this](const TaskSpec &task, const Skill &skill) {
                showSection(Sidebar::Compose);
                m_composer->composeFromSkill(task, skill);
            });
    // The keychain is asked once whether it runs; the page shows what it says.
    m_secrets =
        new SecretStore(EncryptedSecretFile::defaultPath(), QString(KeychainSecrets::defaultService), this);
    // Settings keeps provider keys and connector tokens in the same store.
    m_keys = std::make_unique<SecretStoreKeys>(m_secrets);
    QCoro::connect(m_secrets->detect(), this, [this](SecretStore::Backend) {
        if (m_settings)
            m_settings->refreshKeyStates();
    });
    m_environments = new EnvironmentsPage(EnvironmentLibrary(), m_secrets, this);
    m_pages->insertWidget(Sidebar::Environments, m_environments);
    m_history = new HistoryView(m_hub, this);
    connect(m_history, &HistoryView::openRun, this, &MainWindow::openRun);
    connect(m_history, &HistoryView::openReview, this, [this](const QString &engine, const QString &runId) {
        openRun(engine, runId);
        m_detail->setCurrentIndex(reviewTab);
    });
    connect(m_history, &HistoryView::openRunAudit, this, &MainWindow::openRunAudit);
    // The timeline and the team's figures are two views of one history.
    auto *historyTabs = new QTabWidget(this);
    historyTabs->setObjectName(u"historyTabs"_s);
    historyTabs->setDocumentMode(true);
    historyTabs->addTab(m_history, tr("Timeline"));
    historyTabs->addTab(new FiguresView(m_hub, this), tr("Figures"));
    m_pages->insertWidget(Sidebar::History, historyTabs);
    m_settings = new SettingsPage(m_hub, m_keys.get(), SettingsFile::defaultPath(), this);
    m_pages->insertWidget(Sidebar::Settings, m_settings);

    m_switcher = new QuickSwitcher(m_runs, this);
    connect(m_switcher, &QuickSwitcher::runChosen, this, &MainWindow::openRun);
    connect(m_sidebar, &Sidebar::sectionChanged, this,
            [this](Sidebar::Section section) { m_pages->setCurrentIndex(section); });
    connect(m_sidebar, &Sidebar::engineActivated, this, [this](const QString &name) {
        if (EngineSession *session = m_hub->engine(name); session && !session->isConnected())
            session->start();
    });
}

BatchDialog *MainWindow::openBatch(const QString &skill, const QMap<QString, QString> &values)
{
    auto *dialog = new BatchDialog(m_hub, m_runs, m_skills->library(), EnvironmentLibrary(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSkill(skill);
    dialog->setSharedValues(values);
    connect(dialog, &BatchDialog::openRun, this, &MainWindow::openRun);
    dialog->show();
    return dialog;
}

void MainWindow::saveTaskAsSkill(const TaskSpec &task)
{
    auto *dialog = new SaveAsSkillDialog(task, m_skills->library(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SaveAsSkillDialog::skillSaved, this, [this](const QString &name) {
        m_skills->reload();
        m_skills->selectSkill(name);
        showSection(Sidebar::Skills);
    });
    dialog->open();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int index = 0; index < Sidebar::SectionCount; ++index) {
        const auto section = Sidebar::Section(index);
        go->addAction(Sidebar::title(section), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)), this,
                      [this, section] { showSection(section); });
    }
    go->addSeparator();
    go->addAction(tr("Go to &run…"), QKeySequence(Qt::CTRL | Qt::Key_K), m_switcher, &QuickSwitcher::open);
    go->addAction(tr("&Filter runs"), QKeySequence::Find, this, [this] {
        showSection(Sidebar::Runs);
        m_board->focusFilter();
    });

    QMenu *engines = menuBar()->addMenu(tr("&Engines"));
    engines->addAction(tr("&Connect to an engine…"), this, [this] {
        QStringList names;
        for (EngineSession *session : m_hub->engines())
            names.append(session->name());
        auto *dialog = new AddEngineDialog(names, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, [this, dialog] {
            const QString problem = addRemoteEngine(dialog->name(), dialog->url(), dialog->tokenFile());
            if (!problem.isEmpty())
                statusBar()->showMessage(problem, 10000);
        });
        dialog->open();
    });
    engines->addAction(tr("&Reconnect all"), QKeySequence(Qt::Key_F5), m_hub, &EngineHub::startAll);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Getting started and the demo…"), this, &MainWindow::showFirstRunGuide);
    help->addAction(tr("&About Delegate"), this, [this] {
        statusBar()->showMessage(tr("Delegate %1 — a control center for background agents")
                                     .arg(QApplication::applicationVersion()),
                                 5000);
    });
}

void MainWindow::connectModels()
{
    connect(m_runs, &RunListModel::countsChanged, this, &MainWindow::updateCounts);
    connect(m_runs, &RunListModel::countsChanged, this, &MainWindow::checkFollowedRun);
    connect(m_runs, &QAbstractItemModel::dataChanged, this, &MainWindow::checkFollowedRun);
    connect(m_runs, &RunListModel::countsChanged, this, [this] {
        if (!m_spendingTimer->isActive())
            m_spendingTimer->start();
    });
    connect(m_checkpoints, &CheckpointModel::openCountChanged, this, [this](int count) {
        m_sidebar->setCount(Sidebar::Inbox, count);
        updateTray(count);
    });
    connect(m_checkpoints, &CheckpointModel::checkpointArrived, this, &MainWindow::notifyCheckpoint);
    // Spending is asked for at most every five seconds, after runs change.
    m_spendingTimer->setSingleShot(true);
    m_spendingTimer->setInterval(5000);
    connect(m_spendingTimer, &QTimer::timeout, this, &MainWindow::refreshSpending);
    const auto watchSession = [this](EngineSession *session) {
        connect(session, &EngineSession::statusChanged, this, &MainWindow::updateCounts);
        connect(session, &EngineSession::ready, this, &MainWindow::refreshSpending);
    };
    for (EngineSession *session : m_hub->engines())
        watchSession(session);
    connect(m_hub, &EngineHub::engineAdded, this, watchSession);
}

void MainWindow::updateCounts()
{
    const QHash<QString, int> counts = m_runs->stateCounts();
    const int running = counts.value(u"running"_s) + counts.value(u"provisioning"_s)
        + counts.value(u"changes_requested"_s) + counts.value(u"applying"_s);
    const int queued = counts.value(u"queued"_s);
    const int waiting = counts.value(u"waiting_for_human"_s);
    const int review = counts.value(u"in_review"_s) + counts.value(u"approved"_s);
    m_counts->setText(tr("%1 running · %2 queued · %3 waiting · %4 to review")
                          .arg(running)
                          .arg(queued)
                          .arg(waiting)
                          .arg(review));
    m_sidebar->setCount(Sidebar::Runs, int(m_runs->runCount()));
    m_sidebar->setCount(Sidebar::Watch, running + waiting);

    QStringList engines;
    QStringList details;
    for (EngineSession *session : m_hub->engines()) {
        const QString word = session->isConnected()                  ? tr("connected")
            : session->status() == EngineSession::Status::Connecting ? tr("connecting…")
                                                                     : tr("offline");
        engines.append(u"● %1 %2"_s.arg(session->name(), word));
        details.append(u"%1: %2"_s.arg(session->name(), session->statusText()));
    }
    m_connection->setText(engines.isEmpty() ? tr("No engine") : engines.join(u"   "_s));
    m_connection->setToolTip(details.join(u'\n'));
}

void MainWindow::refreshSpending()
{
    auto total = std::make_shared<double>(0.0);
    auto pending = std::make_shared<int>(0);
    for (EngineSession *session : m_hub->engines()) {
        if (!session->isConnected())
            continue;
        ++*pending;
        QCoro::connect(session->call(u"engine.status"_s), this,
                       [this, total, pending](const rpc::RpcOutcome &outcome) {
                           if (!outcome.error)
                               *total += outcome.result.toObject().value("spent_today_usd"_L1).toDouble();
                           if (--*pending == 0)
                               m_spending->setText(tr("Today: %1").arg(displayformat::cost(*total)));
                       });
    }
}

void MainWindow::notifyCheckpoint(const QString &engine, const QJsonObject &checkpoint)
{
    if (!EnginePanel::notificationsEnabled())
        return;
    const QString prompt = checkpoint.value("prompt"_L1).toString();
    statusBar()->showMessage(tr("An agent needs you: %1").arg(prompt), 8000);
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(tr("An agent needs you (%1)").arg(engine), prompt, QSystemTrayIcon::Information,
                            8000);
}

void MainWindow::updateTray(int openCount)
{
    const QIcon icon = badgeIcon(openCount);
    setWindowIcon(icon);
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(icon, this);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
            showSection(Sidebar::Inbox);
        });
        m_tray->show();
    }
    m_tray->setIcon(icon);
    m_tray->setToolTip(openCount > 0 ? tr("Delegate: %n checkpoint(s) wait for you", nullptr, openCount)
                                     : tr("Delegate"));
}

void MainWindow::showSection(Sidebar::Section section)
{
    m_sidebar->setCurrent(section);
    m_pages->setCurrentIndex(section);
}

Sidebar::Section MainWindow::currentSection() const
{
    return Sidebar::Section(m_pages->currentIndex());
}

void MainWindow::openRunAudit(const QString &engine, const QString &runId)
{
    openRun(engine, runId);
    m_audit->showRun(engine, runId);
    m_detail->setCurrentIndex(auditTab);
}

void MainWindow::openRun(const QString &engine, const QString &runId)
{
    showSection(Sidebar::Runs);
    m_board->selectRun(engine, runId);
    m_console->showRun(engine, runId);
    m_review->showRun(engine, runId);
}

void MainWindow::duplicateRunTask(const QString &engine, const QString &runId)
{
    showSection(Sidebar::Compose);
    m_composer->composeFromRun(engine, runId);
}

void MainWindow::compareRuns(const QString &engine, const QStringList &runIds)
{
    showSection(Sidebar::Runs);
    m_compare->showAttempts(engine, runIds);
    m_detail->setCurrentIndex(compareTab);
}

QString MainWindow::addRemoteEngine(const QString &name, const QUrl &url, const QString &tokenFile)
{
    if (m_hub->engine(name))
        return tr("There is an engine called \"%1\" already.").arg(name);
    QString error;
    const std::optional<rpc::ConnectOptions> options = AddEngineDialog::optionsFor(url, tokenFile, &error);
    if (!options)
        return error;
    EngineSession *session = m_hub->addEngine(name, *options);
    session->setProperty("tokenFile", tokenFile);
    session->setProperty("url", url);
    session->start();
    saveEngines();
    return {};
}

FirstRunGuide *MainWindow::showFirstRunGuide()
{
    if (!m_guide) {
        m_guide = new FirstRunGuide(m_hub, this);
        m_guide->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_guide, &FirstRunGuide::demoStarted, this,
                [this](const QString &engine, const QString &runId) {
                    followRun(engine, runId);
                    if (m_guide)
                        m_guide->close();
                });
        connect(m_guide, &FirstRunGuide::settingsRequested, this, [this] { showSection(Sidebar::Settings); });
        m_guide->start();
    }
    m_guide->show();
    m_guide->raise();
    return m_guide;
}

FirstRunGuide *MainWindow::showFirstRunGuideIfNew()
{
    QSettings settings;
    if (settings.value(u"firstRun/guideShown"_s).toBool())
        return nullptr;
    settings.setValue(u"firstRun/guideShown"_s, true);
    return showFirstRunGuide();
}

void MainWindow::followRun(const QString &engine, const QString &runId)
{
    m_followedEngine = engine;
    m_followedRun = runId;
    openRun(engine, runId);
    m_detail->setCurrentIndex(consoleTab);
    statusBar()->showMessage(tr("Watching %1 live; its review opens when it hands in.").arg(runId), 10000);
    checkFollowedRun();
}

void MainWindow::checkFollowedRun()
{
    if (m_followedRun.isEmpty())
        return;
    const QString state = m_runs->summary(m_followedEngine, m_followedRun).value("state"_L1).toString();
    if (state != "in_review"_L1 && state != "approved"_L1)
        return;
    const QString runId = std::exchange(m_followedRun, QString());
    showSection(Sidebar::Runs);
    m_board->selectRun(m_followedEngine, runId);
    m_review->showRun(m_followedEngine, runId);
    m_detail->setCurrentIndex(reviewTab);
    statusBar()->showMessage(
        tr("%1 handed in: review it, approve it, then run the action that follows.").arg(runId), 15000);
}

void MainWindow::restoreEngines()
{
    QSettings settings;
    const int count = settings.beginReadArray(u"engines"_s);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        const QString name = settings.value(u"name"_s).toString();
        const QUrl url = settings.value(u"url"_s).toUrl();
        const QString tokenFile = settings.value(u"tokenFile"_s).toString();
        if (name.isEmpty() || m_hub->engine(name))
            continue;
        QString error;
        // An unreadable token file still lists the engine, offline, with
        // the reason in its tooltip.
        rpc::ConnectOptions options =
            AddEngineDialog::optionsFor(url, tokenFile, &error).value_or(rpc::ConnectOptions {});
        options.url = url;
        options.startIfNeeded = false;
        EngineSession *session = m_hub->addEngine(name, options);
        session->setProperty("tokenFile", tokenFile);
        session->setProperty("url", url);
    }
    settings.endArray();
}

void MainWindow::saveEngines() const
{
    QSettings settings;
    settings.beginWriteArray(u"engines"_s);
    int index = 0;
    for (EngineSession *session : m_hub->engines()) {
        const QString tokenFile = session->property("tokenFile").toString();
        if (tokenFile.isEmpty())
            continue; // the local engine needs nothing remembered
        settings.setArrayIndex(index++);
        settings.setValue(u"name"_s, session->name());
        settings.setValue(u"url"_s, session->property("url").toUrl());
        settings.setValue(u"tokenFile"_s, tokenFile);
    }
    settings.endArray();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_composer->maybeKeepChanges()) {
        showSection(Sidebar::Compose);
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    restoreGeometry(settings.value(section("geometry")).toByteArray());
    restoreState(settings.value(section("state")).toByteArray());
    if (auto *splitter = findChild<QSplitter *>(u"mainSplitter"_s))
        splitter->restoreState(settings.value(section("mainSplitter")).toByteArray());
    if (auto *splitter = m_composer->findChild<QSplitter *>(u"composerSplitter"_s))
        splitter->restoreState(settings.value(section("composerSplitter")).toByteArray());
    m_runsSplitter->restoreState(settings.value(section("runsSplitter")).toByteArray());
    m_board->restoreHeaderState(settings.value(section("runsHeader")).toByteArray());
    // What waits for a person comes first.
    showSection(Sidebar::Section(settings.value(section("section"), int(Sidebar::Inbox)).toInt()));
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(section("geometry"), saveGeometry());
    settings.setValue(section("state"), saveState());
    if (auto *splitter = findChild<QSplitter *>(u"mainSplitter"_s))
        settings.setValue(section("mainSplitter"), splitter->saveState());
    if (auto *splitter = m_composer->findChild<QSplitter *>(u"composerSplitter"_s))
        settings.setValue(section("composerSplitter"), splitter->saveState());
    settings.setValue(section("runsSplitter"), m_runsSplitter->saveState());
    settings.setValue(section("runsHeader"), m_board->saveHeaderState());
    settings.setValue(section("section"), int(currentSection()));
}

} // namespace delegate::ui
