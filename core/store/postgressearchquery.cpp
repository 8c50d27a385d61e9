// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/postgressearchquery.h"

#include "store/searchtext.h"

#include <QList>

namespace delegate::PostgresSearchQuery {

namespace {

using namespace Qt::StringLiterals;

struct Token
{
    enum class Type { Phrase, Open, Close, Star, And, Or, Not, End } type;
    QString text;
};

struct SyntaxError
{
    QString message;
};

QList<Token> tokenize(const QString &query)
{
    QList<Token> tokens;
    qsizetype i = 0;
    const qsizetype n = query.size();
    while (i < n) {
        const QChar c = query.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == u'"') {
            QString phrase;
            ++i;
            for (;;) {
                if (i >= n)
                    throw SyntaxError { u"syntax error: a phrase opened with \" is not closed"_s };
                if (query.at(i) == u'"') {
                    if (i + 1 < n && query.at(i + 1) == u'"') {
                        phrase.append(u'"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                phrase.append(query.at(i++));
            }
            tokens.append({ Token::Type::Phrase, phrase });
        } else if (c == u'(') {
            tokens.append({ Token::Type::Open, {} });
            ++i;
        } else if (c == u')') {
            tokens.append({ Token::Type::Close, {} });
            ++i;
        } else if (c == u'*') {
            tokens.append({ Token::Type::Star, {} });
            ++i;
        } else if (c == u':' || c == u'^' || c == u'{' || c == u'}' || c == u'+') {
            throw SyntaxError {
                u"syntax error near \"%1\": column filters, NEAR, ^ and + are not supported by "
                "the PostgreSQL store; quote the words instead"_s.arg(c)
            };
        } else {
            const qsizetype start = i;
            while (i < n && !query.at(i).isSpace() && !u"\"()*:^{}+"_s.contains(query.at(i)))
                ++i;
            const QString word = query.mid(start, i - start);
            if (word == u"AND")
                tokens.append({ Token::Type::And, word });
            else if (word == u"OR")
                tokens.append({ Token::Type::Or, word });
            else if (word == u"NOT")
                tokens.append({ Token::Type::Not, word });
            else if (word == u"NEAR")
                throw SyntaxError {
                    u"syntax error near \"NEAR\": NEAR is not supported by the PostgreSQL store"_s
                };
            else
                tokens.append({ Token::Type::Phrase, word });
        }
    }
    tokens.append({ Token::Type::End, {} });
    return tokens;
}

// Recursive descent with FTS5's precedence: NOT binds tighter than AND,
// AND tighter than OR. An empty result is a term without any word.
class Parser
{
public:
    explicit Parser(QList<Token> tokens)
        : m_tokens(std::move(tokens))
    { }

    QString parse()
    {
        QString result = orExpression();
        if (peek().type != Token::Type::End)
            throw unexpected();
        return result;
    }

private:
    const Token &peek() const { return m_tokens.at(m_position); }
    Token take() { return m_tokens.at(m_position++); }

    SyntaxError unexpected() const
    {
        const Token &token = peek();
        if (token.type == Token::Type::End)
            return SyntaxError { u"syntax error: the query ends where a word or phrase should follow"_s };
        const QString shown = token.type == Token::Type::Open ? u"("_s
            : token.type == Token::Type::Close                ? u")"_s
            : token.type == Token::Type::Star                 ? u"*"_s
                                                              : token.text;
        return SyntaxError { u"syntax error near \"%1\""_s.arg(shown) };
    }

    static QString combine(const QString &left, const QString &op, const QString &right)
    {
        if (left.isEmpty())
            return op == u" & !"_s ? QString() : right;
        if (right.isEmpty())
            return left;
        return u'(' + left + op + right + u')';
    }

    QString orExpression()
    {
        QString result = andExpression();
        while (peek().type == Token::Type::Or) {
            take();
            result = combine(result, u" | "_s, andExpression());
        }
        return result;
    }

    QString andExpression()
    {
        QString result = notExpression();
        for (;;) {
            if (peek().type == Token::Type::And) {
                take();
            } else if (peek().type != Token::Type::Phrase && peek().type != Token::Type::Open) {
                return result;
            }
            result = combine(result, u" & "_s, notExpression());
        }
    }

    QString notExpression()
    {
        QString result = primary();
        while (peek().type == Token::Type::Not) {
            take();
            result = combine(result, u" & !"_s, primary());
        }
        return result;
    }

    QString primary()
    {
        if (peek().type == Token::Type::Open) {
            take();
            QString inner = orExpression();
            if (peek().type != Token::Type::Close)
                throw unexpected();
            take();
            return inner;
        }
        if (peek().type != Token::Type::Phrase)
            throw unexpected();
        const QString phrase = take().text;
        const bool prefix = peek().type == Token::Type::Star;
        if (prefix)
            take();
        // Normalised words hold only letters and digits, so they need no
        // quoting inside the tsquery text.
        QStringList words = SearchText::normalize(phrase).split(u' ', Qt::SkipEmptyParts);
        if (words.isEmpty())
            return {};
        for (QString &word : words)
            word = u'\'' + word + u'\'';
        if (prefix)
            words.last() += u":*"_s;
        return words.size() == 1 ? words.first() : u'(' + words.join(u" <-> "_s) + u')';
    }

    QList<Token> m_tokens;
    qsizetype m_position = 0;
};

} // namespace

StoreResult<QString> fromFts5(const QString &query)
{
    try {
        Parser parser(tokenize(query));
        return parser.parse();
    } catch (const SyntaxError &error) {
        return StoreResult<QString>::failure(error.message);
    }
}

} // namespace delegate::PostgresSearchQuery
