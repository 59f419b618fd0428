#include "app/configformbinder.h"

#include "model/config/configmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>
#include <climits>

using forkscope::scenarios::FieldKind;

namespace {

QString camelCase(const QString& field)
{
    QString out;
    bool upper = false;
    for (QChar c : field) {
        if (c == QLatin1Char('_')) {
            upper = true;
            continue;
        }
        out += upper ? c.toUpper() : c;
        upper = false;
    }
    return out;
}

bool isEditor(const QWidget* w)
{
    return qobject_cast<const QSpinBox*>(w) || qobject_cast<const QComboBox*>(w) || qobject_cast<const QCheckBox*>(w) ||
           qobject_cast<const QLineEdit*>(w);
}

} // namespace

ConfigFormBinder::ConfigFormBinder(QWidget* form, ConfigModel* model, QObject* parent)
    : QObject(parent), m_form(form), m_model(model)
{
    QStringList names;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        Binding binding;
        binding.field = m_model->index(row, 0).data(ConfigModel::FieldNameRole).toString();
        binding.row = row;
        binding.editor = m_form->findChild<QWidget*>(binding.field);
        names << binding.field;
        if (!binding.editor || !isEditor(binding.editor)) {
            m_unbound << binding.field;
            continue;
        }
        binding.label = m_form->findChild<QLabel*>(camelCase(binding.field) + QStringLiteral("Label"));
        m_bindings.push_back(binding);
    }
    for (QWidget* w : m_form->findChildren<QWidget*>()) {
        // Spin boxes and combo boxes own a line edit of their own, which has no name of ours.
        if (isEditor(w) && !w->objectName().isEmpty() && !w->objectName().startsWith(QLatin1String("qt_")) &&
            !names.contains(w->objectName()))
            m_stray << w->objectName();
    }
    for (Binding& binding : m_bindings)
        bind(binding);
    retranslate();
    load();
    connect(m_model, &ConfigModel::configChanged, this, [this] {
        if (!m_loading)
            load();
    });
    connect(m_model, &ConfigModel::modelReset, this, &ConfigFormBinder::retranslate);
}

QWidget* ConfigFormBinder::editor(const QString& field) const
{
    for (const Binding& binding : m_bindings) {
        if (binding.field == field)
            return binding.editor;
    }
    return nullptr;
}

void ConfigFormBinder::bind(Binding& binding)
{
    QWidget* editor = binding.editor;
    const Binding b = binding;
    if (auto* spin = qobject_cast<QSpinBox*>(editor)) {
        connect(spin, &QSpinBox::valueChanged, this, [this, b](int value) { write(b, static_cast<qlonglong>(value)); });
    } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        connect(combo, &QComboBox::currentIndexChanged, this, [this, b, combo] { write(b, combo->currentData()); });
    } else if (auto* check = qobject_cast<QCheckBox*>(editor)) {
        connect(check, &QCheckBox::toggled, this, [this, b](bool on) { write(b, on); });
    } else if (auto* line = qobject_cast<QLineEdit*>(editor)) {
        connect(line, &QLineEdit::textEdited, this, [this, b](const QString& text) { write(b, text); });
        // A folder field may come with a Browse button beside it.
        if (auto* browse = m_form->findChild<QToolButton*>(camelCase(b.field) + QStringLiteral("Browse"))) {
            connect(browse, &QToolButton::clicked, this, [this, b, line] {
                const QString start = line->text().isEmpty() ? QDir::homePath() : line->text();
                const QString dir =
                    QFileDialog::getExistingDirectory(m_form, m_model->index(b.row, 0).data().toString(), start);
                if (!dir.isEmpty()) {
                    line->setText(QDir::toNativeSeparators(dir));
                    write(b, line->text());
                }
            });
        }
    }
}

void ConfigFormBinder::setupEditor(const Binding& binding)
{
    const QModelIndex index = m_model->index(binding.row, ConfigModel::ValueColumn);
    const QString label = m_model->index(binding.row, ConfigModel::FieldColumn).data().toString();
    if (binding.label)
        binding.label->setText(tr("%1:").arg(label));
    if (auto* spin = qobject_cast<QSpinBox*>(binding.editor.data())) {
        const qlonglong min = index.data(ConfigModel::MinimumRole).toLongLong();
        spin->setRange(static_cast<int>(std::clamp<qlonglong>(std::min<qlonglong>(min, 0), INT_MIN, 0)), INT_MAX);
        const QString unit = index.data(ConfigModel::UnitRole).toString();
        spin->setSuffix(unit.isEmpty() ? QString() : QLatin1Char(' ') + unit);
        spin->setAccelerated(true);
        spin->setGroupSeparatorShown(true);
    } else if (auto* combo = qobject_cast<QComboBox*>(binding.editor.data())) {
        const QSignalBlocker quiet(combo);
        combo->clear();
        const QStringList values = index.data(ConfigModel::ChoicesRole).toStringList();
        const QStringList labels = index.data(ConfigModel::ChoiceLabelsRole).toStringList();
        for (int i = 0; i < values.size(); ++i)
            combo->addItem(labels.value(i, values[i]), values[i]);
    } else if (auto* check = qobject_cast<QCheckBox*>(binding.editor.data())) {
        check->setText(label);
    }
}

void ConfigFormBinder::retranslate()
{
    m_loading = true;
    for (const Binding& binding : m_bindings)
        setupEditor(binding);
    m_loading = false;
    load();
}

void ConfigFormBinder::load()
{
    m_loading = true;
    for (const Binding& binding : m_bindings) {
        const QVariant value = m_model->index(binding.row, ConfigModel::ValueColumn).data(Qt::EditRole);
        QWidget* editor = binding.editor;
        const QSignalBlocker quiet(editor);
        if (auto* spin = qobject_cast<QSpinBox*>(editor)) {
            bool ok = false;
            const qlonglong n = value.toLongLong(&ok);
            if (ok && n >= spin->minimum() && n <= spin->maximum() && n != spin->value())
                spin->setValue(static_cast<int>(n));
        } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
            combo->setCurrentIndex(combo->findData(value.toString()));
        } else if (auto* check = qobject_cast<QCheckBox*>(editor)) {
            check->setChecked(value.toBool());
        } else if (auto* line = qobject_cast<QLineEdit*>(editor)) {
            if (line->text() != value.toString())
                line->setText(value.toString());
        }
    }
    m_loading = false;
    showErrors();
}

void ConfigFormBinder::write(const Binding& binding, const QVariant& value)
{
    if (m_loading)
        return;
    m_loading = true; // the model's configChanged must not reload the editor being typed in
    m_model->setData(m_model->index(binding.row, ConfigModel::ValueColumn), value);
    m_loading = false;
    showErrors();
}

void ConfigFormBinder::showErrors()
{
    for (const Binding& binding : m_bindings) {
        const QModelIndex index = m_model->index(binding.row, ConfigModel::ValueColumn);
        const bool invalid = !index.data(ConfigModel::ErrorRole).toString().isEmpty();
        QWidget* shown = binding.label ? static_cast<QWidget*>(binding.label) : binding.editor.data();
        // Red text reads on light and dark palettes alike; the tooltip says what is wrong.
        QPalette palette = m_form->palette();
        if (invalid)
            palette.setColor(QPalette::WindowText, QColor(0xe0, 0x3e, 0x36));
        shown->setPalette(palette);
        binding.editor->setToolTip(index.data(Qt::ToolTipRole).toString());
        if (binding.label)
            binding.label->setToolTip(binding.editor->toolTip());
    }
}
