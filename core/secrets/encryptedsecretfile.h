// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace delegate {

// Secret values in one file encrypted at rest, for machines where no keychain
// service runs, used only after the person agreed to it and chose a
// passphrase. The key comes from the passphrase through scrypt (memory-hard,
// so guessing passphrases from a stolen file is slow); the values are sealed
// with AES-256-GCM, which also authenticates the file's header, so a changed
// byte anywhere makes opening fail instead of yielding altered secrets.
//
// Layout: magic "DLGSECR1" | log2 N, r, p (one byte each) | salt (16) |
// passphrase check (32, HMAC-SHA256 with a second derived key) | nonce (12) |
// ciphertext | tag (16). The plaintext is a JSON object of name → value. The
// check tells a wrong passphrase apart from a damaged file.
class EncryptedSecretFile final
{
public:
    enum class Problem {
        None,
        Missing, // open: no file there; create: a file is already there
        WrongPassphrase,
        Damaged, // not a secret file, truncated, or changed since it was written
        Io, // cannot read or write the file
        WeakPassphrase, // create: too short to protect anything
    };

    struct Result;

    // AppDataLocation + "/secrets.enc".
    static QString defaultPath();

    // Creates a new, empty file (owner-only); refuses to replace an existing one.
    static Result create(const QString &path, const QString &passphrase);
    static Result open(const QString &path, const QString &passphrase);

    static constexpr int minimumPassphraseLength = 8;

    const QString &path() const { return m_path; }
    QStringList names() const { return m_values.keys(); }
    std::optional<QString> value(const QString &name) const;

    // Each change is written at once, atomically, under a fresh nonce.
    bool setValue(const QString &name, const QString &value, QString *error = nullptr);
    bool removeValue(const QString &name, QString *error = nullptr);

    ~EncryptedSecretFile();
    EncryptedSecretFile(const EncryptedSecretFile &) = default;
    EncryptedSecretFile &operator=(const EncryptedSecretFile &) = default;
    EncryptedSecretFile(EncryptedSecretFile &&) = default;
    EncryptedSecretFile &operator=(EncryptedSecretFile &&) = default;

private:
    EncryptedSecretFile() = default;
    bool write(QString *error) const;

    QString m_path;
    QByteArray m_parameters; // log2 N, r, p, salt, check: the header before the nonce
    QByteArray m_key; // AES-256 key derived from the passphrase
    QMap<QString, QString> m_values;
};

struct EncryptedSecretFile::Result
{
    std::optional<EncryptedSecretFile> file;
    Problem problem = Problem::None;
    QString message; // what went wrong and what to do

    bool ok() const { return file.has_value(); }
};

} // namespace delegate
