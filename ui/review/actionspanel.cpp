// SPDX-License-Identifier: GPL-3.0-or-later
#include "actionspanel.h"

#include "engine/enginesession.h"
#include "inlinemessage.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

const QString okColour = u"#2ea043"_s;
const QString failColour = u"#d13c3c"_s;

// The summary's first sentence: what git.branch and the pull request use by default too.
QString firstSentence(const QString &summary)
{
    const QString trimmed = summary.trimmed();
    const qsizetype stop = trimmed.indexOf(QRegularExpression(u"[.!?](\\s|$)"_s));
    QString sentence = stop >= 0 ? trimmed.left(stop + 1) : trimmed;
    const qsizetype newline = sentence.indexOf(u'\n');
    if (newline >= 0)
        sentence = sentence.left(newline);
    if (sentence.endsWith(u'.'))
        sentence.chop(1);
    return sentence.left(120);
}

QString slug(const QString &text)
{
    QString slug;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber())
            slug += c;
        else if (!slug.isEmpty() && !slug.endsWith(u'-'))
            slug += u'-';
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return slug.left(60).isEmpty() ? u"report"_s : slug.left(60);
}

QString label(const QString &key)
{
    QString text = key;
    text.replace(u'_', u' ');
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString mono()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont).family().toHtmlEscaped();
}

QString linkOrText(const QString &text)
{
    if (text.startsWith("https://"_L1) || text.startsWith("http://"_L1))
        return u"<a href=\"%1\">%2</a>"_s.arg(text.toHtmlEscaped(), text.toHtmlEscaped());
    return text.toHtmlEscaped();
}

QString valueHtml(const QString &key, const QJsonValue &value);

// An array of objects reads as lines: files as "path +a −r", drafts and issues by title.
QString arrayHtml(const QJsonArray &array)
{
    QStringList items;
    for (const QJsonValue &value : array) {
        if (!value.isObject()) {
            items.append(valueHtml({}, value));
            continue;
        }
        const QJsonObject object = value.toObject();
        if (object.contains("path"_L1) && object.contains("added"_L1)) {
            items.append(u"<span style=\"font-family:'%1'\">%2</span> <span style=\"color:%3\">+%4</span> "
                         u"<span style=\"color:%5\">−%6</span>"_s.arg(
                             mono(), object.value("path"_L1).toString().toHtmlEscaped(), okColour,
                             QString::number(object.value("added"_L1).toInt()), failColour,
                             QString::number(object.value("removed"_L1).toInt())));
        } else if (object.contains("title"_L1)) {
            QString line = object.value("title"_L1).toString().toHtmlEscaped();
            if (object.contains("reference"_L1))
                line = object.value("reference"_L1).toString().toHtmlEscaped() + u" "_s + line;
            if (!object.value("url"_L1).toString().isEmpty())
                line += u" — "_s + linkOrText(object.value("url"_L1).toString());
            if (!object.value("message"_L1).toString().isEmpty())
                line += u" — <span style=\"color:%1\">%2</span>"_s.arg(
                    failColour, object.value("message"_L1).toString().toHtmlEscaped());
            items.append(line);
        } else {
            items.append(
                QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)).toHtmlEscaped());
        }
    }
    if (items.isEmpty())
        return u"—"_s;
    return items.join(u"<br>"_s);
}

QString valueHtml(const QString &key, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QCoreApplication::translate("ActionsPanel", "yes")
                              : QCoreApplication::translate("ActionsPanel", "no");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Array:
        return arrayHtml(value.toArray());
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.contains("url"_L1) && object.contains("number"_L1))
            return u"#%1 — %2"_s.arg(QString::number(object.value("number"_L1).toInt()),
                                     linkOrText(object.value("url"_L1).toString()));
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)).toHtmlEscaped();
    }
    case QJsonValue::String: {
        const QString text = value.toString();
        // Bodies, messages and file contents keep their lines, in monospace.
        if (text.contains(u'\n') || key == "body"_L1 || key == "contents"_L1 || key == "message"_L1) {
            const QString shown = text.size() > 4000 ? text.left(4000) + u"\n…"_s
                    + QCoreApplication::translate("ActionsPanel", "(%1 more characters)")
                          .arg(text.size() - 4000)
                                                     : text;
            return u"<pre style=\"font-family:'%1'; white-space:pre-wrap\">%2</pre>"_s.arg(
                mono(), shown.toHtmlEscaped());
        }
        return text.isEmpty() ? u"—"_s : linkOrText(text);
    }
    default:
        return u"—"_s;
    }
}

