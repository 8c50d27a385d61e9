// SPDX-License-Identifier: GPL-3.0-or-later
#include "providerspanel.h"

#include "review/inlinemessage.h"
#include "settings/keystore.h"
#include "settings/providercheck.h"
#include "settings/settingsfile.h"

#include "domain/jsonreader.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

namespace {

QString errorsText(const SourceErrors &errors)
{
    QStringList lines;
    for (const SourceError &error : errors)
        lines.append(error.toString());
    return lines.join(u'\n');
}

// The typed key when there is one, else the stored one. A free coroutine
// with its inputs by value: the panel may be gone when it resumes.
QCoro::Task<ProviderVerdict> checkWithKey(ProviderSetting provider, QString typedKey, KeyStore *keys)
{
    QString key = typedKey;
    if (key.isEmpty() && keys) {
        const QString keyName = provider.keyName();
        const KeyStore::ReadResult stored = co_await keys->readKey(keyName);
        key = stored.value;
    }
    const QString model;
    const std::chrono::milliseconds timeout = std::chrono::seconds(20);
    co_return co_await ProviderCheck::run(provider, key, model, timeout);
}

} // namespace

ProvidersPanel::ProvidersPanel(KeyStore *keys, QString settingsPath, QWidget *parent)
    : QWidget(parent)
    , m_keys(keys)
    , m_settingsPath(std::move(settingsPath))
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_baseUrl(new QLineEdit(this))
    , m_models(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_keyState(new QLabel(this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_test(new QPushButton(tr("&Test connection"), this))
    , m_message(new InlineMessage(this))
    , m_verdict(new InlineMessage(this))
{
    m_list->setObjectName(u"providerList"_s);
    m_name->setObjectName(u"providerName"_s);
    m_kind->setObjectName(u"providerKind"_s);
    m_baseUrl->setObjectName(u"providerBaseUrl"_s);
    m_models->setObjectName(u"providerModels"_s);
    m_key->setObjectName(u"providerKey"_s);
    m_keyState->setObjectName(u"providerKeyState"_s);
    m_save->setObjectName(u"saveProvider"_s);
    m_remove->setObjectName(u"removeProvider"_s);
    m_test->setObjectName(u"testProvider"_s);
    m_message->setObjectName(u"providerMessage"_s);
    m_verdict->setObjectName(u"providerVerdict"_s);

    m_kind->addItem(tr("OpenAI-compatible (OpenAI, Ollama, vLLM, llama.cpp, OpenRouter …)"),
                    enumToString(ProviderSetting::Kind::OpenAiCompatible));
    m_kind->addItem(tr("Anthropic"), enumToString(ProviderSetting::Kind::Anthropic));
    m_name->setPlaceholderText(tr("what tasks write as agent.provider, e.g. local-ollama"));
    m_models->setPlaceholderText(tr("comma-separated; the first is the default"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("paste a key to store it in the keychain"));
    const auto updatePlaceholder = [this] {
        const auto kind = enumFromString<ProviderSetting::Kind>(m_kind->currentData().toString());
        m_baseUrl->setPlaceholderText(
            ProviderSetting::defaultBaseUrl(kind.value_or(ProviderSetting::Kind::OpenAiCompatible))
                .toString());
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, updatePlaceholder);
    updatePlaceholder();

    auto *add = new QPushButton(tr("&Add provider"), this);
    add->setObjectName(u"addProvider"_s);
    connect(add, &QPushButton::clicked, this, [this] {
        newProvider();
        m_name->setFocus();
    });
    connect(m_save, &QPushButton::clicked, this, &ProvidersPanel::save);
    connect(m_remove, &QPushButton::clicked, this, &ProvidersPanel::remove);
    connect(m_test, &QPushButton::clicked, this, &ProvidersPanel::testConnection);
    connect(m_list, &QListWidget::currentTextChanged, this, &ProvidersPanel::showProvider);

    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addWidget(add);
    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Base URL"), m_baseUrl);
    form->addRow(tr("Models"), m_models);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_keyState);
    form->addRow(tr("API key"), keyRow);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_test);
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(buttons);
    right->addWidget(m_message);
    right->addWidget(m_verdict);
    right->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    layout->addLayout(right, 2);

    reload();
}

void ProvidersPanel::reload()
{
    const LoadResult<DelegateSettings> loaded = SettingsFile::load(m_settingsPath);
    const QString current = m_list->currentItem() ? m_list->currentItem()->text() : QString();
    m_list->clear();
    if (!loaded.ok()) {
        m_message->showError(
            tr("The settings file cannot be read; fix it or remove it:\n%1").arg(errorsText(loaded.errors)));
        return;
    }
    for (const ProviderSetting &provider : loaded.value->providers)
        m_list->addItem(provider.name);
    const QList<QListWidgetItem *> again = m_list->findItems(current, Qt::MatchExactly);
    if (!again.isEmpty())
        m_list->setCurrentItem(again.constFirst());
    else if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        newProvider();
}

void ProvidersPanel::newProvider()
{
    m_list->setCurrentItem(nullptr);
    m_name->clear();
    m_kind->setCurrentIndex(0);
    m_baseUrl->clear();
    m_models->clear();
    m_key->clear();
    m_keyState->setText(tr("not set"));
    m_verdict->clear();
}

void ProvidersPanel::showProvider(const QString &name)
{
    if (name.isEmpty())
        return;
    const LoadResult<DelegateSettings> loaded = SettingsFile::load(m_settingsPath);
    const ProviderSetting *provider = loaded.ok() ? loaded.value->provider(name) : nullptr;
    if (!provider)
        return;
    m_name->setText(provider->name);
    m_kind->setCurrentIndex(m_kind->findData(enumToString(provider->kind)));
    m_baseUrl->setText(provider->baseUrl.toString());
    m_models->setText(provider->models.join(u", "_s));
    m_key->clear();
    m_verdict->clear();
    m_message->clear();
    refreshKeyState(name);
}

void ProvidersPanel::refreshKeyState(const QString &name)
{
    m_keyState->setText(tr("checking…"));
    if (!m_keys) {
        m_keyState->setText(tr("no keychain"));
        return;
    }
    const QString keyName = ProviderSetting::keyNameFor(name);
    QCoro::connect(m_keys->readKey(keyName), this, [this, name](const KeyStore::ReadResult &result) {
        if (m_name->text() != name)
            return; // another entry is shown by now
        m_keyState->setText(!result.error.isEmpty() ? tr("keychain unavailable")
                                : result.found      ? tr("set")
                                                    : tr("not set"));
        m_keyState->setToolTip(result.error);
    });
}

std::optional<ProviderSetting> ProvidersPanel::formValue()
{
    QJsonObject json { { u"name"_s, m_name->text().trimmed() },
                       { u"kind"_s, m_kind->currentData().toString() } };
    if (!m_baseUrl->text().trimmed().isEmpty())
        json.insert(u"base_url"_s, m_baseUrl->text().trimmed());
    QStringList models;
    for (const QString &model : m_models->text().split(u',', Qt::SkipEmptyParts))
        models.append(model.trimmed());
    if (!models.isEmpty())
        json.insert(u"models"_s, QJsonArray::fromStringList(models));
    FieldErrors errors;
    const std::optional<ProviderSetting> provider = readJsonObject<ProviderSetting>(json, &errors);
    if (!provider) {
        QStringList lines;
        for (const FieldError &error : std::as_const(errors))
            lines.append(error.toString());
        m_message->showError(lines.join(u'\n'));
    }
    return provider;
}

void ProvidersPanel::save()
{
    const std::optional<ProviderSetting> provider = formValue();
    if (!provider)
        return;
    LoadResult<DelegateSettings> loaded = SettingsFile::load(m_settingsPath);
    if (!loaded.ok()) {
        m_message->showError(
            tr("The settings file cannot be read, so nothing was saved:\n%1").arg(errorsText(loaded.errors)));
        return;
    }
    // A renamed entry replaces the one that was selected.
    if (m_list->currentItem() && m_list->currentItem()->text() != provider->name)
        loaded.value->removeProvider(m_list->currentItem()->text());
    loaded.value->setProvider(*provider);
    if (const auto problem = SettingsFile::save(*loaded.value, m_settingsPath)) {
        m_message->showError(*problem);
        return;
    }
    const QString name = provider->name;
    const QString key = m_key->text();
    reload();
    const QList<QListWidgetItem *> items = m_list->findItems(name, Qt::MatchExactly);
    if (!items.isEmpty())
        m_list->setCurrentItem(items.constFirst());
    Q_EMIT saved();
    if (key.isEmpty() || !m_keys) {
        m_message->showMessage(
            InlineMessage::Kind::Success,
            tr("Saved '%1'. The engine uses it after it restarts (Settings → Engine).").arg(name));
        Q_EMIT finished();
        return;
    }
    m_message->showInformation(tr("Saving the key in the keychain…"));
    const QString keyName = provider->keyName();
    QCoro::connect(m_keys->writeKey(keyName, key), this, [this, name](const QString &problem) {
        if (!problem.isEmpty()) {
            m_message->showError(tr("'%1' was saved, but its key was not: %2").arg(name, problem));
        } else {
            m_key->clear();
            m_message->showMessage(
                InlineMessage::Kind::Success,
                tr("Saved '%1' and its key. The engine uses them after it restarts (Settings → Engine).")
                    .arg(name));
        }
        refreshKeyState(name);
        Q_EMIT finished();
    });
}

void ProvidersPanel::remove()
{
    if (!m_list->currentItem())
        return;
    const QString name = m_list->currentItem()->text();
    LoadResult<DelegateSettings> loaded = SettingsFile::load(m_settingsPath);
    if (!loaded.ok())
        return;
    loaded.value->removeProvider(name);
    if (const auto problem = SettingsFile::save(*loaded.value, m_settingsPath)) {
        m_message->showError(*problem);
        return;
    }
    if (m_keys) {
        const QString keyName = ProviderSetting::keyNameFor(name);
        QCoro::connect(m_keys->removeKey(keyName), this, [](const QString &) {});
    }
    m_message->showInformation(tr("Removed '%1' and its key.").arg(name));
    reload();
    Q_EMIT saved();
}

void ProvidersPanel::testConnection()
{
    const std::optional<ProviderSetting> provider = formValue();
    if (!provider)
        return;
    m_message->clear();
    const quint64 generation = ++m_generation;
    m_test->setEnabled(false);
    m_verdict->showInformation(tr("Testing %1…").arg(provider->toConfig({}).baseUrl.toString()));
    QCoro::connect(checkWithKey(*provider, m_key->text(), m_keys), this,
                   [this, generation](const ProviderVerdict &verdict) {
                       if (generation != m_generation)
                           return;
                       m_test->setEnabled(true);
                       m_verdict->showMessage(verdict.ok() ? InlineMessage::Kind::Success
                                                           : InlineMessage::Kind::Error,
                                              verdict.message);
                       Q_EMIT finished();
                   });
}

} // namespace delegate::ui
