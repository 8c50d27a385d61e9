// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace delegate::ui {

// A section whose views this version does not have yet says so and shows
// how to do the same today (with delegatectl and task files), instead of
// an empty page.
class GuidePage final : public QWidget
{
    Q_OBJECT

public:
    GuidePage(const QString &title, const QString &richText, QWidget *parent = nullptr);
};

} // namespace delegate::ui
