// SPDX-License-Identifier: GPL-3.0-or-later
#include "addenginedialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace delegate::ui {

AddEngineDialog::AddEngineDialog(QStringList takenNames, QWidget *parent)
    : QDialog(parent)
    , m_takenNames(std::move(takenNames))
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_tokenFile(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setObjectName(u"addEngineDialog"_s);
    setWindowTitle(tr("Connect to an engine"));
    m_name->setObjectName(u"engineName"_s);
    m_name->setPlaceholderText(tr("team"));
    m_url->setObjectName(u"engineUrl"_s);
    m_url->setPlaceholderText(tr("wss://delegate.example.com:8443"));
    m_tokenFile->setObjectName(u"engineTokenFile"_s);
    m_tokenFile->setPlaceholderText(tr("~/.config/delegate/team.token"));
    m_problem->setObjectName(u"engineProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #d64545;"_s);

    auto *browse = new QToolButton(this);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose the file that holds your token"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Token file"));
        if (!file.isEmpty())
            m_tokenFile->setText(file);
    });
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_tokenFile, 1);
    tokenRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&URL"), m_url);
    form->addRow(tr("&Token file"), tokenRow);
    auto *hint =
        new QLabel(tr("The administrator of the engine gives you a token; keep it in a file only you can "
                      "read. Delegate remembers the file's path, not the token."),
                   this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    for (QLineEdit *edit : { m_name, m_url, m_tokenFile })
        connect(edit, &QLineEdit::textChanged, this, &AddEngineDialog::validate);
    validate();
    resize(520, sizeHint().height());
}

QString AddEngineDialog::name() const
{
    return m_name->text().trimmed();
}

QUrl AddEngineDialog::url() const
{
    return QUrl(m_url->text().trimmed());
}

QString AddEngineDialog::tokenFile() const
{
    QString path = m_tokenFile->text().trimmed();
    if (path.startsWith(u"~/"_s))
        path = QDir::homePath() + path.mid(1);
    return path;
}

QString AddEngineDialog::problem() const
{
    if (name().isEmpty())
        return tr("Give the engine a name, such as \"team\".");
    if (m_takenNames.contains(name()))
        return tr("There is an engine called \"%1\" already; choose another name.").arg(name());
    const QUrl address = url();
    if (!address.isValid() || (address.scheme() != "ws"_L1 && address.scheme() != "wss"_L1)
        || address.host().isEmpty())
        return tr(
            "The URL must start with ws:// or wss:// and name a host, e.g. wss://delegate.example.com:8443.");
    if (tokenFile().isEmpty())
        return tr("Name the file that holds your token.");
    QString error;
    if (!optionsFor(address, tokenFile(), &error))
        return error;
    return {};
}

void AddEngineDialog::validate()
{
    const QString text = problem();
    m_problem->setText(text);
    m_ok->setEnabled(text.isEmpty());
}

std::optional<rpc::ConnectOptions> AddEngineDialog::optionsFor(const QUrl &url, const QString &tokenFile,
                                                               QString *error)
{
    QFile file(tokenFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the token file %1: %2").arg(tokenFile, file.errorString());
        return std::nullopt;
    }
    const QString token = QString::fromUtf8(file.readAll()).trimmed();
    if (token.isEmpty()) {
        *error = tr("The token file %1 is empty.").arg(tokenFile);
        return std::nullopt;
    }
    rpc::ConnectOptions options;
    options.url = url;
    options.token = token;
    options.startIfNeeded = false;
    return options;
}

} // namespace delegate::ui
