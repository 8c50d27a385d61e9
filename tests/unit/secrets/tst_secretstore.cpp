// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/encryptedsecretfile.h"
#include "secrets/keychainsecrets.h"
#include "secrets/secretstore.h"
#include "secrets/storedsecretprovider.h"

#include <QCoroTask>
#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace delegate;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(delegate::EncryptedSecretFile::Problem)

namespace {

const QString passphrase = QStringLiteral("correct horse battery");
// Distinctive, so a search of every file written finds it if it leaked.
const QString secretValue = QStringLiteral("s3cr3t-value-7f4e2a91");

bool withSecretService()
{
    return qEnvironmentVariable("DELEGATE_TEST_SECRET_SERVICE") == u"1";
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// Files under `root` whose bytes contain the value, in UTF-8 or UTF-16.
QStringList filesContaining(const QString &root, const QString &value)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QByteArray data = readAll(path);
        const QByteArray utf16(reinterpret_cast<const char *>(value.utf16()), value.size() * 2);
        if (data.contains(value.toUtf8()) || data.contains(utf16))
            found.append(path);
    }
    return found;
}

template<typename T> T await(QCoro::Task<T> task)
{
    return QCoro::waitFor(std::move(task));
}

// Coroutines get named locals, never temporaries, as arguments (GCC 12
// miscompiles some temporaries in coroutine calls).
template<typename Store> SecretOutcome readFrom(Store &store, const QString &name)
{
    const QString key = name;
    return await(store.read(key));
}

template<typename Store> SecretOutcome writeTo(Store &store, const QString &name, const QString &value)
{
    const QString key = name;
    const QString text = value;
    return await(store.write(key, text));
}

template<typename Store> SecretOutcome removeFrom(Store &store, const QString &name)
{
    const QString key = name;
    return await(store.remove(key));
}

SecretOutcome unlock(SecretStore &store, const QString &passphrase)
{
    const QString text = passphrase;
    return await(store.unlockFallback(text));
}

SecretOutcome enable(SecretStore &store, const QString &passphrase)
{
    const QString text = passphrase;
    return await(store.enableFallback(text));
}

void prefetch(const StoredSecretProvider &provider, const QStringList &names)
{
    const QStringList list = names;
    QCoro::waitFor(provider.prefetch(list));
}

} // namespace

class TestSecretStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The encrypted file -------------------------------------------------

    void encryptedFileRoundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.enc"));
        EncryptedSecretFile::Result created = EncryptedSecretFile::create(path, passphrase);
        QVERIFY2(created.ok(), qPrintable(created.message));
        QString error;
        QVERIFY2(created.file->setValue(QStringLiteral("LOGS_API_TOKEN"), secretValue, &error),
                 qPrintable(error));
        QVERIFY(
            created.file->setValue(QStringLiteral("GITHUB_TOKEN"), QStringLiteral("ghp_ünïcødé"), &error));
        QVERIFY(created.file->removeValue(QStringLiteral("GITHUB_TOKEN"), &error));
        QVERIFY(
            created.file->setValue(QStringLiteral("GITHUB_TOKEN"), QStringLiteral("ghp_ünïcødé"), &error));

        const EncryptedSecretFile::Result opened = EncryptedSecretFile::open(path, passphrase);
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QCOMPARE(opened.file->names(), (QStringList { u"GITHUB_TOKEN"_s, u"LOGS_API_TOKEN"_s }));
        QCOMPARE(opened.file->value(QStringLiteral("LOGS_API_TOKEN")), std::optional<QString>(secretValue));
        QCOMPARE(opened.file->value(QStringLiteral("GITHUB_TOKEN")),
                 std::optional<QString>(u"ghp_ünïcødé"_s));
        QCOMPARE(opened.file->value(QStringLiteral("NONE")), std::nullopt);

        // Encrypted at rest: neither values nor names are readable, and only the owner may read it.
        QVERIFY(filesContaining(dir.path(), secretValue).isEmpty());
        QVERIFY(!readAll(path).contains("LOGS_API_TOKEN"));
        QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void eachWriteUsesAFreshNonce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.enc"));
        EncryptedSecretFile::Result created = EncryptedSecretFile::create(path, passphrase);
        QVERIFY(created.file->setValue(QStringLiteral("A"), secretValue));
        const QByteArray first = readAll(path);
        QVERIFY(created.file->setValue(QStringLiteral("A"), secretValue));
        const QByteArray second = readAll(path);
        QCOMPARE(first.size(), second.size());
        QVERIFY(first != second);
    }

    void wrongPassphraseIsSaid()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.enc"));
        QVERIFY(EncryptedSecretFile::create(path, passphrase).file->setValue(u"A"_s, secretValue));
        const EncryptedSecretFile::Result opened =
            EncryptedSecretFile::open(path, u"correct horse battery!"_s);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.problem, EncryptedSecretFile::Problem::WrongPassphrase);
        QVERIFY2(opened.message.contains(u"passphrase"), qPrintable(opened.message));
    }

    void tamperingIsDetected_data()
    {
        QTest::addColumn<int>("offsetFromEnd"); // the byte to flip, counted from the end; 0: truncate
        QTest::addColumn<int>("offsetFromStart");
        QTest::addColumn<EncryptedSecretFile::Problem>("problem");
        using Problem = EncryptedSecretFile::Problem;
        QTest::addRow("ciphertext") << 20 << -1 << Problem::Damaged;
        QTest::addRow("tag") << 1 << -1 << Problem::Damaged;
        QTest::addRow("nonce") << -1 << 8 + 3 + 16 + 32 + 4 << Problem::Damaged;
        QTest::addRow("check") << -1 << 8 + 3 + 16 + 5 << Problem::WrongPassphrase;
        // Other key derivation parameters derive another key: indistinguishable
        // from a wrong passphrase, and the message says both.
        QTest::addRow("kdf parameters") << -1 << 9 << Problem::WrongPassphrase;
        QTest::addRow("salt") << -1 << 8 + 3 + 2 << Problem::WrongPassphrase;
        QTest::addRow("magic") << -1 << 0 << Problem::Damaged;
        QTest::addRow("truncated") << 0 << -1 << Problem::Damaged;
    }

    void tamperingIsDetected()
    {
        QFETCH(int, offsetFromEnd);
        QFETCH(int, offsetFromStart);
        QFETCH(EncryptedSecretFile::Problem, problem);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.enc"));
        QVERIFY(EncryptedSecretFile::create(path, passphrase).file->setValue(u"A"_s, secretValue));
        QByteArray data = readAll(path);
        if (offsetFromEnd == 0)
            data.chop(30);
        else {
            const qsizetype at = offsetFromStart >= 0 ? offsetFromStart : data.size() - offsetFromEnd;
            data[at] = char(data.at(at) ^ 0x01);
        }
        QVERIFY(writeAll(path, data));
        const EncryptedSecretFile::Result opened = EncryptedSecretFile::open(path, passphrase);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.problem, problem);
        QVERIFY2(opened.message.contains(u"changed"), qPrintable(opened.message));
        QVERIFY(opened.message.contains(u"backup"));
    }

    void createRefusesWeakPassphrasesAndExistingFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secrets.enc"));
        const EncryptedSecretFile::Result weak = EncryptedSecretFile::create(path, u"short"_s);
        QCOMPARE(weak.problem, EncryptedSecretFile::Problem::WeakPassphrase);
        QVERIFY(!QFile::exists(path));
        QVERIFY(EncryptedSecretFile::create(path, passphrase).ok());
        const QByteArray before = readAll(path);
        const EncryptedSecretFile::Result again = EncryptedSecretFile::create(path, passphrase);
        QVERIFY(!again.ok());
        QCOMPARE(readAll(path), before);
        QCOMPARE(EncryptedSecretFile::open(dir.filePath(u"none.enc"_s), passphrase).problem,
                 EncryptedSecretFile::Problem::Missing);
    }

    // The store without a keychain ---------------------------------------

    void withoutKeychainTheStoreSaysSo()
    {
        if (withSecretService())
            QSKIP("a Secret Service runs in this session");
        QTemporaryDir dir;
        SecretStore store(dir.filePath(u"secrets.enc"_s), u"Delegate-test"_s);
        QCOMPARE(store.backend(), SecretStore::Backend::Unknown);
        QCOMPARE(await(store.detect()), SecretStore::Backend::None);
        QVERIFY2(store.keychainProblem().contains(u"no keychain service"),
                 qPrintable(store.keychainProblem()));
        const SecretOutcome read = readFrom(store, u"A"_s);
        QCOMPARE(read.status, SecretOutcome::Status::NoService);
        QVERIFY2(read.message.contains(u"encrypted file"), qPrintable(read.message));
        const SecretOutcome written = writeTo(store, u"A"_s, secretValue);
        QCOMPARE(written.status, SecretOutcome::Status::NoService);
        // No consent, no file.
        QVERIFY(!store.fallbackExists());
    }

    void theEncryptedFileServesOnlyAfterConsent()
    {
        if (withSecretService())
            QSKIP("a Secret Service runs in this session");
        QTemporaryDir dir;
        const QString path = dir.filePath(u"secrets.enc"_s);
        {
            SecretStore store(path, u"Delegate-test"_s);
            QSignalSpy backends(&store, &SecretStore::backendChanged);
            QSignalSpy changes(&store, &SecretStore::secretChanged);
            await(store.detect());
            const SecretOutcome enabled = enable(store, passphrase);
            QVERIFY2(enabled.ok(), qPrintable(enabled.message));
            QCOMPARE(store.backend(), SecretStore::Backend::EncryptedFile);
            QCOMPARE(backends.last().first().value<SecretStore::Backend>(),
                     SecretStore::Backend::EncryptedFile);
            QVERIFY(writeTo(store, u"LOGS_API_TOKEN"_s, secretValue).ok());
            QCOMPARE(changes.size(), 1);
            QCOMPARE(changes.first().first().toString(), u"LOGS_API_TOKEN"_s);
            QCOMPARE(readFrom(store, u"LOGS_API_TOKEN"_s).value, secretValue);
            QCOMPARE(readFrom(store, u"OTHER"_s).status, SecretOutcome::Status::NotFound);
            store.lockFallback();
            QCOMPARE(store.backend(), SecretStore::Backend::None);
            QCOMPARE(readFrom(store, u"LOGS_API_TOKEN"_s).status, SecretOutcome::Status::NoService);
        }
        SecretStore reopened(path, u"Delegate-test"_s);
        await(reopened.detect());
        QVERIFY(reopened.fallbackExists());
        const SecretOutcome wrong = unlock(reopened, u"not the passphrase"_s);
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.message.contains(u"passphrase does not open"), qPrintable(wrong.message));
        QVERIFY(unlock(reopened, passphrase).ok());
        QCOMPARE(readFrom(reopened, u"LOGS_API_TOKEN"_s).value, secretValue);
        QVERIFY(removeFrom(reopened, u"LOGS_API_TOKEN"_s).ok());
        QCOMPARE(readFrom(reopened, u"LOGS_API_TOKEN"_s).status, SecretOutcome::Status::NotFound);
        QVERIFY(filesContaining(dir.path(), secretValue).isEmpty());
    }

    void withoutKeychainTheEngineUsesItsEnvironment()
    {
        if (withSecretService())
            QSKIP("a Secret Service runs in this session");
        QProcessEnvironment environment;
        environment.insert(u"FROM_ENV"_s, u"env-value"_s);
        const StoredSecretProvider provider(KeychainSecrets(u"Delegate-test"_s), environment);
        prefetch(provider, { u"FROM_ENV"_s, u"UNSET"_s });
        QCOMPARE(provider.value(u"FROM_ENV"_s), std::optional<QString>(u"env-value"_s));
        QCOMPARE(provider.value(u"UNSET"_s), std::nullopt);
        QVERIFY(provider.howToSet(u"UNSET"_s).contains(u"UNSET"));
    }

    // A real keychain (run by with-secret-service.sh) --------------------

    void keychainRoundTrip()
    {
        if (!withSecretService())
            QSKIP("needs a Secret Service: run through tests/unit/secrets/with-secret-service.sh");
        SecretStore store(QTemporaryDir().filePath(u"unused.enc"_s));
        QCOMPARE(await(store.detect()), SecretStore::Backend::Keychain);
        QVERIFY(store.keychainProblem().isEmpty());
        QCOMPARE(readFrom(store, u"LOGS_API_TOKEN"_s).status, SecretOutcome::Status::NotFound);
        const SecretOutcome written = writeTo(store, u"LOGS_API_TOKEN"_s, secretValue);
        QVERIFY2(written.ok(), qPrintable(written.message));
        const SecretOutcome read = readFrom(store, u"LOGS_API_TOKEN"_s);
        QVERIFY2(read.ok(), qPrintable(read.message));
        QCOMPARE(read.value, secretValue);
        QVERIFY(writeTo(store, u"LOGS_API_TOKEN"_s, u"replaced"_s).ok());
        QCOMPARE(readFrom(store, u"LOGS_API_TOKEN"_s).value, u"replaced"_s);
        QVERIFY(removeFrom(store, u"LOGS_API_TOKEN"_s).ok());
        QCOMPARE(readFrom(store, u"LOGS_API_TOKEN"_s).status, SecretOutcome::Status::NotFound);
        QVERIFY(removeFrom(store, u"LOGS_API_TOKEN"_s).ok());
        QVERIFY(!store.fallbackExists());
    }

    void theEngineReadsTheKeychainFirst()
    {
        if (!withSecretService())
            QSKIP("needs a Secret Service: run through tests/unit/secrets/with-secret-service.sh");
        const KeychainSecrets keychain;
        QCOMPARE(keychain.service(), u"Delegate"_s);
        QVERIFY(writeTo(keychain, u"DEPLOY_TOKEN"_s, secretValue).ok());
        QProcessEnvironment environment;
        environment.insert(u"DEPLOY_TOKEN"_s, u"from-env"_s);
        environment.insert(u"ONLY_ENV"_s, u"env-only"_s);
        const StoredSecretProvider provider(keychain, environment);
        // Before prefetch, value() has nothing from the keychain yet.
        QCOMPARE(provider.value(u"DEPLOY_TOKEN"_s), std::optional<QString>(u"from-env"_s));
        prefetch(provider, { u"DEPLOY_TOKEN"_s, u"ONLY_ENV"_s });
        QCOMPARE(provider.value(u"DEPLOY_TOKEN"_s), std::optional<QString>(secretValue));
        QCOMPARE(provider.value(u"ONLY_ENV"_s), std::optional<QString>(u"env-only"_s));
        // A value removed from the keychain is gone at the next prefetch.
        QVERIFY(removeFrom(keychain, u"DEPLOY_TOKEN"_s).ok());
        prefetch(provider, { u"DEPLOY_TOKEN"_s });
        QCOMPARE(provider.value(u"DEPLOY_TOKEN"_s), std::optional<QString>(u"from-env"_s));
        // The value never reached a file of Delegate's.
        const QString config = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(filesContaining(config, secretValue).isEmpty());
        QVERIFY(filesContaining(data, secretValue).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
