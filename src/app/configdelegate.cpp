#include "app/configdelegate.h"

#include "model/config/configmodel.h"

#include <QComboBox>
#include <QSpinBox>

#include <algorithm>
#include <climits>

using forkscope::scenarios::FieldKind;

QWidget* ConfigDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const
{
    switch (static_cast<FieldKind>(index.data(ConfigModel::KindRole).toInt())) {
    case FieldKind::Integer: {
        auto* spin = new QSpinBox(parent);
        auto toInt = [](qlonglong v) { return static_cast<int>(std::clamp<qlonglong>(v, INT_MIN, INT_MAX)); };
        spin->setRange(toInt(index.data(ConfigModel::MinimumRole).toLongLong()),
                       toInt(index.data(ConfigModel::MaximumRole).toLongLong()));
        const QString unit = index.data(ConfigModel::UnitRole).toString();
        if (!unit.isEmpty())
            spin->setSuffix(QLatin1Char(' ') + unit);
        spin->setAccelerated(true);
        return spin;
    }
    case FieldKind::Choice: {
        auto* combo = new QComboBox(parent);
        const QStringList values = index.data(ConfigModel::ChoicesRole).toStringList();
        const QStringList labels = index.data(ConfigModel::ChoiceLabelsRole).toStringList();
        for (int i = 0; i < values.size(); ++i)
            combo->addItem(labels.value(i, values[i]), values[i]);
        return combo;
    }
    case FieldKind::Boolean: {
        auto* combo = new QComboBox(parent);
        combo->addItem(tr("no"), false);
        combo->addItem(tr("yes"), true);
        return combo;
    }
    case FieldKind::Text: break; // the default line edit
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void ConfigDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto* spin = qobject_cast<QSpinBox*>(editor))
        spin->setValue(static_cast<int>(value.toLongLong()));
    else if (auto* combo = qobject_cast<QComboBox*>(editor))
        combo->setCurrentIndex(combo->findData(value));
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void ConfigDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* spin = qobject_cast<QSpinBox*>(editor)) {
        spin->interpretText();
        model->setData(index, static_cast<qlonglong>(spin->value()));
    } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        model->setData(index, combo->currentData());
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}
