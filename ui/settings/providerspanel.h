// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/providersetting.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace delegate {
class KeyStore;
}

namespace delegate::ui {

class InlineMessage;

// Settings → Providers: the model providers in the settings file, as a list
// and an editor. The key field writes the keychain and never shows a stored
// key, only whether one is set; "Test connection" makes one real request
// with the entry as it stands and puts the verdict beside the button.
class ProvidersPanel final : public QWidget
{
    Q_OBJECT

public:
    ProvidersPanel(KeyStore *keys, QString settingsPath, QWidget *parent = nullptr);

    void reload();
    void newProvider();
    void save();
    void remove();
    void testConnection();

    QListWidget *list() const { return m_list; }
    InlineMessage *message() const { return m_message; }
    InlineMessage *verdict() const { return m_verdict; }
    QLabel *keyState() const { return m_keyState; }

Q_SIGNALS:
    // The file changed; the engine applies it when it restarts.
    void saved();
    // A save or a connection test ended (for tests and busy indicators).
    void finished();

private:
    void showProvider(const QString &name);
    // The form as an entry, checked as the settings file checks it; nullopt
    // with the problem shown beside the form.
    std::optional<ProviderSetting> formValue();
    void refreshKeyState(const QString &name);

    KeyStore *m_keys;
    QString m_settingsPath;
    QListWidget *m_list;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QLineEdit *m_baseUrl;
    QLineEdit *m_models;
    QLineEdit *m_key;
    QLabel *m_keyState;
    QPushButton *m_save;
    QPushButton *m_remove;
    QPushButton *m_test;
    InlineMessage *m_message;
    InlineMessage *m_verdict;
    quint64 m_generation = 0;
};

} // namespace delegate::ui
