// SPDX-License-Identifier: GPL-3.0-or-later
#include "encryptedsecretfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>

namespace delegate {

namespace {

const QByteArray magic = QByteArrayLiteral("DLGSECR1");
constexpr int saltSize = 16;
constexpr int checkSize = 32;
constexpr int nonceSize = 12;
constexpr int tagSize = 16;
constexpr int keySize = 32;
constexpr int parametersSize = 3 + saltSize + checkSize;
constexpr int headerSize = 8 + parametersSize + nonceSize;

// 2^15 × 8 × 128 bytes = 32 MiB and about a tenth of a second per opening.
constexpr unsigned char defaultLog2N = 15;
constexpr unsigned char defaultR = 8;
constexpr unsigned char defaultP = 1;

const QByteArray checkLabel = QByteArrayLiteral("Delegate secret file passphrase check");

struct DerivedKeys
{
    QByteArray encryption;
    QByteArray check;

    ~DerivedKeys()
    {
        OPENSSL_cleanse(encryption.data(), size_t(encryption.size()));
        OPENSSL_cleanse(check.data(), size_t(check.size()));
    }
};

std::optional<DerivedKeys> derive(const QString &passphrase, const QByteArray &salt, unsigned char log2N,
                                  unsigned char r, unsigned char p)
{
    QByteArray secret = passphrase.toUtf8();
    QByteArray out(2 * keySize, Qt::Uninitialized);
    const uint64_t n = uint64_t(1) << log2N;
    const uint64_t maxMemory = 256 * n * r * p + (64u << 20);
    const int ok =
        EVP_PBE_scrypt(secret.constData(), size_t(secret.size()),
                       reinterpret_cast<const unsigned char *>(salt.constData()), size_t(salt.size()), n, r,
                       p, maxMemory, reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()));
    OPENSSL_cleanse(secret.data(), size_t(secret.size()));
    if (ok != 1)
        return std::nullopt;
    DerivedKeys keys { out.left(keySize), out.mid(keySize) };
    OPENSSL_cleanse(out.data(), size_t(out.size()));
    return keys;
}

QByteArray passphraseCheck(const QByteArray &checkKey)
{
    QByteArray mac(checkSize, Qt::Uninitialized);
    unsigned int length = 0;
    HMAC(EVP_sha256(), checkKey.constData(), checkKey.size(),
         reinterpret_cast<const unsigned char *>(checkLabel.constData()), size_t(checkLabel.size()),
         reinterpret_cast<unsigned char *>(mac.data()), &length);
    return mac;
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

std::optional<QByteArray> seal(const QByteArray &key, const QByteArray &nonce, const QByteArray &header,
                               const QByteArray &plain)
{
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray sealed(plain.size() + tagSize, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(sealed.data());
    int length = 0;
    int total = 0;
    if (!context
        || EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce)) != 1
        || EVP_EncryptUpdate(context.get(), nullptr, &length, bytes(header), int(header.size())) != 1
        || EVP_EncryptUpdate(context.get(), out, &length, bytes(plain), int(plain.size())) != 1)
        return std::nullopt;
    total = length;
    if (EVP_EncryptFinal_ex(context.get(), out + total, &length) != 1)
        return std::nullopt;
    total += length;
    if (EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, tagSize, out + total) != 1)
        return std::nullopt;
    sealed.resize(total + tagSize);
    return sealed;
}

std::optional<QByteArray> unseal(const QByteArray &key, const QByteArray &nonce, const QByteArray &header,
                                 const QByteArray &sealed)
{
    if (sealed.size() < tagSize)
        return std::nullopt;
    const QByteArray cipher = sealed.left(sealed.size() - tagSize);
    QByteArray tag = sealed.right(tagSize);
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray plain(cipher.size() + 16, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(plain.data());
    int length = 0;
    int total = 0;
    if (!context
        || EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(nonce)) != 1
        || EVP_DecryptUpdate(context.get(), nullptr, &length, bytes(header), int(header.size())) != 1
        || EVP_DecryptUpdate(context.get(), out, &length, bytes(cipher), int(cipher.size())) != 1)
        return std::nullopt;
    total = length;
    if (EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, tagSize, tag.data()) != 1
        || EVP_DecryptFinal_ex(context.get(), out + total, &length) != 1) {
        OPENSSL_cleanse(plain.data(), size_t(plain.size()));
        return std::nullopt;
    }
    plain.resize(total + length);
    return plain;
}

EncryptedSecretFile::Result failure(EncryptedSecretFile::Problem problem, QString message)
{
    return { std::nullopt, problem, std::move(message) };
}

QString damaged(const QString &path, const QString &why)
{
    return QStringLiteral(
               "%1 is not a Delegate secret file or was changed since it was written (%2); restore it "
               "from a backup, or move it away and set the secrets again")
        .arg(path, why);
}

} // namespace

QString EncryptedSecretFile::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/secrets.enc";
}

EncryptedSecretFile::Result EncryptedSecretFile::create(const QString &path, const QString &passphrase)
{
    if (QFileInfo::exists(path))
        return failure(
            Problem::Missing,
            QStringLiteral("%1 already exists; open it with its passphrase instead of creating it again")
                .arg(path));
    if (passphrase.size() < minimumPassphraseLength)
        return failure(
            Problem::WeakPassphrase,
            QStringLiteral("choose a passphrase of at least %1 characters").arg(minimumPassphraseLength));
    QByteArray salt(saltSize, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), saltSize) != 1)
        return failure(Problem::Io, QStringLiteral("the system gave no random bytes for the file's salt"));
    const std::optional<DerivedKeys> keys = derive(passphrase, salt, defaultLog2N, defaultR, defaultP);
    if (!keys)
        return failure(Problem::Io,
                       QStringLiteral("could not derive a key from the passphrase (out of memory?)"));

    EncryptedSecretFile file;
    file.m_path = path;
    file.m_key = keys->encryption;
    file.m_parameters.append(char(defaultLog2N)).append(char(defaultR)).append(char(defaultP));
    file.m_parameters.append(salt).append(passphraseCheck(keys->check));
    QString error;
    if (!file.write(&error))
        return failure(Problem::Io, error);
    return { std::move(file), Problem::None, {} };
}

