#include "core/telemetry.h"

namespace forkscope::core {

namespace detail {
TelemetrySink* g_telemetry_sink = nullptr;
}

void set_telemetry_sink(TelemetrySink* sink) noexcept
{
    detail::g_telemetry_sink = sink;
}

} // namespace forkscope::core
