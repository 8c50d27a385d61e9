// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/canonicaljson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace delegate;
using namespace Qt::StringLiterals;

class TestCanonicalJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromText_data();
    void fromText();
    void numbers_data();
    void numbers();
    void keysInCodePointOrder();
    void loneSurrogateBecomesReplacementCharacter();
    void utf8StringMatchesQStringPath();
    void roundTripIsStable_data();
    void roundTripIsStable();
};

void TestCanonicalJson::fromText_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("canonical");

    QTest::addRow("keys sorted") << QByteArray(R"({"b":1,"a":2,"B":3,"aa":4})")
                                 << QByteArray(R"({"B":3,"a":2,"aa":4,"b":1})");
    QTest::addRow("nested objects sorted, arrays kept")
        << QByteArray(R"({"z":{"y":[3,{"b":1,"a":0},2]},"a":[]})")
        << QByteArray(R"({"a":[],"z":{"y":[3,{"a":0,"b":1},2]}})");
    QTest::addRow("whitespace dropped")
        << QByteArray("{ \"a\" :\n [ 1 ,\t2 ] , \"b\" : { } }") << QByteArray(R"({"a":[1,2],"b":{}})");
    QTest::addRow("literals") << QByteArray(R"({"t":true,"f":false,"n":null})")
                              << QByteArray(R"({"f":false,"n":null,"t":true})");
    QTest::addRow("required escapes") << QByteArray(R"({"s":"q\" b\\ t\t n\n r\r b\b f\f"})")
                                      << QByteArray(R"({"s":"q\" b\\ t\t n\n r\r b\b f\f"})");
    QTest::addRow("other controls as lower-case \\u00xx")
        << QByteArray(R"({"s":"\u0000\u0001\u001F\u000b"})")
        << QByteArray(R"({"s":"\u0000\u0001\u001f\u000b"})");
    QTest::addRow("solidus and DEL unescaped")
        << QByteArray(R"({"s":"a\/b\u007f"})") << QByteArray("{\"s\":\"a/b\x7f\"}");
    QTest::addRow("non-ASCII written as UTF-8")
        << QByteArray(R"({"s":"\u00e9\u4e2d\ud83d\ude00\u2028"})")
        << QByteArray("{\"s\":\"\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\xe2\x80\xa8\"}");
    QTest::addRow("escaped key") << QByteArray(R"({"k\"ey":1})") << QByteArray(R"({"k\"ey":1})");
    QTest::addRow("empty") << QByteArray("{}") << QByteArray("{}");
}

void TestCanonicalJson::fromText()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, canonical);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(CanonicalJson::serialize(document.object()), canonical);
}

void TestCanonicalJson::numbers_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("canonical");

    QTest::addRow("zero") << QJsonValue(0) << QByteArray("0");
    QTest::addRow("negative zero") << QJsonValue(-0.0) << QByteArray("0");
    QTest::addRow("whole double as integer") << QJsonValue(1.0) << QByteArray("1");
    QTest::addRow("1e3 as integer") << QJsonValue(1e3) << QByteArray("1000");
    QTest::addRow("negative integer") << QJsonValue(-42) << QByteArray("-42");
    QTest::addRow("qint64 max exactly")
        << QJsonValue(std::numeric_limits<qint64>::max()) << QByteArray("9223372036854775807");
    QTest::addRow("qint64 min exactly")
        << QJsonValue(std::numeric_limits<qint64>::min()) << QByteArray("-9223372036854775808");
    QTest::addRow("2^53 + 1 exactly")
        << QJsonValue(qint64(9007199254740993)) << QByteArray("9007199254740993");
    QTest::addRow("whole double beyond 2^53 written exactly")
        << QJsonValue(1152921504606846976.0) << QByteArray("1152921504606846976");
    QTest::addRow("1e20 beyond qint64") << QJsonValue(1e20) << QByteArray("100000000000000000000");
    QTest::addRow("1e21 exponent") << QJsonValue(1e21) << QByteArray("1e+21");
    QTest::addRow("fraction") << QJsonValue(0.1) << QByteArray("0.1");
    QTest::addRow("shortest round trip") << QJsonValue(0.1 + 0.2) << QByteArray("0.30000000000000004");
    QTest::addRow("decimal") << QJsonValue(123.456) << QByteArray("123.456");
    QTest::addRow("negative decimal") << QJsonValue(-2.5) << QByteArray("-2.5");
    QTest::addRow("1e-6 plain") << QJsonValue(0.000001) << QByteArray("0.000001");
    QTest::addRow("1.5e-7 exponent") << QJsonValue(1.5e-7) << QByteArray("1.5e-7");
    QTest::addRow("largest double") << QJsonValue(std::numeric_limits<double>::max())
                                    << QByteArray("1.7976931348623157e+308");
    QTest::addRow("smallest subnormal")
        << QJsonValue(std::numeric_limits<double>::denorm_min()) << QByteArray("5e-324");
    QTest::addRow("infinity as null")
        << QJsonValue(std::numeric_limits<double>::infinity()) << QByteArray("null");
    QTest::addRow("NaN as null") << QJsonValue(std::nan("")) << QByteArray("null");
}

