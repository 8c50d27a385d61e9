// SPDX-License-Identifier: GPL-3.0-or-later
#include "environmenteditor.h"

#include "capabilitychip.h"
#include "domain/environmentyaml.h"
#include "domain/quantities.h"
#include "flowlayout.h"
#include "library/environmentlibrary.h"
#include "policy/capabilitycatalogue.h"
#include "secrets/secretstore.h"
#include "secretvaluepanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

const QStringList durationLimits { u"wall_time"_s, u"cpu_time"_s };

QString mountText(const Mount &mount)
{
    return mount.hostPath + u" → "_s + mount.sandboxPath;
}

// The editor's field a problem at `path` belongs to: "capabilities.tools[1]"
// goes next to the tools, "limits.memory_mb" next to the memory limit.
QString fieldOf(const QString &path)
{
    QString field = path.section(u'[', 0, 0);
    if (field.startsWith(u"capabilities.network"))
        return u"capabilities.network"_s;
    if (field.startsWith(u"capabilities.mounts"))
        return u"capabilities.mounts"_s;
    return field.isEmpty() ? u"name"_s : field;
}

} // namespace

EnvironmentEditor::EnvironmentEditor(QWidget *parent)
    : QWidget(parent)
{
    buildForm();
    setProfile(EnvironmentProfile {});
}

QList<Capability> EnvironmentEditor::addableGrants()
{
    return { Capability::Tool, Capability::NetworkAllowlist, Capability::Mount, Capability::Secret };
}

QLabel *EnvironmentEditor::problemLabel(const QString &field)
{
    auto *label = new QLabel(this);
    label->setObjectName(u"problem:"_s + field);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #c62828;"_s);
    label->hide();
    m_problemLabels.insert(field, label);
    return label;
}

QLineEdit *EnvironmentEditor::limitField(const QString &key, const QString &placeholder, const QString &tip)
{
    auto *field = new QLineEdit(this);
    field->setObjectName(u"limits."_s + key);
    field->setPlaceholderText(placeholder);
    field->setToolTip(tip);
    connect(field, &QLineEdit::textEdited, this, &EnvironmentEditor::changed);
    m_limits.insert(key, field);
    return field;
}

