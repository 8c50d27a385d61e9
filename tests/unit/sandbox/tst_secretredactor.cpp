// SPDX-License-Identifier: GPL-3.0-or-later
#include "sandbox/execoutput.h"
#include "sandbox/secretredactor.h"

#include <QTest>

namespace delegate {

class TestSecretRedactor : public QObject
{
    Q_OBJECT

private:
    static QByteArray feedInPieces(SecretRedactor &redactor, const QByteArray &text,
                                   const QList<qsizetype> &cuts)
    {
        QByteArray out;
        qsizetype from = 0;
        for (qsizetype cut : cuts) {
            out += redactor.feed(text.mid(from, cut - from));
            from = cut;
        }
        out += redactor.feed(text.mid(from));
        out += redactor.flush();
        return out;
    }

private Q_SLOTS:
    void redactsWhole_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("alone") << QByteArray("s3cr3t-value") << QByteArray("[redacted:TOKEN]");
        QTest::addRow("twice") << QByteArray("a s3cr3t-value b s3cr3t-value")
                               << QByteArray("a [redacted:TOKEN] b [redacted:TOKEN]");
        QTest::addRow("longer wins") << QByteArray("x hunter2-and-more y")
                                     << QByteArray("x [redacted:LONG] y");
        QTest::addRow("shorter alone") << QByteArray("x hunter2 y") << QByteArray("x [redacted:SHORT] y");
        QTest::addRow("prefix only") << QByteArray("s3cr3t-val") << QByteArray("s3cr3t-val");
        QTest::addRow("nothing") << QByteArray("plain output\n") << QByteArray("plain output\n");
    }

    void redactsWhole()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        const SecretRedactor redactor({ { QStringLiteral("TOKEN"), QStringLiteral("s3cr3t-value") },
                                        { QStringLiteral("SHORT"), QStringLiteral("hunter2") },
                                        { QStringLiteral("LONG"), QStringLiteral("hunter2-and-more") } });
        QCOMPARE(redactor.redact(input), expected);
    }

    // Every way to cut the stream in two and in three pieces gives the same
    // result as redacting it whole, and no piece passed on ever holds more
    // than a prefix-free part of a value.
    void redactsAcrossEveryChunkBoundary()
    {
        const QMap<QString, QString> secrets { { QStringLiteral("A"), QStringLiteral("abcdef") },
                                               { QStringLiteral("B"), QStringLiteral("cd") },
                                               { QStringLiteral("C"), QStringLiteral("xyzxyz") } };
        const QByteArray text = "--abcdef--abcde--cd--xyzxyxyzxyz--abcdefabcdef-";
        const QByteArray whole = SecretRedactor(secrets).redact(text);
        QCOMPARE(whole,
                 QByteArray("--[redacted:A]--ab[redacted:B]e--[redacted:B]--xyzxy[redacted:C]--[redacted:A]"
                            "[redacted:A]-"));
        for (qsizetype i = 0; i <= text.size(); ++i) {
            for (qsizetype j = i; j <= text.size(); ++j) {
                SecretRedactor redactor(secrets);
                QCOMPARE(feedInPieces(redactor, text, { i, j }), whole);
            }
        }
    }

    void byteByByteNeverLeaksAValue()
    {
        SecretRedactor redactor({ { QStringLiteral("T"), QStringLiteral("0123456789") } });
        QByteArray passedOn;
        for (char c : QByteArray("start 0123456789 end"))
            passedOn += redactor.feed(QByteArray(1, c));
        passedOn += redactor.flush();
        QCOMPARE(passedOn, QByteArray("start [redacted:T] end"));
    }

    void heldBackTailIsReleased()
    {
        SecretRedactor redactor({ { QStringLiteral("T"), QStringLiteral("secret") } });
        QCOMPARE(redactor.feed("value: sec"), QByteArray("value: "));
        QCOMPARE(redactor.feed("tion"), QByteArray("section"));
        QCOMPARE(redactor.feed("secre"), QByteArray());
        QCOMPARE(redactor.flush(), QByteArray("secre"));
    }

    void outputCapCountsBothStreams()
    {
        QList<std::pair<SandboxStream, QByteArray>> seen;
        ExecOutput output({ { QStringLiteral("T"), QStringLiteral("tok") } }, 10,
                          [&seen](SandboxStream stream, const QByteArray &chunk) {
                              seen.append({ stream, chunk });
                          });
        output.append(SandboxStream::Stdout, "12345");
        output.append(SandboxStream::Stderr, "abcdefgh");
        output.append(SandboxStream::Stdout, "more");
        output.finish();
        QVERIFY(output.truncated());
        QCOMPARE(output.stdoutData(), QByteArray("12345"));
        QCOMPARE(output.stderrData(), QByteArray("abcde\n") + ExecOutput::truncationMarker(10));
        QCOMPARE(seen.size(), 2);
    }
};

} // namespace delegate

QTEST_GUILESS_MAIN(delegate::TestSecretRedactor)
#include "tst_secretredactor.moc"
