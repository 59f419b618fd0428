#pragma once

// changedRows: which rows of a view of a Recording show something new. A model keeps, per row,
// what it last showed (a small comparable value); this brings each up to date and returns the
// span of rows that changed, for one dataChanged — or nothing when no row did.

#include <optional>
#include <utility>
#include <vector>

template <typename Shown, typename Now>
[[nodiscard]] std::optional<std::pair<int, int>> changedRows(std::vector<Shown>& shown, Now&& now)
{
    std::optional<std::pair<int, int>> changed;
    for (int row = 0; row < static_cast<int>(shown.size()); ++row) {
        Shown value = now(row);
        if (value == shown[static_cast<std::size_t>(row)])
            continue;
        shown[static_cast<std::size_t>(row)] = std::move(value);
        changed = std::make_pair(changed ? changed->first : row, row);
    }
    return changed;
}
