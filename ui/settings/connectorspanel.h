// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace delegate {
class KeyStore;
}

namespace delegate::ui {

class InlineMessage;

// Settings → Connectors: the GitHub token, Slack webhook and Linear key that
// approved actions use, kept in the keychain under the names the actions
// read (GITHUB_TOKEN, SLACK_WEBHOOK_URL, LINEAR_API_KEY). A stored value is
// never shown, only whether one is set.
class ConnectorsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectorsPanel(KeyStore *keys, QWidget *parent = nullptr);

    void refresh();
    void save(const QString &secretName);
    void clear(const QString &secretName);

    QLineEdit *field(const QString &secretName) const;
    QLabel *state(const QString &secretName) const;

Q_SIGNALS:
    void finished(const QString &secretName);

private:
    struct Row
    {
        QString secret;
        QLineEdit *field = nullptr;
        QLabel *state = nullptr;
        InlineMessage *message = nullptr;
    };
    const Row *row(const QString &secretName) const;
    void refreshOne(const Row &row);

    KeyStore *m_keys;
    QList<Row> m_rows;
};

} // namespace delegate::ui
