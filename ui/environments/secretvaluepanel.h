// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace delegate {
class SecretStore;
}

namespace delegate::ui {

class InlineMessage;

// Sets the value of one named secret, inline under the chips. With a
// keychain it asks for the value only. Without one it says so and offers the
// encrypted file, which it creates only when the person agrees and chooses a
// passphrase; an existing encrypted file is unlocked with its passphrase.
// Values go straight to the SecretStore and are cleared from the field.
class SecretValuePanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SecretValuePanel(QWidget *parent = nullptr);

    void setStore(SecretStore *store);
    // Opens the panel for the secret.
    void edit(const QString &name);
    const QString &name() const { return m_name; }

    enum class Step { Value, Consent, Unlock };
    Step step() const;

Q_SIGNALS:
    void valueSaved(const QString &name);

private:
    void showStep();
    void saveValue();
    void enableFallback();
    void unlockFallback();
    void setBusy(bool busy);

    QPointer<SecretStore> m_store;
    QString m_name;
    QLabel *m_title;
    QStackedWidget *m_steps;
    QLineEdit *m_value;
    QPushButton *m_save;
    QLabel *m_consentText;
    QLineEdit *m_newPassphrase;
    QLineEdit *m_confirmPassphrase;
    QPushButton *m_consent;
    QLineEdit *m_passphrase;
    QPushButton *m_unlock;
    InlineMessage *m_message;
};

} // namespace delegate::ui
