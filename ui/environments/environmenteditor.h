// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/environmentprofile.h"
#include "policy/capability.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QToolButton;

namespace delegate {
class SecretStore;
}

namespace delegate::ui {

class CapabilityChip;
class FlowLayout;
class SecretValuePanel;

// Edits one environment profile: name, sandbox target, repository and
// network access, the grants as chips (hosts, tools, read-only mounts, named
// secrets) added from the capability catalogue, and resource limits. Problems
// are shown next to the field they concern; profile() is what the fields
// say, valid or not, and problems() lists what keeps it from being saved.
class EnvironmentEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit EnvironmentEditor(QWidget *parent = nullptr);

    // For the secret chips' "value set" and "Set value…"; may be null.
    void setSecretStore(SecretStore *store);

    void setProfile(const EnvironmentProfile &profile, bool readOnly = false);
    EnvironmentProfile profile() const;
    bool isReadOnly() const { return m_readOnly; }

    // Field path ("name", "limits.wall_time", "capabilities.tools") → what is
    // wrong there and how to fix it. Empty when the profile can be saved.
    QHash<QString, QString> problems() const;
    // Shows problems() next to their fields; true when there are none.
    bool validate();
    // The message shown next to a field, for tests and accessibility.
    QString problemShownFor(const QString &field) const;

    // Adds a grant as the "Add grant" popup does: a tool, an allowlisted host
    // (switching the network to an allowlist), a secret name, or a mount
    // (`subject` the host path, `sandboxPath` where it appears).
    bool addGrant(Capability capability, const QString &subject, const QString &sandboxPath = {});
    bool removeGrant(Capability capability, const QString &subject);
    QList<CapabilityChip *> chips() const;

    // Catalogue entries the popup offers.
    static QList<Capability> addableGrants();

Q_SIGNALS:
    // Every edit, with what the fields now say.
    void edited(const delegate::EnvironmentProfile &profile);

private:
    void buildForm();
    QLineEdit *limitField(const QString &key, const QString &placeholder, const QString &tip);
    QLabel *problemLabel(const QString &field);
    void rebuildChips();
    void refreshSecretStates();
    void showAddRow(Capability capability);
    void commitAddRow();
    void changed();

    QPointer<SecretStore> m_store;
    bool m_readOnly = false;
    bool m_filling = false;

    QLineEdit *m_name;
    QLineEdit *m_description;
    QComboBox *m_sandbox;
    QLineEdit *m_host;
    QComboBox *m_repository;
    QComboBox *m_network;
    QWidget *m_chipArea;
    FlowLayout *m_chipLayout;
    QToolButton *m_addGrant;
    QWidget *m_addRow;
    QLabel *m_addLabel;
    QLineEdit *m_addInput;
    QLineEdit *m_addSandboxPath;
    Capability m_adding = Capability::Tool;
    SecretValuePanel *m_secretPanel;
    QHash<QString, QLineEdit *> m_limits;
    QHash<QString, QLabel *> m_problemLabels;

    HostPool m_pool;
    QStringList m_hosts;
    QStringList m_tools;
    QList<Mount> m_mounts;
    QStringList m_secrets;
    QHash<QString, int> m_secretStates; // name → CapabilityChip::ValueState
};

} // namespace delegate::ui
