// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "onboarding/setupsurvey.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace delegate::ui {

class EngineHub;
class InlineMessage;

// The guide a new user sees on first start (and later from Help → Getting
// started): it looks at this machine in the background and says what each
// finding enables, and it runs the demo. The offline demo needs no model:
// it prepares the demo project, sends the investigate-flaky-tests playbook
// to the local engine and hands the run to the window, which shows it live,
// then its report to review and approve, then the action that writes it.
// With a model provider or a CLI agent, a model-driven demo is offered too.
class FirstRunGuide final : public QDialog
{
    Q_OBJECT

public:
    explicit FirstRunGuide(EngineHub *hub, QWidget *parent = nullptr);

    // Before start(): what to survey (tests point it elsewhere) and where
    // the demo repository goes.
    void setSurveyOptions(SetupSurvey::Options options) { m_options = std::move(options); }
    void setDemoRepository(const QString &path) { m_demoRepository = path; }
    const QString &demoRepository() const { return m_demoRepository; }

    // Runs the survey in the background and fills the findings.
    void start();
    void runOfflineDemo();
    void runModelDemo();

    // The findings as shown, one title each, in order.
    QStringList findingTitles() const;
    QPushButton *offlineDemoButton() const { return m_offlineDemo; }
    QPushButton *modelDemoButton() const { return m_modelDemo; }
    InlineMessage *message() const { return m_message; }
    bool surveyed() const { return m_surveyed; }

Q_SIGNALS:
    void surveyFinished();
    // A demo run was sent to the engine: the window takes the user to it.
    void demoStarted(const QString &engine, const QString &runId);
    void settingsRequested();

private:
    void showSurvey(const SetupSurveyResult &result);
    void offerModelDemo();
    void submitDemo(bool withModel);

    EngineHub *m_hub;
    SetupSurvey::Options m_options;
    QString m_demoRepository;
    QWidget *m_findings;
    QVBoxLayout *m_findingsLayout;
    QLabel *m_summary;
    QPushButton *m_offlineDemo;
    QPushButton *m_modelDemo;
    InlineMessage *m_message;
    SetupSurveyResult m_survey;
    AgentSpec m_modelAgent; // what the model-driven demo runs on
    bool m_surveyed = false;
    bool m_busy = false;
};

} // namespace delegate::ui
