#pragma once

// Reading a run file (runfile.h describes it): every field checked, every problem named by its
// path in the file ("lanes[2].pid: expected an integer"). The events are replayed into a new
// Recording, and what they cannot rebuild (statistics past the event limit) is restored as saved.

#include "model/recording/recording.h"

#include <QString>

#include <memory>

class QByteArray;

namespace runfile {

struct Loaded {
    std::unique_ptr<Recording> recording; // null on error
    QString error; // names the file and the field or offset
};
Loaded load(const QString& path);
// The same from bytes; `name` is used in errors.
Loaded loadBytes(const QByteArray& bytes, const QString& name);

} // namespace runfile