void TestCanonicalJson::numbers()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, canonical);
    QCOMPARE(CanonicalJson::serialize(value), canonical);
}

void TestCanonicalJson::keysInCodePointOrder()
{
    // UTF-16 puts U+1F600 (a surrogate pair, 0xD83D...) before U+FFFF;
    // code point order puts it after.
    QJsonObject object;
    object.insert(u"\U0001F600"_s, 1);
    object.insert(u"\uFFFF"_s, 2);
    object.insert(u"a"_s, 3);
    QCOMPARE(CanonicalJson::serialize(object),
             QByteArray("{\"a\":3,\"\xef\xbf\xbf\":2,\"\xf0\x9f\x98\x80\":1}"));
    QVERIFY(CanonicalJson::keyLess(u"\uFFFF", u"\U0001F600"_s));
    QVERIFY(CanonicalJson::keyLess(u"a", u"ab"));
    QVERIFY(!CanonicalJson::keyLess(u"b", u"ab"));
}

void TestCanonicalJson::loneSurrogateBecomesReplacementCharacter()
{
    QString text = u"a"_s;
    text.append(QChar(0xd800));
    text.append(u'b');
    QByteArray out;
    CanonicalJson::appendString(out, text);
    QCOMPARE(out,
             QByteArray("\"a\xef\xbf\xbd"
                        "b\""));
}

void TestCanonicalJson::utf8StringMatchesQStringPath()
{
    const QString text = u"tab\t quote\" back\\ nul"_s + QChar(0) + u" \u00e9 \U0001F600 \x7f"_s;
    QByteArray fromString;
    CanonicalJson::appendString(fromString, text);
    QByteArray fromUtf8;
    CanonicalJson::appendUtf8String(fromUtf8, text.toUtf8());
    QCOMPARE(fromUtf8, fromString);
}

void TestCanonicalJson::roundTripIsStable_data()
{
    QTest::addColumn<QJsonObject>("object");
    QTest::addRow("mixed") << QJsonObject { { u"n"_s, 0.1 },
                                            { u"big"_s, qint64(1) << 62 },
                                            { u"f"_s, 1e300 },
                                            { u"s"_s, u"\u00e9\n\U0001F600"_s },
                                            { u"a"_s, QJsonArray { 1, 2.5, u"x"_s, QJsonValue::Null } } };
    QTest::addRow("tiny and huge") << QJsonObject { { u"t"_s, 1e-300 },
                                                    { u"h"_s, -1.5e200 },
                                                    { u"w"_s, 1e19 } };
}

void TestCanonicalJson::roundTripIsStable()
{
    // What the store writes must read back to the same canonical bytes, or
    // verification would fail on an untouched event.
    QFETCH(QJsonObject, object);
    const QByteArray first = CanonicalJson::serialize(object);
    const QJsonDocument reread = QJsonDocument::fromJson(first);
    QVERIFY(reread.isObject());
    QCOMPARE(CanonicalJson::serialize(reread.object()), first);
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
