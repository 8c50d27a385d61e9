// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretvaluepanel.h"

#include "review/inlinemessage.h"
#include "secrets/secretstore.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QLineEdit *passwordField(const QString &objectName, QWidget *parent)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(objectName);
    field->setEchoMode(QLineEdit::Password);
    return field;
}

} // namespace

SecretValuePanel::SecretValuePanel(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_steps(new QStackedWidget(this))
    , m_message(new InlineMessage(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_steps);
    layout->addWidget(m_message);

    auto *valuePage = new QWidget(m_steps);
    auto *valueRow = new QHBoxLayout(valuePage);
    valueRow->setContentsMargins(0, 0, 0, 0);
    m_value = passwordField(u"secretValue"_s, valuePage);
    m_value->setPlaceholderText(tr("the value; it is stored in the keychain and never shown again"));
    m_save = new QPushButton(tr("Save value"), valuePage);
    m_save->setObjectName(u"saveValue"_s);
    auto *cancel = new QPushButton(tr("Cancel"), valuePage);
    valueRow->addWidget(m_value, 1);
    valueRow->addWidget(m_save);
    valueRow->addWidget(cancel);
    connect(m_save, &QPushButton::clicked, this, &SecretValuePanel::saveValue);
    connect(m_value, &QLineEdit::returnPressed, this, &SecretValuePanel::saveValue);
    connect(cancel, &QPushButton::clicked, this, [this] {
        m_value->clear();
        hide();
    });
    m_steps->addWidget(valuePage);

    auto *consentPage = new QWidget(m_steps);
    auto *consentForm = new QFormLayout(consentPage);
    consentForm->setContentsMargins(0, 0, 0, 0);
    m_consentText = new QLabel(consentPage);
    m_consentText->setWordWrap(true);
    consentForm->addRow(m_consentText);
    m_newPassphrase = passwordField(u"newPassphrase"_s, consentPage);
    m_confirmPassphrase = passwordField(u"confirmPassphrase"_s, consentPage);
    consentForm->addRow(tr("Passphrase:"), m_newPassphrase);
    consentForm->addRow(tr("Again:"), m_confirmPassphrase);
    m_consent = new QPushButton(tr("Keep secrets in an encrypted file"), consentPage);
    m_consent->setObjectName(u"consent"_s);
    consentForm->addRow(m_consent);
    connect(m_consent, &QPushButton::clicked, this, &SecretValuePanel::enableFallback);
    m_steps->addWidget(consentPage);

    auto *unlockPage = new QWidget(m_steps);
    auto *unlockRow = new QHBoxLayout(unlockPage);
    unlockRow->setContentsMargins(0, 0, 0, 0);
    m_passphrase = passwordField(u"passphrase"_s, unlockPage);
    m_passphrase->setPlaceholderText(tr("the passphrase of the encrypted secret file"));
    m_unlock = new QPushButton(tr("Unlock"), unlockPage);
    m_unlock->setObjectName(u"unlock"_s);
    unlockRow->addWidget(m_passphrase, 1);
    unlockRow->addWidget(m_unlock);
    connect(m_unlock, &QPushButton::clicked, this, &SecretValuePanel::unlockFallback);
    connect(m_passphrase, &QLineEdit::returnPressed, this, &SecretValuePanel::unlockFallback);
    m_steps->addWidget(unlockPage);
    hide();
}

void SecretValuePanel::setStore(SecretStore *store)
{
    m_store = store;
}

void SecretValuePanel::edit(const QString &name)
{
    m_name = name;
    m_value->clear();
    m_message->clear();
    showStep();
    show();
    (step() == Step::Value ? m_value : step() == Step::Unlock ? m_passphrase : m_newPassphrase)->setFocus();
}

SecretValuePanel::Step SecretValuePanel::step() const
{
    return Step(m_steps->currentIndex());
}

void SecretValuePanel::showStep()
{
    const SecretStore::Backend backend = m_store ? m_store->backend() : SecretStore::Backend::None;
    const bool usable =
        backend == SecretStore::Backend::Keychain || backend == SecretStore::Backend::EncryptedFile;
    if (usable) {
        m_title->setText(tr("Value of <b>%1</b> (%2):")
                             .arg(m_name.toHtmlEscaped(),
                                  backend == SecretStore::Backend::Keychain
                                      ? tr("kept in the system keychain")
                                      : tr("kept in the encrypted file")));
        m_steps->setCurrentIndex(int(Step::Value));
        return;
    }
    const QString problem = m_store ? m_store->keychainProblem() : tr("no secret store");
    if (m_store && m_store->fallbackExists()) {
        m_title->setText(tr("No keychain service runs here; secrets are kept in the encrypted file %1. "
                            "Unlock it to set <b>%2</b>.")
                             .arg(m_store->fallbackPath().toHtmlEscaped(), m_name.toHtmlEscaped()));
        m_steps->setCurrentIndex(int(Step::Unlock));
        return;
    }
    m_title->setText(
        tr("<b>No keychain service runs here</b>, so there is nowhere safe to keep the value of %1 yet.")
            .arg(m_name.toHtmlEscaped()));
    m_consentText->setText(
        tr("%1.<br>Delegate can keep secret values in a file encrypted with a passphrase you choose "
           "(scrypt and AES-256-GCM) at %2. You will type the passphrase each time Delegate starts. "
           "Nothing is written unless you agree.")
            .arg(problem.toHtmlEscaped(), m_store ? m_store->fallbackPath().toHtmlEscaped() : QString()));
    m_steps->setCurrentIndex(int(Step::Consent));
}

void SecretValuePanel::setBusy(bool busy)
{
    m_steps->setEnabled(!busy);
}

void SecretValuePanel::saveValue()
{
    if (!m_store)
        return;
    const QString value = m_value->text();
    if (value.isEmpty()) {
        m_message->showError(tr("Type the value first; an empty secret would authenticate nothing."));
        return;
    }
    m_value->clear();
    setBusy(true);
    const QString name = m_name;
    QCoro::connect(m_store->write(name, value), this, [this, name](const SecretOutcome &outcome) {
        setBusy(false);
        if (!outcome.ok()) {
            m_message->showError(outcome.message);
            return;
        }
        m_message->clear();
        hide();
        Q_EMIT valueSaved(name);
    });
}

void SecretValuePanel::enableFallback()
{
    if (!m_store)
        return;
    const QString passphrase = m_newPassphrase->text();
    if (passphrase != m_confirmPassphrase->text()) {
        m_message->showError(tr("The two passphrases differ; type the same one twice."));
        return;
    }
    if (passphrase.size() < EncryptedSecretFile::minimumPassphraseLength) {
        m_message->showError(tr("Choose a passphrase of at least %1 characters.")
                                 .arg(EncryptedSecretFile::minimumPassphraseLength));
        return;
    }
    m_newPassphrase->clear();
    m_confirmPassphrase->clear();
    setBusy(true);
    QCoro::connect(m_store->enableFallback(passphrase), this, [this](const SecretOutcome &outcome) {
        setBusy(false);
        if (!outcome.ok()) {
            m_message->showError(outcome.message);
            return;
        }
        m_message->clear();
        edit(m_name);
    });
}

void SecretValuePanel::unlockFallback()
{
    if (!m_store)
        return;
    const QString passphrase = m_passphrase->text();
    m_passphrase->clear();
    setBusy(true);
    QCoro::connect(m_store->unlockFallback(passphrase), this, [this](const SecretOutcome &outcome) {
        setBusy(false);
        if (!outcome.ok()) {
            m_message->showError(outcome.message);
            return;
        }
        m_message->clear();
        edit(m_name);
    });
}

} // namespace delegate::ui
