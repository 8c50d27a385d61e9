// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QGroupBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;

namespace delegate::ui {

class EngineSession;
class InlineMessage;

// What follows an approval: the actions that release the approved artifact
// (commit the patch on a branch, push it, open a pull request; write or post
// a report; create issues), each with its parameters prefilled and editable.
// "Preview" asks the engine what each would do (runs.act with dry_run) and
// shows it; "Run" is open only once the actions as they stand were
// previewed, so nothing outbound happens before it was shown.
class ActionsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ActionsPanel(QWidget *parent = nullptr);
    ~ActionsPanel() override;

    // The run (RunDetail) whose latest artifact the actions release; the
    // defaults follow the artifact's kind. Actions that ran already are shown.
    void setRun(EngineSession *session, const QJsonObject &detail);
    // Read-only for an auditor, or once the actions ran; `why` says so.
    void setEditable(bool editable, const QString &why = {});
    bool isEditable() const { return m_editable; }

    // The checked actions with their parameters, as runs.act takes them.
    QJsonArray actions() const;
    QStringList actionKinds() const; // every action offered, checked or not
    bool setActionChecked(const QString &kind, bool checked);
    bool setParameter(const QString &kind, const QString &key, const QString &value);
    QString parameter(const QString &kind, const QString &key) const;

    void preview();
    void run();

    QPushButton *previewButton() const { return m_previewButton; }
    QPushButton *runButton() const { return m_runButton; }
    QTextBrowser *results() const { return m_results; }
    InlineMessage *message() const { return m_message; }
    // The last preview or run as the engine answered (runs.act's result).
    QJsonObject lastResult() const { return m_lastResult; }

Q_SIGNALS:
    void previewed(const QJsonObject &result);
    // After a real run, whatever its outcome: the run changed state.
    void acted(const QJsonObject &result);

private:
    struct Field
    {
        enum class Type { Text, LongText, Flag, List };
        QString key;
        QString label;
        Type type = Type::Text;
        QString value; // prefilled
        QString placeholder; // what the engine does when it is left empty
        QString toolTip;
        QWidget *widget = nullptr;
    };
    struct ActionBox
    {
        QString kind;
        QGroupBox *box = nullptr;
        QList<Field> fields;
    };

    void clearBoxes();
    void addAction(const QString &kind, const QString &title, const QString &description, bool checked,
                   const QList<Field> &fields);
    void invalidatePreview();
    void updateButtons();
    void showResults(const QJsonArray &actions, bool dryRun, const QString &heading);

    QPointer<EngineSession> m_session;
    QString m_runId;
    QString m_artifactKind;
    QLabel *m_intro;
    QVBoxLayout *m_boxLayout;
    QList<ActionBox> m_boxes;
    InlineMessage *m_message;
    QPushButton *m_previewButton;
    QPushButton *m_runButton;
    QTextBrowser *m_results;
    QJsonArray m_previewedActions;
    bool m_previewOk = false;
    bool m_hasPreview = false;
    bool m_busy = false;
    bool m_editable = true;
    bool m_filling = false;
    QJsonObject m_lastResult;
    quint64 m_generation = 0;
};

} // namespace delegate::ui
