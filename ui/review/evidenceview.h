// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QTextBrowser>

namespace delegate::ui {

// What backs an artifact up, so a reviewer checks the claim instead of
// trusting it: each command the agent ran with its exit code and output (in
// monospace), and each test result.
class EvidenceView final : public QTextBrowser
{
    Q_OBJECT

public:
    explicit EvidenceView(QWidget *parent = nullptr);

    void setEvidence(const QJsonObject &evidence);
    const QJsonObject &evidence() const { return m_evidence; }

    // "2 commands (1 failed) · 5 tests passed"; empty when there is no evidence.
    static QString summary(const QJsonObject &evidence);
    static bool hasFailures(const QJsonObject &evidence);

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();

    QJsonObject m_evidence;
};

} // namespace delegate::ui