QString detailsTable(const QJsonObject &details, const QStringList &skip)
{
    QString rows;
    for (auto it = details.constBegin(); it != details.constEnd(); ++it) {
        if (skip.contains(it.key()))
            continue;
        rows += u"<tr><td valign=\"top\" style=\"padding-right:8px\"><i>%1</i></td><td>%2</td></tr>"_s.arg(
            label(it.key()).toHtmlEscaped(), valueHtml(it.key(), it.value()));
    }
    return rows.isEmpty() ? QString()
                          : u"<table cellspacing=\"0\" cellpadding=\"2\">"_s + rows + u"</table>"_s;
}

} // namespace

ActionsPanel::ActionsPanel(QWidget *parent)
    : QWidget(parent)
    , m_intro(new QLabel(this))
    , m_boxLayout(nullptr)
    , m_message(new InlineMessage(this))
    , m_previewButton(new QPushButton(tr("&Preview"), this))
    , m_runButton(new QPushButton(tr("&Run"), this))
    , m_results(new QTextBrowser(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Apply actions"), this);
    QFont bold = title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    title->setFont(bold);
    layout->addWidget(title);
    m_intro->setWordWrap(true);
    m_intro->setText(tr("Preview shows what each checked action will do; nothing changes and nothing is sent "
                        "until you press Run."));
    layout->addWidget(m_intro);

    // The actions first, then what the engine answered; the message and the
    // buttons between them, where the eye goes after pressing one.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *boxes = new QWidget(scroll);
    m_boxLayout = new QVBoxLayout(boxes);
    m_boxLayout->setContentsMargins(0, 0, 4, 0);
    m_boxLayout->addStretch();
    scroll->setWidget(boxes);
    scroll->setMinimumHeight(160);
    layout->addWidget(scroll, 3);
    layout->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_previewButton->setToolTip(tr("Ask the engine what each checked action would do, without doing it"));
    m_runButton->setToolTip(tr("Run the previewed actions for real, in order"));
    buttons->addWidget(m_previewButton);
    buttons->addWidget(m_runButton);
    layout->addLayout(buttons);
    m_results->setOpenExternalLinks(true);
    m_results->setAccessibleName(tr("Action results"));
    m_results->setPlaceholderText(tr("The preview and the results appear here."));
    m_results->setMinimumHeight(120);
    layout->addWidget(m_results, 4);

    connect(m_previewButton, &QPushButton::clicked, this, &ActionsPanel::preview);
    connect(m_runButton, &QPushButton::clicked, this, &ActionsPanel::run);
    updateButtons();
}

ActionsPanel::~ActionsPanel() = default;

void ActionsPanel::clearBoxes()
{
    for (const ActionBox &box : std::as_const(m_boxes))
        delete box.box;
    m_boxes.clear();
}

void ActionsPanel::setRun(EngineSession *session, const QJsonObject &detail)
{
    const QJsonObject run = detail.value("run"_L1).toObject();
    const QString runId = run.value("id"_L1).toString();
    const QJsonArray artifacts = detail.value("artifacts"_L1).toArray();
    const QJsonObject artifact = artifacts.isEmpty() ? QJsonObject() : artifacts.last().toObject();
    const QString kind = artifact.value("kind"_L1).toString();
    const bool sameRun = session == m_session && runId == m_runId && kind == m_artifactKind;
    m_session = session;
    m_runId = runId;
    m_artifactKind = kind;

    if (!sameRun) {
        // An answer about the previous run must not land on this one.
        ++m_generation;
        m_busy = false;
        // New defaults only for another run: edits survive a reload of the same one.
        const QScopedValueRollback filling(m_filling, true);
        clearBoxes();
        m_results->clear();
        m_message->clear();
        m_lastResult = {};
        const QString summary = artifact.value("summary"_L1).toString();
        const QString headline = firstSentence(summary);
        const QJsonObject task = run.value("task"_L1).toObject();
        const QString title = task.value("title"_L1).toString();
        using T = Field::Type;
        if (kind == "patch"_L1) {
            addAction(
                u"git.branch"_s, tr("Commit on a branch"),
                tr("Commits the approved diff on delegate/%1 in your repository. Your working tree, index "
                   "and checked-out branch are not touched.")
                    .arg(runId),
                true,
                { { u"message"_s,
                    tr("Commit message"),
                    T::LongText,
                    {},
                    tr("Derived: the summary's first sentence, the summary, and Delegate trailers"),
                    tr("The whole commit message instead of the derived one") } });
            addAction(
                u"git.push"_s, tr("Push the branch (outbound)"),
                tr("Pushes delegate/%1 to a remote with your own git credentials. Never forced.").arg(runId),
                false, { { u"remote"_s, tr("Remote"), T::Text, u"origin"_s, u"origin"_s, {} } });
            addAction(
                u"github.pull_request"_s, tr("Open a pull request (outbound)"),
                tr("Opens a pull request on GitHub for the pushed branch, with the GITHUB_TOKEN secret."),
                false,
                { { u"repository"_s,
                    tr("Repository"),
                    T::Text,
                    {},
                    tr("owner/name — default: from the remote's URL"),
                    {} },
                  { u"base"_s, tr("Base branch"), T::Text, {}, tr("default: the run's base branch"), {} },
                  { u"title"_s, tr("Title"), T::Text, headline.isEmpty() ? title : headline, {}, {} },
                  { u"body"_s,
                    tr("Body"),
                    T::LongText,
                    summary,
                    tr("default: the summary, the changed files and the evidence"),
                    {} },
                  { u"draft"_s, tr("Open as a draft"), T::Flag, {}, {}, {} } });
        } else if (kind == "report"_L1) {
            const QString repository = task.value("scope"_L1).toObject().value("repository"_L1).toString();
            addAction(u"report.write_file"_s, tr("Write the report to a file"),
                      tr("Writes the report's Markdown to a file, atomically; paths that lead out of the "
                         "directory are refused."),
                      true,
                      { { u"directory"_s,
                          tr("Directory"),
                          T::Text,
                          repository,
                          tr("an existing directory, absolute path"),
                          {} },
                        { u"path"_s,
                          tr("File"),
                          T::Text,
                          u"reports/%1.md"_s.arg(slug(title.isEmpty() ? runId : title)),
                          tr("relative to the directory"),
                          {} },
                        { u"overwrite"_s, tr("Replace a different existing file"), T::Flag, {}, {}, {} } });
        } else if (kind == "issues"_L1) {
            addAction(u"github.issues"_s, tr("Create GitHub issues (outbound)"),
                      tr("Creates one GitHub issue per draft, with the GITHUB_TOKEN secret."), true,
                      { { u"repository"_s,
                          tr("Repository"),
                          T::Text,
                          {},
                          tr("owner/name — default: from the remote's URL"),
                          {} },
                        { u"labels"_s,
                          tr("Labels"),
                          T::List,
                          {},
                          tr("comma-separated, set on every issue"),
                          {} } });
            addAction(
                u"linear.issues"_s, tr("Create Linear issues (outbound)"),
                tr("Creates one Linear issue per draft, with the LINEAR_API_KEY secret."), false,
                { { u"team_id"_s, tr("Team id"), T::Text, {}, tr("required: the Linear team's id"), {} } });
        }
        if (!kind.isEmpty()) {
            addAction(u"slack.post"_s, tr("Post to Slack (outbound)"),
                      tr("Posts the %1 to the Slack incoming webhook in the SLACK_WEBHOOK_URL secret.")
                          .arg(kind == "issues"_L1 ? tr("issue drafts") : kind),
                      false,
                      { { u"text"_s,
                          tr("Headline"),
                          T::Text,
                          headline,
                          tr("default: the summary's first sentence"),
                          {} } });
        }
        m_hasPreview = false;
        m_previewOk = false;
        m_previewedActions = {};
    }

    const QJsonArray executed = detail.value("actions"_L1).toArray();
    if (!executed.isEmpty())
        showResults(executed, false, tr("Actions that ran"));
    updateButtons();
}

void ActionsPanel::addAction(const QString &kind, const QString &title, const QString &description,
                             bool checked, const QList<Field> &fields)
{
    ActionBox action;
    action.kind = kind;
    action.box = new QGroupBox(u"%1 — %2"_s.arg(title, kind), this);
    action.box->setCheckable(true);
    action.box->setChecked(checked);
    action.box->setObjectName(kind);
    auto *form = new QFormLayout(action.box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *about = new QLabel(description, action.box);
    about->setWordWrap(true);
    about->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(about);
    for (Field field : fields) {
        switch (field.type) {
        case Field::Type::Text:
        case Field::Type::List: {
            auto *edit = new QLineEdit(field.value, action.box);
            edit->setPlaceholderText(field.placeholder);
            connect(edit, &QLineEdit::textChanged, this, &ActionsPanel::invalidatePreview);
            field.widget = edit;
            form->addRow(field.label, edit);
            break;
        }
        case Field::Type::LongText: {
            auto *edit = new QPlainTextEdit(field.value, action.box);
            edit->setPlaceholderText(field.placeholder);
            edit->setTabChangesFocus(true);
            edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 12);
            connect(edit, &QPlainTextEdit::textChanged, this, &ActionsPanel::invalidatePreview);
            field.widget = edit;
            form->addRow(field.label, edit);
            break;
        }
        case Field::Type::Flag: {
            auto *box = new QCheckBox(field.label, action.box);
            box->setChecked(field.value == "true"_L1);
            connect(box, &QCheckBox::toggled, this, &ActionsPanel::invalidatePreview);
            field.widget = box;
            form->addRow(box);
            break;
        }
        }
        if (!field.toolTip.isEmpty())
            field.widget->setToolTip(field.toolTip);
        action.fields.append(field);
    }
    connect(action.box, &QGroupBox::toggled, this, &ActionsPanel::invalidatePreview);
    m_boxLayout->insertWidget(m_boxLayout->count() - 1, action.box);
    m_boxes.append(action);
}

QJsonArray ActionsPanel::actions() const
{
    QJsonArray actions;
    for (const ActionBox &action : m_boxes) {
        if (!action.box->isChecked())
            continue;
        QJsonObject parameters;
        for (const Field &field : action.fields) {
            // Left empty, a parameter is left out: the engine's default applies.
            switch (field.type) {
            case Field::Type::Text: {
                const QString text = static_cast<QLineEdit *>(field.widget)->text().trimmed();
                if (!text.isEmpty())
                    parameters.insert(field.key, text);
                break;
            }
            case Field::Type::LongText: {
                const QString text = static_cast<QPlainTextEdit *>(field.widget)->toPlainText();
                if (!text.trimmed().isEmpty())
                    parameters.insert(field.key, text);
                break;
            }
            case Field::Type::List: {
                QJsonArray items;
                const QStringList parts = static_cast<QLineEdit *>(field.widget)->text().split(u',');
                for (const QString &part : parts) {
                    if (!part.trimmed().isEmpty())
                        items.append(part.trimmed());
                }
                if (!items.isEmpty())
                    parameters.insert(field.key, items);
                break;
            }
            case Field::Type::Flag:
                if (static_cast<QCheckBox *>(field.widget)->isChecked())
                    parameters.insert(field.key, true);
                break;
            }
        }
        actions.append(QJsonObject { { u"kind"_s, action.kind }, { u"parameters"_s, parameters } });
    }
    return actions;
}

QStringList ActionsPanel::actionKinds() const
{
    QStringList kinds;
    for (const ActionBox &action : m_boxes)
        kinds.append(action.kind);
    return kinds;
}

bool ActionsPanel::setActionChecked(const QString &kind, bool checked)
{
    for (const ActionBox &action : std::as_const(m_boxes)) {
        if (action.kind == kind) {
            action.box->setChecked(checked);
            return true;
        }
    }
    return false;
}

bool ActionsPanel::setParameter(const QString &kind, const QString &key, const QString &value)
{
    for (const ActionBox &action : std::as_const(m_boxes)) {
        if (action.kind != kind)
            continue;
        for (const Field &field : action.fields) {
            if (field.key != key)
                continue;
            if (auto *line = qobject_cast<QLineEdit *>(field.widget))
                line->setText(value);
            else if (auto *text = qobject_cast<QPlainTextEdit *>(field.widget))
                text->setPlainText(value);
            else if (auto *box = qobject_cast<QCheckBox *>(field.widget))
                box->setChecked(value == "true"_L1);
            return true;
        }
    }
    return false;
}

QString ActionsPanel::parameter(const QString &kind, const QString &key) const
{
    for (const ActionBox &action : m_boxes) {
        if (action.kind != kind)
            continue;
        for (const Field &field : action.fields) {
            if (field.key != key)
                continue;
            if (auto *line = qobject_cast<QLineEdit *>(field.widget))
                return line->text();
            if (auto *text = qobject_cast<QPlainTextEdit *>(field.widget))
                return text->toPlainText();
            if (auto *box = qobject_cast<QCheckBox *>(field.widget))
                return box->isChecked() ? u"true"_s : u"false"_s;
        }
    }
    return {};
}

void ActionsPanel::setEditable(bool editable, const QString &why)
{
    m_editable = editable;
    for (const ActionBox &action : std::as_const(m_boxes))
        action.box->setEnabled(editable);
    // While a call is under way its own message stays; its answer says what happened.
    if (!m_busy) {
        if (!why.isEmpty())
            m_message->showInformation(why);
        else if (m_message->kind() == InlineMessage::Kind::Information)
            m_message->clear();
    }
    updateButtons();
}

void ActionsPanel::invalidatePreview()
{
    if (m_filling)
        return;
    if (m_hasPreview && actions() != m_previewedActions) {
        m_message->showMessage(
            InlineMessage::Kind::Information,
            tr("The actions changed since the preview: preview them again before running."));
    }
    updateButtons();
}

void ActionsPanel::updateButtons()
{
    const QJsonArray current = actions();
    const bool connected = m_session && m_session->isConnected();
    const bool previewMatches = m_hasPreview && current == m_previewedActions;
    m_previewButton->setEnabled(m_editable && connected && !m_busy && !current.isEmpty());
    m_runButton->setEnabled(m_editable && connected && !m_busy
                            && (current.isEmpty() || (previewMatches && m_previewOk)));
    m_runButton->setText(current.isEmpty() ? tr("Complete without actions")
                                           : tr("&Run %n action(s)", nullptr, int(current.size())));
    if (!m_editable)
        m_runButton->setToolTip(tr("Nothing to run here"));
    else if (current.isEmpty())
        m_runButton->setToolTip(tr("Complete the run without any action"));
    else if (!previewMatches)
        m_runButton->setToolTip(
            tr("Preview the actions first: Run opens once you have seen what they will do"));
    else if (!m_previewOk)
        m_runButton->setToolTip(tr("The preview found problems: fix them and preview again"));
    else
        m_runButton->setToolTip(tr("Run the previewed actions for real, in order"));
}

void ActionsPanel::preview()
{
    if (!m_session || m_busy)
        return;
    const QJsonArray requested = actions();
    QJsonObject params { { u"run_id"_s, m_runId }, { u"actions"_s, requested }, { u"dry_run"_s, true } };
    m_busy = true;
    m_message->showInformation(tr("Asking the engine what the actions would do…"));
    updateButtons();
    const quint64 generation = m_generation;
    QCoro::connect(m_session->call(u"runs.act"_s, params, std::chrono::minutes(2)), this,
                   [this, requested, generation](const rpc::RpcOutcome &outcome) {
                       m_busy = false;
                       if (generation != m_generation) {
                           updateButtons();
                           return;
                       }
                       if (outcome.error) {
                           m_message->showError(tr("The preview failed: %1").arg(outcome.error->message));
                           updateButtons();
                           return;
                       }
                       const QJsonObject result = outcome.result.toObject();
                       const QJsonArray previews = result.value("actions"_L1).toArray();
                       bool ok = true;
                       for (const QJsonValue &preview : previews)
                           ok = ok && preview.toObject().value("ok"_L1).toBool();
                       m_hasPreview = true;
                       m_previewOk = ok;
                       m_previewedActions = requested;
                       m_lastResult = result;
                       showResults(previews, true, tr("Preview — nothing was changed or sent"));
                       if (ok)
                           m_message->showMessage(InlineMessage::Kind::Success,
                                                  tr("Previewed. Read what each action will do, then Run."));
                       else
                           m_message->showError(tr("The preview found problems (in red below): fix the "
                                                   "parameters and preview again."));
                       updateButtons();
                       Q_EMIT previewed(result);
                   });
}

void ActionsPanel::run()
{
    if (!m_session || m_busy)
        return;
    const QJsonArray requested = actions();
    QJsonObject params { { u"run_id"_s, m_runId }, { u"actions"_s, requested } };
    m_busy = true;
    m_message->showInformation(requested.isEmpty()
                                   ? tr("Completing the run…")
                                   : tr("Running %n action(s)…", nullptr, int(requested.size())));
    updateButtons();
    const quint64 generation = m_generation;
    // A push may take minutes (docs/actions.md: 5 min per push).
    QCoro::connect(
        m_session->call(u"runs.act"_s, params, std::chrono::minutes(8)), this,
        [this, generation](const rpc::RpcOutcome &outcome) {
            m_busy = false;
            if (generation != m_generation) {
                updateButtons();
                return;
            }
            if (outcome.error) {
                m_message->showError(tr("The actions did not run: %1").arg(outcome.error->message));
                updateButtons();
                return;
            }
            const QJsonObject result = outcome.result.toObject();
            m_lastResult = result;
            const QJsonArray ran = result.value("actions"_L1).toArray();
            const bool ok = !result.contains("ok"_L1) || result.value("ok"_L1).toBool();
            showResults(ran, false, tr("Results"));
            if (ok)
                m_message->showMessage(InlineMessage::Kind::Success,
                                       ran.isEmpty() ? tr("The run is completed, without actions.")
                                                     : tr("Done: every action ran. The run is completed."));
            else
                m_message->showError(tr("An action failed and the run failed with it; the results "
                                        "below say what was done anyway and what to change."));
            m_editable = false;
            updateButtons();
            Q_EMIT acted(result);
        });
}

void ActionsPanel::showResults(const QJsonArray &actions, bool dryRun, const QString &heading)
{
    QString html = u"<h3>%1</h3>"_s.arg(heading.toHtmlEscaped());
    for (const QJsonValue &value : actions) {
        const QJsonObject action = value.toObject();
        const bool ok = action.value("ok"_L1).toBool();
        const QJsonObject details = action.value("details"_L1).toObject();
        const QString word =
            dryRun ? (ok ? tr("ready") : tr("needs fixing")) : (ok ? tr("done") : tr("failed"));
        html += u"<p style=\"margin-bottom:2px\"><b style=\"color:%1\">%2 %3</b> &nbsp;<b>%4</b></p>"_s.arg(
            ok ? okColour : failColour, ok ? u"✓"_s : u"✗"_s, word.toHtmlEscaped(),
            action.value("kind"_L1).toString().toHtmlEscaped());
        html +=
            u"<p style=\"margin-top:0\">%1</p>"_s.arg(action.value("message"_L1).toString().toHtmlEscaped());
        if (dryRun) {
            const QJsonArray problems = details.value("problems"_L1).toArray();
            if (!problems.isEmpty()) {
                html += u"<ul style=\"color:%1\">"_s.arg(failColour);
                for (const QJsonValue &problem : problems)
                    html += u"<li>"_s + problem.toString().toHtmlEscaped() + u"</li>"_s;
                html += u"</ul>"_s;
            }
            html += detailsTable(details.value("details"_L1).toObject(), {});
            const QJsonArray requests = details.value("requests"_L1).toArray();
            for (const QJsonValue &requestValue : requests) {
                const QJsonObject request = requestValue.toObject();
                html +=
                    u"<p style=\"margin-bottom:0\"><i>%1</i> <span style=\"font-family:'%2'\">%3 %4</span></p>"_s
                        .arg(tr("Request").toHtmlEscaped(), mono(),
                             request.value("method"_L1).toString().toHtmlEscaped(),
                             request.value("url"_L1).toString().toHtmlEscaped());
                const QString body = request.value("body"_L1).toString();
                if (!body.isEmpty())
                    html += valueHtml(u"body"_s, body);
            }
        } else {
            // What was made, with links to open it.
            html += detailsTable(details, { u"kind"_s, u"ok"_s, u"message"_s });
        }
    }
    if (actions.isEmpty())
        html += u"<p>%1</p>"_s.arg(tr("No actions.").toHtmlEscaped());
    m_results->setHtml(html);
}

} // namespace delegate::ui