void EnvironmentEditor::buildForm()
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(form);

    m_name = new QLineEdit(this);
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("repository-reader"));
    m_name->setToolTip(tr("Tasks name their environment by this; it is also the file's name."));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), problemLabel(u"name"_s));
    m_description = new QLineEdit(this);
    m_description->setObjectName(u"description"_s);
    m_description->setPlaceholderText(tr("What the environment is for, in one line"));
    form->addRow(tr("&Description:"), m_description);

    auto *sandboxRow = new QHBoxLayout;
    m_sandbox = new QComboBox(this);
    m_sandbox->setObjectName(u"sandbox"_s);
    m_sandbox->addItem(tr("This machine (local)"));
    m_sandbox->addItem(tr("An SSH host"));
    m_host = new QLineEdit(this);
    m_host->setObjectName(u"host"_s);
    m_host->setPlaceholderText(tr("host as ~/.ssh/config names it, e.g. build-01"));
    sandboxRow->addWidget(m_sandbox);
    sandboxRow->addWidget(m_host, 1);
    form->addRow(tr("Sandbox:"), sandboxRow);
    form->addRow(QString(), problemLabel(u"sandbox"_s));

    auto *capabilities = new QGroupBox(tr("Capabilities"), this);
    auto *capabilityForm = new QFormLayout(capabilities);
    capabilityForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_repository = new QComboBox(capabilities);
    m_repository->setObjectName(u"repository"_s);
    m_repository->addItem(tr("none — an empty workspace"));
    m_repository->addItem(tr("read — the checkout, read-only"));
    m_repository->addItem(tr("write — changes come back as a patch"));
    m_repository->setToolTip(CapabilityCatalogue::info(Capability::RepositoryWrite).risk);
    capabilityForm->addRow(tr("&Repository:"), m_repository);
    m_network = new QComboBox(capabilities);
    m_network->setObjectName(u"network"_s);
    m_network->addItem(tr("none — loopback only"));
    m_network->addItem(tr("allowlist — only the listed hosts"));
    m_network->addItem(tr("full — any host (high risk)"));
    m_network->setToolTip(CapabilityCatalogue::info(Capability::NetworkFull).risk);
    capabilityForm->addRow(tr("N&etwork:"), m_network);
    capabilityForm->addRow(QString(), problemLabel(u"capabilities.network"_s));

    m_chipArea = new QWidget(capabilities);
    m_chipLayout = new FlowLayout(m_chipArea);
    m_addGrant = new QToolButton(capabilities);
    m_addGrant->setObjectName(u"addGrant"_s);
    m_addGrant->setText(tr("+ Add grant"));
    m_addGrant->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_addGrant);
    for (Capability capability : addableGrants()) {
        const CapabilityInfo &info = CapabilityCatalogue::info(capability);
        QAction *action = menu->addAction(info.title + u"…"_s);
        action->setToolTip(info.allows + u"\n"_s + tr("Risk: ") + info.risk);
        action->setStatusTip(info.allows);
        connect(action, &QAction::triggered, this, [this, capability] { showAddRow(capability); });
    }
    menu->setToolTipsVisible(true);
    m_addGrant->setMenu(menu);
    capabilityForm->addRow(tr("Grants:"), m_chipArea);

    m_addRow = new QWidget(capabilities);
    auto *addLayout = new QHBoxLayout(m_addRow);
    addLayout->setContentsMargins(0, 0, 0, 0);
    m_addLabel = new QLabel(m_addRow);
    m_addInput = new QLineEdit(m_addRow);
    m_addInput->setObjectName(u"addInput"_s);
    m_addSandboxPath = new QLineEdit(m_addRow);
    m_addSandboxPath->setObjectName(u"addSandboxPath"_s);
    m_addSandboxPath->setPlaceholderText(tr("where the sandbox sees it, e.g. /mnt/runbooks"));
    auto *add = new QPushButton(tr("Add"), m_addRow);
    add->setObjectName(u"addConfirm"_s);
    auto *cancel = new QPushButton(tr("Cancel"), m_addRow);
    addLayout->addWidget(m_addLabel);
    addLayout->addWidget(m_addInput, 2);
    addLayout->addWidget(m_addSandboxPath, 2);
    addLayout->addWidget(add);
    addLayout->addWidget(cancel);
    connect(add, &QPushButton::clicked, this, &EnvironmentEditor::commitAddRow);
    connect(m_addInput, &QLineEdit::returnPressed, this, &EnvironmentEditor::commitAddRow);
    connect(m_addSandboxPath, &QLineEdit::returnPressed, this, &EnvironmentEditor::commitAddRow);
    connect(cancel, &QPushButton::clicked, m_addRow, &QWidget::hide);
    m_addRow->hide();
    capabilityForm->addRow(QString(), m_addRow);
    capabilityForm->addRow(QString(), problemLabel(u"capabilities.add"_s));
    for (const QString &field :
         { u"capabilities.tools"_s, u"capabilities.mounts"_s, u"capabilities.secrets"_s })
        capabilityForm->addRow(QString(), problemLabel(field));
    m_secretPanel = new SecretValuePanel(capabilities);
    m_secretPanel->setObjectName(u"secretValuePanel"_s);
    capabilityForm->addRow(QString(), m_secretPanel);
    connect(m_secretPanel, &SecretValuePanel::valueSaved, this, [this](const QString &name) {
        m_secretStates.insert(name, int(CapabilityChip::ValueState::Set));
        rebuildChips();
    });
    layout->addWidget(capabilities);

    auto *limits = new QGroupBox(tr("Limits (empty: the default)"), this);
    auto *grid = new QGridLayout(limits);
    const struct
    {
        QString key;
        QString label;
        QString placeholder;
        QString tip;
    } fields[] = {
        { u"wall_time"_s, tr("Wall time:"), u"10m"_s, tr("How long one command may run, e.g. 45m or 1h30m") },
        { u"cpu_time"_s, tr("CPU time:"), u"10m"_s, tr("CPU time per process, e.g. 20m") },
        { u"memory_mb"_s, tr("Memory (MiB):"), u"4096"_s, tr("Memory per process, in MiB") },
        { u"processes"_s, tr("Processes:"), u"256"_s, tr("Processes at once") },
        { u"file_size_mb"_s, tr("File size (MiB):"), u"1024"_s,
          tr("Largest file a command may write, in MiB") },
        { u"output_kb"_s, tr("Output (KiB):"), u"1024"_s, tr("Output kept per command, in KiB") },
    };
    int index = 0;
    for (const auto &field : fields) {
        const int row = (index / 2) * 2;
        const int column = (index % 2) * 2;
        grid->addWidget(new QLabel(field.label, limits), row, column);
        grid->addWidget(limitField(field.key, field.placeholder, field.tip), row, column + 1);
        grid->addWidget(problemLabel(u"limits."_s + field.key), row + 1, column + 1);
        ++index;
    }
    layout->addWidget(limits);
    layout->addStretch(1);

    connect(m_name, &QLineEdit::textEdited, this, &EnvironmentEditor::changed);
    connect(m_description, &QLineEdit::textEdited, this, &EnvironmentEditor::changed);
    connect(m_host, &QLineEdit::textEdited, this, &EnvironmentEditor::changed);
    connect(m_sandbox, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_host->setEnabled(index == 1 && !m_readOnly);
        changed();
    });
    connect(m_repository, &QComboBox::currentIndexChanged, this, &EnvironmentEditor::changed);
    connect(m_network, &QComboBox::currentIndexChanged, this, [this] {
        rebuildChips();
        changed();
    });
}