EncryptedSecretFile::Result EncryptedSecretFile::open(const QString &path, const QString &passphrase)
{
    QFile input(path);
    if (!input.exists())
        return failure(Problem::Missing, QStringLiteral("there is no secret file at %1").arg(path));
    if (!input.open(QIODevice::ReadOnly))
        return failure(Problem::Io, QStringLiteral("cannot read %1: %2").arg(path, input.errorString()));
    const QByteArray data = input.readAll();
    if (data.size() < headerSize + tagSize || !data.startsWith(magic))
        return failure(Problem::Damaged, damaged(path, QStringLiteral("its header is wrong")));

    const QByteArray parameters = data.mid(magic.size(), parametersSize);
    const auto log2N = static_cast<unsigned char>(parameters.at(0));
    const auto r = static_cast<unsigned char>(parameters.at(1));
    const auto p = static_cast<unsigned char>(parameters.at(2));
    // A file may not make opening it cost gigabytes or hours.
    if (log2N < 10 || log2N > 20 || r < 1 || r > 16 || p < 1 || p > 4)
        return failure(Problem::Damaged,
                       damaged(path, QStringLiteral("its key derivation parameters are out of range")));
    const QByteArray salt = parameters.mid(3, saltSize);
    const QByteArray storedCheck = parameters.mid(3 + saltSize, checkSize);

    const std::optional<DerivedKeys> keys = derive(passphrase, salt, log2N, r, p);
    if (!keys)
        return failure(Problem::Io,
                       QStringLiteral("could not derive a key from the passphrase (out of memory?)"));
    const QByteArray check = passphraseCheck(keys->check);
    if (CRYPTO_memcmp(check.constData(), storedCheck.constData(), checkSize) != 0)
        return failure(
            Problem::WrongPassphrase,
            QStringLiteral("the passphrase does not open %1; type it again (it is case-sensitive). If it is "
                           "right, the file's header was changed: restore the file from a backup")
                .arg(path));

    const QByteArray header = data.left(headerSize);
    const QByteArray nonce = header.right(nonceSize);
    std::optional<QByteArray> plain = unseal(keys->encryption, nonce, header, data.mid(headerSize));
    if (!plain)
        return failure(Problem::Damaged, damaged(path, QStringLiteral("its contents fail authentication")));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*plain, &parseError);
    OPENSSL_cleanse(plain->data(), size_t(plain->size()));
    if (!document.isObject())
        return failure(Problem::Damaged,
                       damaged(path, QStringLiteral("its contents are not a list of secrets")));

    EncryptedSecretFile file;
    file.m_path = path;
    file.m_key = keys->encryption;
    file.m_parameters = parameters;
    const QJsonObject values = document.object();
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        file.m_values.insert(it.key(), it.value().toString());
    return { std::move(file), Problem::None, {} };
}

EncryptedSecretFile::~EncryptedSecretFile()
{
    if (!m_key.isEmpty() && !m_key.isDetached())
        return; // another copy still uses the shared bytes
    OPENSSL_cleanse(m_key.data(), size_t(m_key.size()));
}

std::optional<QString> EncryptedSecretFile::value(const QString &name) const
{
    const auto it = m_values.constFind(name);
    if (it == m_values.constEnd())
        return std::nullopt;
    return *it;
}

bool EncryptedSecretFile::setValue(const QString &name, const QString &value, QString *error)
{
    const std::optional<QString> previous = this->value(name);
    m_values.insert(name, value);
    if (write(error))
        return true;
    if (previous)
        m_values.insert(name, *previous);
    else
        m_values.remove(name);
    return false;
}

bool EncryptedSecretFile::removeValue(const QString &name, QString *error)
{
    const std::optional<QString> previous = this->value(name);
    if (!previous)
        return true;
    m_values.remove(name);
    if (write(error))
        return true;
    m_values.insert(name, *previous);
    return false;
}

bool EncryptedSecretFile::write(QString *error) const
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    QByteArray nonce(nonceSize, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(nonce.data()), nonceSize) != 1)
        return fail(QStringLiteral("the system gave no random bytes for the file's nonce"));
    QJsonObject values;
    for (auto it = m_values.constBegin(); it != m_values.constEnd(); ++it)
        values.insert(it.key(), *it);
    QByteArray plain = QJsonDocument(values).toJson(QJsonDocument::Compact);
    QByteArray header = magic;
    header.append(m_parameters).append(nonce);
    const std::optional<QByteArray> sealed = seal(m_key, nonce, header, plain);
    OPENSSL_cleanse(plain.data(), size_t(plain.size()));
    if (!sealed)
        return fail(QStringLiteral("could not encrypt the secrets"));

    const QString folder = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(folder))
        return fail(QStringLiteral("cannot create the folder %1; check its permissions").arg(folder));
    QSaveFile file(m_path);
    // Owner-only before the first byte: QSaveFile writes a temporary file
    // that takes these permissions, then renames it.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(header + *sealed) != header.size() + sealed->size() || !file.commit())
        return fail(QStringLiteral("cannot write %1: %2; check the folder's permissions and free space")
                        .arg(m_path, file.errorString()));
    return true;
}

} // namespace delegate
