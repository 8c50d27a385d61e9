// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/environmentprofile.h"
#include "domain/skill.h"
#include "library/environmentlibrary.h"
#include "skills/skilllibrary.h"

#include <QCoro/QCoroTask>
#include <QDialog>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace delegate::ui {

class BatchPlanModel;
class BatchView;
class EngineHub;
class EngineSession;
class InlineMessage;
class RunListModel;
class SkillParametersForm;

// Batch delegation: one skill over many targets (pasted, one a line, or a
// CSV file with a header row naming parameters), with the values every
// target shares, the environment the runs get and a budget for the whole
// batch. The preview shows the N tasks with their lint verdicts as they
// are typed; Submit sends them as one batch and the dialog turns into the
// batch's progress view.
class BatchDialog final : public QDialog
{
    Q_OBJECT

public:
    BatchDialog(EngineHub *hub, RunListModel *runs, SkillLibrary library,
                EnvironmentLibrary environments = EnvironmentLibrary(), QWidget *parent = nullptr);

    bool setSkill(const QString &name);
    void setSharedValues(const QMap<QString, QString> &values);
    void setTargets(const QString &text, bool csv);
    void setTargetParameter(const QString &name);
    bool loadTargetsFile(const QString &path);
    // The environment: a profile of the library by name, or a file.
    bool setEnvironment(const QString &name);
    void setEnvironmentFile(const QString &path);
    void setBudget(double usd); // 0: none

    // Plans now instead of after the typing pause.
    void updatePreview();
    BatchPlanModel *planModel() const { return m_model; }
    InlineMessage *message() const { return m_message; }
    QPushButton *submitButton() const { return m_submit; }
    BatchView *batchView() const { return m_view; }
    bool isShowingProgress() const;

    void submit();

Q_SIGNALS:
    void batchSubmitted(const QString &engine, const QString &batchId, const QStringList &runIds);
    void openRun(const QString &engine, const QString &runId);

private:
    void skillChosen();
    void chooseCsv();
    void chooseEnvironment();
    std::optional<EnvironmentProfile> environment(QString *error) const;
    EngineSession *session() const;
    static QCoro::Task<void> submitAll(QPointer<BatchDialog> self, QPointer<EngineSession> session,
                                       QList<QJsonObject> requests, QString batchId);
    void submitted(const QString &engine, const QString &batchId, const QStringList &runIds,
                   const QString &error);

    EngineHub *m_hub;
    SkillLibrary m_library;
    EnvironmentLibrary m_environments;
    std::optional<Skill> m_skill;
    QString m_targetsFolder;
    QStackedWidget *m_pages;
    QComboBox *m_skills;
    QComboBox *m_targetParameter;
    QCheckBox *m_csv;
    QPlainTextEdit *m_targets;
    SkillParametersForm *m_shared;
    QComboBox *m_environment;
    QLineEdit *m_environmentFile;
    QDoubleSpinBox *m_budget;
    QComboBox *m_engines;
    QTableView *m_preview;
    BatchPlanModel *m_model;
    QLabel *m_verdicts;
    InlineMessage *m_message;
    QPushButton *m_submit;
    BatchView *m_view;
    QTimer m_replan;
    bool m_submitting = false;
};

} // namespace delegate::ui