void EnvironmentEditor::setSecretStore(SecretStore *store)
{
    m_store = store;
    m_secretPanel->setStore(store);
    if (store) {
        connect(store, &SecretStore::backendChanged, this, &EnvironmentEditor::refreshSecretStates,
                Qt::UniqueConnection);
        connect(store, &SecretStore::secretChanged, this, &EnvironmentEditor::refreshSecretStates,
                Qt::UniqueConnection);
    }
    refreshSecretStates();
}

void EnvironmentEditor::setProfile(const EnvironmentProfile &profile, bool readOnly)
{
    m_filling = true;
    m_readOnly = readOnly;
    m_name->setText(profile.name);
    m_description->setText(profile.description);
    m_sandbox->setCurrentIndex(profile.sandbox.kind == SandboxTarget::Kind::Ssh ? 1 : 0);
    m_host->setText(profile.sandbox.host);
    m_pool = profile.pool;
    m_repository->setCurrentIndex(int(profile.capabilities.repository));
    m_network->setCurrentIndex(int(profile.capabilities.network.mode));
    m_hosts = profile.capabilities.network.hosts;
    m_tools = profile.capabilities.tools;
    m_mounts = profile.capabilities.mounts;
    m_secrets = profile.capabilities.secrets;
    const auto setDuration = [this](const QString &key, const std::optional<std::chrono::seconds> &value) {
        m_limits.value(key)->setText(value ? formatDuration(*value) : QString());
    };
    const auto setCount = [this](const QString &key, const std::optional<qint64> &value) {
        m_limits.value(key)->setText(value ? QString::number(*value) : QString());
    };
    setDuration(u"wall_time"_s, profile.limits.wallTime);
    setDuration(u"cpu_time"_s, profile.limits.cpuTime);
    setCount(u"memory_mb"_s, profile.limits.memoryMb);
    setCount(u"processes"_s, profile.limits.processes);
    setCount(u"file_size_mb"_s, profile.limits.fileSizeMb);
    setCount(u"output_kb"_s, profile.limits.outputKb);

    for (QLineEdit *field : { m_name, m_description, m_host })
        field->setReadOnly(readOnly);
    for (QLineEdit *field : std::as_const(m_limits))
        field->setReadOnly(readOnly);
    m_sandbox->setEnabled(!readOnly);
    m_host->setEnabled(!readOnly && m_sandbox->currentIndex() == 1);
    m_repository->setEnabled(!readOnly);
    m_network->setEnabled(!readOnly);
    m_addGrant->setVisible(!readOnly);
    m_addRow->hide();
    m_secretPanel->hide();
    for (QLabel *label : std::as_const(m_problemLabels))
        label->hide();
    rebuildChips();
    refreshSecretStates();
    m_filling = false;
}

