#pragma once

#include <QStyledItemDelegate>

// Editors for ConfigModel values, bounded by the field: spin boxes with the field's range and
// unit, combo boxes with its choices, yes/no for flags.
class ConfigDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};
