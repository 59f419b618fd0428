#pragma once

// Builds a RecordedEvent in one line, for the tests of the recording and what reads it.

#include "model/recording/recording.h"

namespace forkscope::testing {

inline RecordedEvent ev(qint64 t, quint16 ring, core::EventKind kind, quint32 object = 0, quint64 task = 0,
                        qint64 value = 0, quint8 detail = 0)
{
    return RecordedEvent{t, task, value, object, ring, static_cast<quint8>(kind), detail};
}

} // namespace forkscope::testing
