#pragma once

#include "scenarios/scenario.h"

#include <nlohmann/json.hpp>

#include <QAbstractTableModel>
#include <QMap>

// The configuration of one scenario as an editable table: one row per field, its value in the
// second column. Edits are validated as they come; invalid values are kept (so the user sees
// what they typed) and reported per field.
class ConfigModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Columns { FieldColumn, ValueColumn, NUM_COLUMNS };
    enum Roles {
        FieldNameRole = Qt::UserRole,
        KindRole,
        MinimumRole,
        MaximumRole,
        ChoicesRole,
        ChoiceLabelsRole,
        UnitRole,
        ErrorRole
    };

    using QAbstractTableModel::QAbstractTableModel;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // Replaces scenario and values at once; missing fields take their defaults.
    void setConfig(const forkscope::scenarios::Scenario* scenario, const nlohmann::json& config);
    [[nodiscard]] const forkscope::scenarios::Scenario* scenario() const { return m_scenario; }
    [[nodiscard]] const nlohmann::json& config() const { return m_config; }
    [[nodiscard]] bool isValid() const { return m_errors.isEmpty(); }
    // "workers: must be 1..256, got 0", one per invalid field, in field order.
    [[nodiscard]] QStringList errors() const;

signals:
    void configChanged();

private:
    void revalidate();
    [[nodiscard]] static QString errorText(const forkscope::scenarios::ConfigError& error);
    [[nodiscard]] QString valueText(const forkscope::scenarios::Field& field) const;

    const forkscope::scenarios::Scenario* m_scenario = nullptr;
    nlohmann::json m_config = nlohmann::json::object();
    QMap<QString, QString> m_errors; // field name -> problem
};