EnvironmentProfile EnvironmentEditor::profile() const
{
    EnvironmentProfile profile;
    profile.name = m_name->text().trimmed();
    profile.description = m_description->text().trimmed();
    if (m_sandbox->currentIndex() == 1)
        profile.sandbox = SandboxTarget { SandboxTarget::Kind::Ssh, m_host->text().trimmed() };
    // The editor has no pool fields yet: a pool environment (ssh, no single
    // host) keeps the pool it was opened with.
    if (m_sandbox->currentIndex() == 1 && profile.sandbox.host.isEmpty())
        profile.pool = m_pool;
    profile.capabilities.repository = Capabilities::RepositoryAccess(m_repository->currentIndex());
    profile.capabilities.network.mode = NetworkAccess::Mode(m_network->currentIndex());
    if (profile.capabilities.network.mode == NetworkAccess::Mode::Allowlist)
        profile.capabilities.network.hosts = m_hosts;
    profile.capabilities.tools = m_tools;
    profile.capabilities.mounts = m_mounts;
    profile.capabilities.secrets = m_secrets;
    const auto duration = [this](const QString &key) {
        return parseDuration(m_limits.value(key)->text().trimmed());
    };
    const auto count = [this](const QString &key) {
        return parseCount(m_limits.value(key)->text().trimmed());
    };
    profile.limits.wallTime = duration(u"wall_time"_s);
    profile.limits.cpuTime = duration(u"cpu_time"_s);
    profile.limits.memoryMb = count(u"memory_mb"_s);
    profile.limits.processes = count(u"processes"_s);
    profile.limits.fileSizeMb = count(u"file_size_mb"_s);
    profile.limits.outputKb = count(u"output_kb"_s);
    return profile;
}

QHash<QString, QString> EnvironmentEditor::problems() const
{
    QHash<QString, QString> found;
    const EnvironmentProfile current = profile();
    if (const QString problem = EnvironmentLibrary::nameProblem(current.name); !problem.isEmpty())
        found.insert(u"name"_s, problem);
    if (current.sandbox.kind == SandboxTarget::Kind::Ssh && current.sandbox.host.isEmpty()
        && current.pool.hosts.isEmpty())
        found.insert(u"sandbox"_s, tr("name the SSH host, as ~/.ssh/config knows it, or pick this machine"));
    if (current.capabilities.network.mode == NetworkAccess::Mode::Allowlist && m_hosts.isEmpty())
        found.insert(u"capabilities.network"_s,
                     tr("an allowlist without hosts reaches nothing; add a host, or pick “none”"));
    for (auto it = m_limits.constBegin(); it != m_limits.constEnd(); ++it) {
        const QString text = it.value()->text().trimmed();
        if (text.isEmpty())
            continue;
        const bool isDuration = durationLimits.contains(it.key());
        const bool ok = isDuration ? parseDuration(text).has_value() : parseCount(text).has_value();
        if (!ok)
            found.insert(u"limits."_s + it.key(),
                         isDuration ? tr("`%1` is not a duration; write 45m, 2h or 1h30m").arg(text)
                                    : tr("`%1` is not a number; write 2048").arg(text));
    }
    // Everything else the file format checks, placed at its field.
    if (found.isEmpty()) {
        const LoadResult<EnvironmentProfile> readBack =
            EnvironmentYaml::parse(EnvironmentYaml::save(current), current.name + u".yaml"_s);
        for (const SourceError &error : readBack.errors)
            found.insert(fieldOf(error.path), error.message);
    }
    return found;
}

