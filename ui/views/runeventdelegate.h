// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCache>
#include <QFont>
#include <QPointer>
#include <QStyledItemDelegate>

class QAbstractItemView;
class QTextDocument;

namespace delegate::ui {

class RunEventModel;

// Paints a run's events in the console: agent messages as Markdown, tool
// calls as one line that unfolds into their arguments and result, command
// output in a monospace font, and lifecycle events as quiet one-liners.
//
// Heights are cached per row and laid-out documents per event, so a view
// of 50 000 events lays out from the cache and only visible rows are
// painted. The cache follows the model's signals: new rows, a result that
// came, an item unfolded.
class RunEventDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    RunEventDelegate(QAbstractItemView *view, RunEventModel *model);
    ~RunEventDelegate() override;

    // Matches of this text are highlighted (ignoring case).
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    enum class Part { Message, Arguments, Result, Thinking, Raw };
    struct Block
    {
        QTextDocument *document = nullptr;
        qreal top = 0; // from the row's top
        bool framed = false; // code and output sit in a box
        bool failed = false; // a failed result's box is tinted
    };

    // The row's parts and its height; measuring only, no document is kept.
    QList<Block> blocksOf(const QModelIndex &index, int width, int *height, bool measureOnly) const;
    void fill(QTextDocument *document, const QModelIndex &index, Part part) const;
    static quint64 keyOf(const QModelIndex &index, Part part);
    QTextDocument *document(const QModelIndex &index, Part part, int width) const;
    qreal measure(const QModelIndex &index, Part part, int width) const;
    void forgetRows(int first, int last);
    void relayout();
    int viewWidth() const;
    int contentLeft() const;
    int headerHeight() const;
    void paintHeader(QPainter *painter, const QRect &rect, const QStyleOptionViewItem &option,
                     const QModelIndex &index) const;
    void drawText(QPainter *painter, const QRect &rect, const QString &text, const QFont &font,
                  const QColor &color, int *advance = nullptr) const;

    QPointer<QAbstractItemView> m_view;
    QPointer<RunEventModel> m_model;
    QFont m_mono;
    QString m_searchText;
    mutable QList<int> m_heights; // per row, -1 while unknown
    mutable int m_width = -1; // the width the heights were measured at
    mutable QCache<quint64, QTextDocument> m_documents; // the painted rows' parts
};

} // namespace delegate::ui
