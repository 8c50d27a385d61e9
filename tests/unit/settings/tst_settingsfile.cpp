// SPDX-License-Identifier: GPL-3.0-or-later
// The settings file: providers and engine limits written and read back, every
// mistake named at its line, and the engine options they turn into.
#include "engine/engineoptions.h"
#include "settings/settingsfile.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace delegate;

namespace {

DelegateSettings sample()
{
    DelegateSettings settings;
    ProviderSetting ollama;
    ollama.name = u"local-ollama"_s;
    ollama.kind = ProviderSetting::Kind::OpenAiCompatible;
    ollama.baseUrl = QUrl(u"http://127.0.0.1:11434/v1"_s);
    ollama.models = { u"qwen2.5-coder:7b"_s, u"llama3.2"_s };
    ProviderSetting anthropic;
    anthropic.name = u"work-anthropic"_s;
    anthropic.kind = ProviderSetting::Kind::Anthropic;
    anthropic.models = { u"claude-sonnet-4-5"_s };
    settings.providers = { ollama, anthropic };
    settings.defaultProvider = u"work-anthropic"_s;
    settings.engine.maxConcurrentRuns = 6;
    settings.engine.dailyBudgetUsd = 12.5;
    settings.engine.storePath = u"/srv/delegate/delegate.db"_s;
    return settings;
}

} // namespace

class TestSettingsFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"config/delegate/settings.yaml"_s);
        QCOMPARE(SettingsFile::save(sample(), path), std::nullopt);
        const LoadResult<DelegateSettings> loaded = SettingsFile::load(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errors.value(0).toString()));
        QCOMPARE(*loaded.value, sample());

        // People read it: no key in it, plain YAML.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("kind: openai-compatible"));
        QVERIFY(text.contains("max_runs: 6"));
        QVERIFY(text.contains("keychain"));
    }

    void aMissingFileIsEmptySettings()
    {
        QTemporaryDir dir;
        const LoadResult<DelegateSettings> loaded = SettingsFile::load(dir.filePath(u"none.yaml"_s));
        QVERIFY(loaded.ok());
        QCOMPARE(*loaded.value, DelegateSettings {});
        QVERIFY(SettingsFile::defaultPath().endsWith(u"/delegate/settings.yaml"_s));
    }

    void mistakesAreNamed_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::addRow("name")
            << QByteArray("providers:\n  - {name: My Ollama, kind: openai-compatible}\n")
            << u"settings.yaml:2:12: providers[0].name: 'My Ollama' cannot name a provider"_s;
        QTest::addRow("kind") << QByteArray("providers:\n  - {name: x, kind: openai}\n")
                              << u"expected one of openai-compatible, anthropic"_s;
        QTest::addRow("url") << QByteArray(
            "providers:\n  - {name: x, kind: anthropic, base_url: 'localhost:8080'}\n")
                             << u"is not an http or https address"_s;
        QTest::addRow("twice") << QByteArray(
            "providers:\n  - {name: x, kind: anthropic}\n  - {name: x, kind: "
            "anthropic}\n") << u"two providers are called 'x'"_s;
        QTest::addRow("runs") << QByteArray("engine:\n  max_runs: 0\n")
                              << u"settings.yaml:2:13: engine.max_runs"_s;
        QTest::addRow("store") << QByteArray("engine:\n  store: delegate.db\n") << u"is relative"_s;
        QTest::addRow("typo") << QByteArray("engine:\n  max_run: 3\n") << u"engine.max_run"_s;
    }
    void mistakesAreNamed()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const LoadResult<DelegateSettings> loaded = SettingsFile::parse(yaml, u"settings.yaml"_s);
        QVERIFY(!loaded.ok());
        QStringList messages;
        for (const SourceError &error : loaded.errors)
            messages.append(error.toString());
        QVERIFY2(messages.join(u'\n').contains(expected), qPrintable(messages.join(u'\n')));
    }

    void editingTheList()
    {
        DelegateSettings settings = sample();
        ProviderSetting changed = *settings.provider(u"local-ollama"_s);
        changed.models = { u"llama3.2"_s };
        settings.setProvider(changed);
        QCOMPARE(settings.providers.size(), 2);
        QCOMPARE(settings.provider(u"local-ollama"_s)->defaultModel(), u"llama3.2"_s);
        QVERIFY(settings.removeProvider(u"work-anthropic"_s));
        QVERIFY(settings.defaultProvider.isEmpty());
        QVERIFY(!settings.removeProvider(u"work-anthropic"_s));
        QCOMPARE(settings.provider(u"local-ollama"_s)->keyName(), u"provider/local-ollama/api-key"_s);
    }

    // What the Settings page saves is what the engine runs with: providers
    // beside those of the environment, keys from the key store.
    void settingsBecomeEngineOptions()
    {
        QProcessEnvironment environment;
        environment.insert(u"OPENAI_API_KEY"_s, u"sk-from-env"_s);
        EngineOptions options = EngineOptions::fromEnvironment(environment);
        QCOMPARE(options.defaultProvider, u"openai"_s);

        const DelegateSettings settings = sample();
        // Ollama needs no key.
        const QHash<QString, QString> keys { { u"work-anthropic"_s, u"sk-ant-kept"_s } };
        options.applySettings(settings, keys);

        QCOMPARE(options.providers.size(), 3);
        QVERIFY(options.providers.contains(u"openai"_s));
        const ProviderEntry &anthropic = options.providers.value(u"work-anthropic"_s);
        QCOMPARE(anthropic.config.dialect, llm::Dialect::AnthropicMessages);
        QCOMPARE(anthropic.config.apiKey, u"sk-ant-kept"_s);
        QCOMPARE(anthropic.config.baseUrl, QUrl(u"https://api.anthropic.com"_s));
        QCOMPARE(anthropic.defaultModel, u"claude-sonnet-4-5"_s);
        const ProviderEntry &ollama = options.providers.value(u"local-ollama"_s);
        QCOMPARE(ollama.config.endpoint(), QUrl(u"http://127.0.0.1:11434/v1/chat/completions"_s));
        QVERIFY(ollama.config.apiKey.isEmpty());
        QCOMPARE(options.defaultProvider, u"work-anthropic"_s);
        QCOMPARE(options.limits.maxConcurrentRuns, 6);
        QCOMPARE(options.limits.dailyBudgetUsd, std::optional<double>(12.5));
        QCOMPARE(options.storePath, u"/srv/delegate/delegate.db"_s);
    }

    void emptySettingsChangeNothing()
    {
        QProcessEnvironment environment;
        environment.insert(u"ANTHROPIC_API_KEY"_s, u"k"_s);
        EngineOptions options = EngineOptions::fromEnvironment(environment);
        const EngineOptions before = options;
        options.applySettings({}, {});
        QCOMPARE(options.providers.keys(), before.providers.keys());
        QCOMPARE(options.defaultProvider, u"anthropic"_s);
        QCOMPARE(options.limits.maxConcurrentRuns, before.limits.maxConcurrentRuns);
        QVERIFY(options.storePath.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSettingsFile)
#include "tst_settingsfile.moc"
