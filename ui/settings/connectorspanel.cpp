// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectorspanel.h"

#include "review/inlinemessage.h"
#include "settings/keystore.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

struct Connector
{
    const char *secret;
    const char *title;
    const char *hint;
};

constexpr Connector connectors[] = {
    { "GITHUB_TOKEN", QT_TRANSLATE_NOOP("ConnectorsPanel", "GitHub token"),
      QT_TRANSLATE_NOOP("ConnectorsPanel",
                        "For pull requests and issues: a fine-grained token with Pull requests and Issues: "
                        "write on the repositories") },
    { "SLACK_WEBHOOK_URL", QT_TRANSLATE_NOOP("ConnectorsPanel", "Slack webhook"),
      QT_TRANSLATE_NOOP("ConnectorsPanel",
                        "For posting reports: an incoming webhook URL, "
                        "https://hooks.slack.com/services/…") },
    { "LINEAR_API_KEY", QT_TRANSLATE_NOOP("ConnectorsPanel", "Linear API key"),
      QT_TRANSLATE_NOOP("ConnectorsPanel", "For creating issues: a personal API key, lin_api_…") },
};

// The mistakes worth catching before a value reaches the keychain.
QString checkValue(const QString &secret, const QString &value)
{
    if (secret == "SLACK_WEBHOOK_URL"_L1) {
        const QUrl url(value);
        if (url.scheme() != "https"_L1 || url.host().isEmpty())
            return QCoreApplication::translate(
                "ConnectorsPanel",
                "A Slack webhook is an https address, such as https://hooks.slack.com/services/…");
    }
    if (value.contains(u' ') || value.contains(u'\n'))
        return QCoreApplication::translate("ConnectorsPanel",
                                           "The value contains spaces; paste it again without them.");
    return {};
}

} // namespace

ConnectorsPanel::ConnectorsPanel(KeyStore *keys, QWidget *parent)
    : QWidget(parent)
    , m_keys(keys)
{
    auto *grid = new QGridLayout;
    int line = 0;
    for (const Connector &connector : connectors) {
        Row row;
        row.secret = QLatin1String(connector.secret);
        row.field = new QLineEdit(this);
        row.field->setObjectName(u"connector_"_s + row.secret);
        row.field->setEchoMode(QLineEdit::Password);
        row.field->setPlaceholderText(tr("paste to store it in the keychain as %1").arg(row.secret));
        row.field->setToolTip(tr(connector.hint));
        row.state = new QLabel(this);
        row.state->setObjectName(u"connectorState_"_s + row.secret);
        row.message = new InlineMessage(this);
        auto *save = new QPushButton(tr("Save"), this);
        auto *clear = new QPushButton(tr("Clear"), this);
        const QString secret = row.secret;
        connect(save, &QPushButton::clicked, this, [this, secret] { this->save(secret); });
        connect(clear, &QPushButton::clicked, this, [this, secret] { this->clear(secret); });
        connect(row.field, &QLineEdit::returnPressed, this, [this, secret] { this->save(secret); });
        grid->addWidget(new QLabel(tr(connector.title), this), line, 0);
        grid->addWidget(row.field, line, 1);
        grid->addWidget(row.state, line, 2);
        grid->addWidget(save, line, 3);
        grid->addWidget(clear, line, 4);
        grid->addWidget(row.message, line + 1, 1, 1, 4);
        line += 2;
        m_rows.append(row);
    }
    grid->setColumnStretch(1, 1);
    auto *intro =
        new QLabel(tr("Approved actions reach these services with the credentials below; the engine reads "
                      "them from the keychain, and agents never see them."),
                   this);
    intro->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addStretch(1);
    refresh();
}

const ConnectorsPanel::Row *ConnectorsPanel::row(const QString &secretName) const
{
    for (const Row &row : m_rows) {
        if (row.secret == secretName)
            return &row;
    }
    return nullptr;
}

QLineEdit *ConnectorsPanel::field(const QString &secretName) const
{
    const Row *found = row(secretName);
    return found ? found->field : nullptr;
}

QLabel *ConnectorsPanel::state(const QString &secretName) const
{
    const Row *found = row(secretName);
    return found ? found->state : nullptr;
}

void ConnectorsPanel::refresh()
{
    for (const Row &row : std::as_const(m_rows))
        refreshOne(row);
}

void ConnectorsPanel::refreshOne(const Row &row)
{
    if (!m_keys) {
        row.state->setText(tr("no keychain"));
        return;
    }
    row.state->setText(tr("checking…"));
    QLabel *state = row.state;
    const QString secret = row.secret;
    QCoro::connect(m_keys->readKey(secret), state, [state](const KeyStore::ReadResult &result) {
        state->setText(!result.error.isEmpty() ? tr("keychain unavailable")
                           : result.found      ? tr("set")
                                               : tr("not set"));
        state->setToolTip(result.error);
    });
}

void ConnectorsPanel::save(const QString &secretName)
{
    const Row *found = row(secretName);
    if (!found || !m_keys)
        return;
    const QString value = found->field->text().trimmed();
    if (value.isEmpty()) {
        found->message->showError(tr("Paste the value first."));
        return;
    }
    if (const QString problem = checkValue(secretName, value); !problem.isEmpty()) {
        found->message->showError(problem);
        return;
    }
    found->message->showInformation(tr("Saving in the keychain…"));
    const Row copy = *found;
    QCoro::connect(m_keys->writeKey(secretName, value), this, [this, copy](const QString &problem) {
        if (problem.isEmpty()) {
            copy.field->clear();
            copy.message->showMessage(InlineMessage::Kind::Success,
                                      tr("Stored as %1; actions use it from now on.").arg(copy.secret));
        } else {
            copy.message->showError(problem);
        }
        refreshOne(copy);
        Q_EMIT finished(copy.secret);
    });
}

void ConnectorsPanel::clear(const QString &secretName)
{
    const Row *found = row(secretName);
    if (!found || !m_keys)
        return;
    const Row copy = *found;
    QCoro::connect(m_keys->removeKey(secretName), this, [this, copy](const QString &problem) {
        if (problem.isEmpty())
            copy.message->showInformation(tr("%1 was removed from the keychain.").arg(copy.secret));
        else
            copy.message->showError(problem);
        refreshOne(copy);
        Q_EMIT finished(copy.secret);
    });
}

} // namespace delegate::ui
