#pragma once

#include "model/config/presetlibrary.h"

#include <QAbstractListModel>

// The scenario picker's list: one row per preset, titled in the user's language.
class PresetModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Roles { NameRole = Qt::UserRole, ScenarioIdRole, SummaryRole };

    using QAbstractListModel::QAbstractListModel;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    void setPresets(const QVector<Preset>& presets);
    // Adds a preset loaded from a file (replacing one from the same path); returns its row.
    int addPreset(const Preset& preset);
    [[nodiscard]] const Preset& preset(int row) const { return m_presets.at(row); }
    [[nodiscard]] int rowOfName(const QString& name) const; // -1 if absent
    // Translated titles and summaries follow a language change.
    void retranslate();

private:
    QVector<Preset> m_presets;
};
