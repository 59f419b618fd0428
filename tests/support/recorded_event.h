#pragma once

// Builds a RecordedEvent in one line, for the tests of the recording and what reads it.

#include "core/object_name.h"
#include "model/recording/recording.h"

namespace forkscope::testing {

inline RecordedEvent ev(qint64 t, quint16 ring, core::EventKind kind, quint32 object = 0, quint64 task = 0,
                        qint64 value = 0, quint8 detail = 0)
{
    return RecordedEvent{t, task, value, object, ring, static_cast<quint8>(kind), detail};
}

// An ObjectNamed event, as RingTelemetry::object_named writes it (a name of at most 16 bytes).
inline RecordedEvent named(qint64 t, quint16 ring, quint32 object, const char* name)
{
    const core::PackedName packed = core::pack_object_name(name);
    return ev(t, ring, core::EventKind::ObjectNamed, object, packed.task, packed.value,
              static_cast<quint8>(core::NamedObject::Queue));
}

} // namespace forkscope::testing
