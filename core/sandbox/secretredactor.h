// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace delegate {

// Replaces every secret value in a byte stream with [redacted:NAME]. The
// stream may arrive in chunks that cut a value anywhere, so feed() holds back
// the shortest tail that could still grow into a value and releases it with
// the next chunk or with flush(). One redactor per stream.
class SecretRedactor final
{
public:
    SecretRedactor() = default;
    explicit SecretRedactor(const QMap<QString, QString> &secrets);

    bool isEmpty() const { return m_secrets.isEmpty(); }

    // Returns the redacted bytes that are safe to pass on now.
    QByteArray feed(const QByteArray &chunk);
    // Returns whatever is still held back, redacted; the stream is over.
    QByteArray flush();

    // Redacts a complete text in one go.
    QByteArray redact(const QByteArray &text) const;
    QString redact(const QString &text) const;

    static QByteArray marker(const QString &name);

private:
    struct Secret
    {
        QByteArray value;
        QByteArray marker;
    };

    // Redacts complete matches in buffer; returns the redacted part and leaves
    // in heldBack the tail that is a proper prefix of some value.
    QByteArray process(const QByteArray &buffer, QByteArray *heldBack) const;

    QList<Secret> m_secrets; // longest value first, so overlapping values redact the longer one
    QByteArray m_pending;
};

} // namespace delegate
