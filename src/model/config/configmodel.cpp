#include "model/config/configmodel.h"

#include "model/config/scenariotext.h"

using forkscope::scenarios::Field;
using forkscope::scenarios::FieldKind;

int ConfigModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_scenario ? 0 : static_cast<int>(m_scenario->fields().size());
}

int ConfigModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QString ConfigModel::valueText(const Field& field) const
{
    const auto& value = m_config[field.name];
    if (field.kind == FieldKind::Boolean && value.is_boolean())
        return value.get<bool>() ? tr("yes") : tr("no");
    if (field.kind == FieldKind::Choice && value.is_string())
        return ScenarioText::choice(value.get<std::string>());
    const QString text = QString::fromStdString(forkscope::scenarios::field_text(value));
    return *field.unit ? tr("%1 %2").arg(text, QString::fromUtf8(field.unit)) : text;
}

QVariant ConfigModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Field& field = m_scenario->fields()[static_cast<std::size_t>(index.row())];
    const QString name = QString::fromStdString(field.name);
    const auto& value = m_config[field.name];
    switch (role) {
    case FieldNameRole: return name;
    case KindRole: return static_cast<int>(field.kind);
    case MinimumRole: return static_cast<qlonglong>(field.min);
    case MaximumRole: return static_cast<qlonglong>(field.max);
    case UnitRole: return QString::fromUtf8(field.unit);
    case ErrorRole: return m_errors.value(name);
    case ChoicesRole:
    case ChoiceLabelsRole: {
        QStringList choices;
        for (const auto& c : field.choices)
            choices << (role == ChoicesRole ? QString::fromStdString(c) : ScenarioText::choice(c));
        return choices;
    }
    case Qt::ToolTipRole: {
        const QString help = tr("%1 (%2)").arg(ScenarioText::field(field.help), name);
        const QString error = m_errors.value(name);
        return error.isEmpty() ? help : help + QLatin1Char('\n') + error;
    }
    case Qt::DisplayRole: return index.column() == FieldColumn ? ScenarioText::field(field.label) : valueText(field);
    case Qt::EditRole:
        if (index.column() != ValueColumn)
            return {};
        if (value.is_boolean())
            return value.get<bool>();
        if (value.is_number_integer())
            return static_cast<qlonglong>(value.get<std::int64_t>());
        return QString::fromStdString(forkscope::scenarios::field_text(value));
    default: return {};
    }
}

QVariant ConfigModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    return section == FieldColumn ? tr("Setting") : tr("Value");
}

Qt::ItemFlags ConfigModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == ValueColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool ConfigModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != ValueColumn)
        return false;
    const Field& field = m_scenario->fields()[static_cast<std::size_t>(index.row())];
    nlohmann::json json;
    switch (field.kind) {
    case FieldKind::Integer: {
        bool ok = false;
        const qlonglong n = value.toLongLong(&ok);
        json = ok ? nlohmann::json(n) : nlohmann::json(value.toString().toStdString());
        break;
    }
    case FieldKind::Boolean: json = value.toBool(); break;
    case FieldKind::Choice:
    case FieldKind::Text: json = value.toString().toStdString(); break;
    }
    m_config[field.name] = json;
    revalidate();
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), NUM_COLUMNS - 1));
    emit configChanged();
    return true;
}

void ConfigModel::setConfig(const forkscope::scenarios::Scenario* scenario, const nlohmann::json& config)
{
    beginResetModel();
    m_scenario = scenario;
    m_config = scenario ? forkscope::scenarios::default_config(scenario->fields()) : nlohmann::json::object();
    if (scenario && config.is_object())
        m_config.update(config);
    revalidate();
    endResetModel();
    emit configChanged();
}

// "workers: must be 1..256, got 0": the field's key as typed in files and on the command line,
// then the problem in the user's language.
QString ConfigModel::errorText(const forkscope::scenarios::ConfigError& error)
{
    const std::string what = error.what();
    const std::string problem = what.substr(std::min(what.size(), error.field().size() + 2));
    return tr("%1: %2").arg(QString::fromStdString(error.field()), ScenarioText::problem(problem));
}

void ConfigModel::revalidate()
{
    m_errors.clear();
    if (!m_scenario)
        return;
    for (const auto& error : forkscope::scenarios::validate_config(m_scenario->fields(), m_config, m_scenario->id()))
        m_errors.insert(QString::fromStdString(error.field()), errorText(error));
    if (!m_errors.isEmpty())
        return;
    try { // what the fields alone cannot tell: a folder to copy that is missing, …
        m_scenario->check_environment(m_config);
    } catch (const forkscope::scenarios::ConfigError& error) {
        m_errors.insert(QString::fromStdString(error.field()), errorText(error));
    }
}

QStringList ConfigModel::errors() const
{
    QStringList out;
    if (!m_scenario)
        return out;
    for (const auto& field : m_scenario->fields()) {
        const QString e = m_errors.value(QString::fromStdString(field.name));
        if (!e.isEmpty())
            out << e;
    }
    return out;
}
