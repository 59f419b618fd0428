#include "model/config/presetlibrary.h"

#include "scenarios/config/scenario_file.h"
#include "scenarios/programs/programs.h"
#include "scenarios/scenario.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

using namespace forkscope::scenarios;

std::optional<Preset> PresetLibrary::load(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("%1: cannot open: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    constexpr qint64 kMaxBytes = 1 << 20;
    if (file.size() > kMaxBytes) {
        *error = tr("%1: too large for a scenario file (%2 bytes, at most %3)")
                     .arg(QDir::toNativeSeparators(path))
                     .arg(file.size())
                     .arg(kMaxBytes);
        return std::nullopt;
    }
    try {
        const ScenarioDocument doc = parse_scenario_file(file.readAll().toStdString());
        Preset preset;
        preset.name = QFileInfo(path).completeBaseName();
        preset.scenarioId = QString::fromStdString(doc.scenario);
        preset.title = doc.title.empty() ? QString::fromUtf8(find_scenario(doc.scenario)->title())
                                         : QString::fromStdString(doc.title);
        preset.config = doc.config;
        preset.path = path;
        return preset;
    } catch (const ScenarioFileError& e) {
        *error = tr("%1: %2").arg(QDir::toNativeSeparators(path), QString::fromStdString(e.what()));
        return std::nullopt;
    }
}

QVector<Preset> PresetLibrary::builtIn()
{
    QVector<Preset> presets;
    const QDir dir(QStringLiteral(":/presets"));
    const auto names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString& name : names) {
        QString error;
        if (auto preset = load(dir.filePath(name), &error))
            presets.append(*preset);
        else
            qWarning("ForkScope: built-in preset skipped: %s", qPrintable(error));
    }
    // In the order of the scenarios (the tutorials' order: processes first), then by name.
    auto rank = [](const Preset& p) {
        const auto& all = forkscope::scenarios::all_scenarios();
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (p.scenarioId.toStdString() == all[i]->id())
                return i;
        }
        return all.size();
    };
    std::stable_sort(presets.begin(), presets.end(),
                     [&](const Preset& a, const Preset& b) { return rank(a) < rank(b); });
    return presets;
}

std::optional<Preset> PresetLibrary::findBuiltIn(const QString& name)
{
    QString error;
    const QString path = QStringLiteral(":/presets/%1.json").arg(name);
    return QFile::exists(path) ? load(path, &error) : std::nullopt;
}

bool PresetLibrary::save(const QString& path, const QString& scenarioId, const QString& title,
                         const nlohmann::json& config, QString* error)
{
    ScenarioDocument doc{scenarioId.toStdString(), title.toStdString(), config};
    const std::string text = format_scenario_file(doc);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) < 0 ||
        !file.commit()) {
        *error = tr("%1: cannot write: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}
