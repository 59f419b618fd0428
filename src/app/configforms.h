#pragma once

// One Designer form per scenario (ui/<scenario>config.ui): how its settings are grouped and laid
// out. A form's editors are named after the scenario's fields, which is all ConfigFormBinder
// needs to bind them to a ConfigModel; labels, ranges, choices and tooltips come from the fields.

#include <QString>
#include <QStringList>

class QWidget;

namespace ConfigForms {
// A new form for the scenario `scenarioId`, or nullptr if it has none.
[[nodiscard]] QWidget* create(const QString& scenarioId, QWidget* parent = nullptr);
// The scenarios that have a form.
[[nodiscard]] QStringList scenarios();
} // namespace ConfigForms
