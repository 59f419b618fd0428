#pragma once

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QString>
#include <QVector>

// A scenario with a configuration: a built-in preset (resources/presets) or a scenario file.
struct Preset {
    QString name; // file name without .json: what `forkscope-cli run NAME` takes
    QString scenarioId; // the scenario it configures
    QString title; // English; translated in the "Scenario" context when shown
    nlohmann::json config; // complete and valid
    QString path; // where it came from (":/presets/…" for built-in ones)
};

class PresetLibrary {
    Q_DECLARE_TR_FUNCTIONS(PresetLibrary)

public:
    // Every built-in preset, in name order. A broken built-in preset is a build error (tested).
    [[nodiscard]] static QVector<Preset> builtIn();
    [[nodiscard]] static std::optional<Preset> findBuiltIn(const QString& name);

    // Reads a scenario file. On failure returns nothing and sets `error` to a message naming the
    // file and the key: "/tmp/x.json: config.workers: must be 1..256, got 0".
    [[nodiscard]] static std::optional<Preset> load(const QString& path, QString* error);

    // Writes a scenario file atomically (a temporary file renamed over the target).
    [[nodiscard]] static bool save(const QString& path, const QString& scenarioId, const QString& title,
                                   const nlohmann::json& config, QString* error);
};
