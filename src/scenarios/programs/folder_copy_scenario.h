#pragma once

#include "scenarios/scenario.h"

namespace forkscope::scenarios {

// Seed 002 §10's folder copier: a Pool copies the files of a folder, each task one file, and
// tells the main process through a queue, which shows the progress. Unlike the seed's, a copy
// is written under a temporary name, verified against the source, and only then renamed to its
// final name; an existing file is never replaced unless `overwrite` is set.
class FolderCopyScenario final : public Scenario {
public:
    [[nodiscard]] std::string_view id() const override { return "folder-copy"; }
    [[nodiscard]] const char* title() const override;
    [[nodiscard]] const char* summary() const override;
    [[nodiscard]] const std::vector<Field>& fields() const override;
    void check_environment(const nlohmann::json& config) const override;
    void run(const nlohmann::json& config, RunContext& context) const override;
};

} // namespace forkscope::scenarios
