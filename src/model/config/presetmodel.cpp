#include "model/config/presetmodel.h"

#include "model/config/scenariotext.h"
#include "scenarios/programs/programs.h"
#include "scenarios/scenario.h"

int PresetModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_presets.size());
}

QVariant PresetModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Preset& p = m_presets.at(index.row());
    const auto* scenario = forkscope::scenarios::find_scenario(p.scenarioId.toStdString());
    switch (role) {
    case Qt::DisplayRole: return ScenarioText::scenario(p.title.toUtf8().constData());
    case Qt::ToolTipRole:
    case SummaryRole: return scenario ? ScenarioText::scenario(scenario->summary()) : QString();
    case NameRole: return p.name;
    case ScenarioIdRole: return p.scenarioId;
    default: return {};
    }
}

void PresetModel::setPresets(const QVector<Preset>& presets)
{
    beginResetModel();
    m_presets = presets;
    endResetModel();
}

int PresetModel::addPreset(const Preset& preset)
{
    for (int i = 0; i < m_presets.size(); ++i) {
        if (m_presets[i].path == preset.path) {
            m_presets[i] = preset;
            emit dataChanged(index(i), index(i));
            return i;
        }
    }
    const int row = static_cast<int>(m_presets.size());
    beginInsertRows({}, row, row);
    m_presets.append(preset);
    endInsertRows();
    return row;
}

int PresetModel::rowOfName(const QString& name) const
{
    for (int i = 0; i < m_presets.size(); ++i) {
        if (m_presets[i].name == name)
            return i;
    }
    return -1;
}

void PresetModel::retranslate()
{
    if (!m_presets.isEmpty())
        emit dataChanged(index(0), index(static_cast<int>(m_presets.size()) - 1));
}
