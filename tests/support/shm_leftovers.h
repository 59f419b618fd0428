#pragma once

// What a run may have left in /dev/shm: ForkScope's shared memory is memfds and anonymous
// mappings, so a run never adds a named segment or semaphore there. Take entries() before the run
// and leftovers() after it.

#include <QDir>
#include <QStringList>

namespace forkscope::testing {

inline QStringList shmEntries()
{
    return QDir(QStringLiteral("/dev/shm")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

// The entries new since `before` that look like ForkScope's or a POSIX semaphore ("sem.…").
inline QStringList shmLeftovers(const QStringList& before)
{
    QStringList added = shmEntries();
    for (const QString& name : before)
        added.removeAll(name);
    return added.filter(QStringLiteral("forkscope"), Qt::CaseInsensitive) + added.filter(QStringLiteral("sem."));
}

} // namespace forkscope::testing