bool EnvironmentEditor::validate()
{
    const QHash<QString, QString> found = problems();
    for (auto it = m_problemLabels.constBegin(); it != m_problemLabels.constEnd(); ++it) {
        if (it.key() == u"capabilities.add")
            continue;
        it.value()->setText(found.value(it.key()));
        it.value()->setVisible(found.contains(it.key()));
    }
    // A problem with no field of its own still shows, next to the name.
    for (auto it = found.constBegin(); it != found.constEnd(); ++it) {
        if (!m_problemLabels.contains(it.key())) {
            QLabel *label = m_problemLabels.value(u"name"_s);
            label->setText(it.key() + u": "_s + it.value());
            label->show();
        }
    }
    return found.isEmpty();
}

QString EnvironmentEditor::problemShownFor(const QString &field) const
{
    const QLabel *label = m_problemLabels.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

bool EnvironmentEditor::addGrant(Capability capability, const QString &subject, const QString &sandboxPath)
{
    const QString value = subject.trimmed();
    QLabel *problem = m_problemLabels.value(u"capabilities.add"_s);
    const auto refuse = [problem](const QString &message) {
        problem->setText(message);
        problem->show();
        return false;
    };
    if (m_readOnly)
        return refuse(tr("This is a shipped example; duplicate it to change it."));
    if (value.isEmpty())
        return refuse(tr("Type what to grant first."));
    switch (capability) {
    case Capability::Tool:
        if (value.contains(u'/') || value.contains(u' '))
            return refuse(
                tr("A tool is a program's name on PATH, such as rg, not a path or a command line."));
        if (!m_tools.contains(value))
            m_tools.append(value);
        break;
    case Capability::NetworkAllowlist:
        if (value.contains(u"://") || value.contains(u'/') || value.contains(u' '))
            return refuse(
                tr("A host is a name such as api.github.com or *.example.com, without scheme or path."));
        if (!m_hosts.contains(value))
            m_hosts.append(value);
        if (m_network->currentIndex() != int(NetworkAccess::Mode::Allowlist)) {
            const QSignalBlocker blocker(m_network);
            m_network->setCurrentIndex(int(NetworkAccess::Mode::Allowlist));
        }
        break;
    case Capability::Secret: {
        static const QRegularExpression variable(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
        if (!variable.match(value).hasMatch())
            return refuse(
                tr("A secret's name becomes an environment variable: letters, digits and _, such as "
                   "GITHUB_TOKEN."));
        if (!m_secrets.contains(value))
            m_secrets.append(value);
        break;
    }
    case Capability::Mount: {
        const Mount mount { value, sandboxPath.trimmed() };
        if (!mount.hostPath.startsWith(u'/') || !mount.sandboxPath.startsWith(u'/'))
            return refuse(
                tr("A mount needs two absolute paths: the host folder and where the sandbox sees it."));
        if (!m_mounts.contains(mount))
            m_mounts.append(mount);
        break;
    }
    default:
        return refuse(tr("That grant is set with its own field."));
    }
    problem->hide();
    rebuildChips();
    refreshSecretStates();
    changed();
    return true;
}

bool EnvironmentEditor::removeGrant(Capability capability, const QString &subject)
{
    if (m_readOnly)
        return false;
    bool removed = false;
    switch (capability) {
    case Capability::Tool:
        removed = m_tools.removeAll(subject) > 0;
        break;
    case Capability::NetworkAllowlist:
        removed = m_hosts.removeAll(subject) > 0;
        break;
    case Capability::Secret:
        removed = m_secrets.removeAll(subject) > 0;
        break;
    case Capability::Mount:
        removed = m_mounts.removeIf([&](const Mount &mount) { return mountText(mount) == subject; }) > 0;
        break;
    default:
        break;
    }
    if (removed) {
        rebuildChips();
        changed();
    }
    return removed;
}

QList<CapabilityChip *> EnvironmentEditor::chips() const
{
    // Chips being replaced are hidden at once and deleted from the event loop.
    QList<CapabilityChip *> shown = m_chipArea->findChildren<CapabilityChip *>(Qt::FindDirectChildrenOnly);
    shown.removeIf([](const CapabilityChip *chip) { return chip->isHidden(); });
    return shown;
}

void EnvironmentEditor::rebuildChips()
{
    while (QLayoutItem *item = m_chipLayout->takeAt(0)) {
        if (QWidget *widget = item->widget(); widget && widget != m_addGrant) {
            widget->hide();
            widget->deleteLater();
        }
        delete item;
    }
    const auto addChip = [this](Capability capability, const QString &subject) {
        auto *chip = new CapabilityChip(capability, subject, m_chipArea);
        chip->findChild<QToolButton *>(u"remove"_s)->setVisible(!m_readOnly);
        connect(chip, &CapabilityChip::removeRequested, this,
                [this, capability, subject] { removeGrant(capability, subject); });
        if (capability == Capability::Secret) {
            chip->setValueState(CapabilityChip::ValueState(
                m_secretStates.value(subject, int(CapabilityChip::ValueState::Unknown))));
            connect(chip, &CapabilityChip::setValueRequested, this,
                    [this, subject] { m_secretPanel->edit(subject); });
        }
        m_chipLayout->addWidget(chip);
    };
    if (m_network->currentIndex() == int(NetworkAccess::Mode::Allowlist)) {
        for (const QString &host : std::as_const(m_hosts))
            addChip(Capability::NetworkAllowlist, host);
    }
    for (const QString &tool : std::as_const(m_tools))
        addChip(Capability::Tool, tool);
    for (const Mount &mount : std::as_const(m_mounts))
        addChip(Capability::Mount, mountText(mount));
    for (const QString &secret : std::as_const(m_secrets))
        addChip(Capability::Secret, secret);
    m_chipLayout->addWidget(m_addGrant);
    m_addGrant->show();
    m_addGrant->setVisible(!m_readOnly);
    m_chipArea->updateGeometry();
}

void EnvironmentEditor::refreshSecretStates()
{
    if (!m_store || m_store->backend() == SecretStore::Backend::Unknown)
        return;
    for (const QString &name : std::as_const(m_secrets)) {
        const QString key = name;
        // Only whether a value exists is kept; the value itself is dropped here.
        QCoro::connect(m_store->read(key), this, [this, key](const SecretOutcome &outcome) {
            CapabilityChip::ValueState state = CapabilityChip::ValueState::Unknown;
            if (outcome.ok())
                state = CapabilityChip::ValueState::Set;
            else if (outcome.status == SecretOutcome::Status::NotFound)
                state = CapabilityChip::ValueState::NotSet;
            m_secretStates.insert(key, int(state));
            for (CapabilityChip *chip : chips()) {
                if (chip->capability() == Capability::Secret && chip->subject() == key)
                    chip->setValueState(state);
            }
        });
    }
}

void EnvironmentEditor::showAddRow(Capability capability)
{
    m_adding = capability;
    m_addInput->clear();
    m_addSandboxPath->clear();
    m_addSandboxPath->setVisible(capability == Capability::Mount);
    switch (capability) {
    case Capability::Tool:
        m_addLabel->setText(tr("Tool:"));
        m_addInput->setPlaceholderText(tr("a program on PATH, e.g. rg"));
        break;
    case Capability::NetworkAllowlist:
        m_addLabel->setText(tr("Host:"));
        m_addInput->setPlaceholderText(tr("api.github.com or *.example.com"));
        break;
    case Capability::Mount:
        m_addLabel->setText(tr("Mount:"));
        m_addInput->setPlaceholderText(tr("host folder, e.g. /srv/runbooks"));
        break;
    case Capability::Secret:
        m_addLabel->setText(tr("Secret:"));
        m_addInput->setPlaceholderText(tr("its name, e.g. GITHUB_TOKEN (the value is set separately)"));
        break;
    default:
        break;
    }
    m_addRow->show();
    m_addInput->setFocus();
}

void EnvironmentEditor::commitAddRow()
{
    if (addGrant(m_adding, m_addInput->text(), m_addSandboxPath->text()))
        m_addRow->hide();
}

void EnvironmentEditor::changed()
{
    if (m_filling)
        return;
    validate();
    Q_EMIT edited(profile());
}

} // namespace delegate::ui
