#pragma once

// Runs made up in memory, for the tests of what reads a Recording (models, charts): workers that
// run tasks and take a lock, with seeded random times so that waits overlap as in a real run.

#include "support/recorded_event.h"

#include <QRandomGenerator>

#include <algorithm>
#include <vector>

namespace forkscope::testing {

// A run with its main process (pid 100, ring 0) and `workers` workers (pid 101…, ring 1…).
inline Recording runWithWorkers(int workers, quint64 eventLimit = Recording::kDefaultEventLimit)
{
    Recording r(eventLimit);
    r.runStarted(0, 100, 1);
    r.attachRing(0, 100);
    for (int i = 0; i < workers; ++i) {
        r.processStarted(101 + i, 100, 0, false, QStringLiteral("worker-%1").arg(i), QStringLiteral("worker"));
        r.attachRing(static_cast<quint32>(i + 1), 101 + i);
    }
    return r;
}

// Each worker of runWithWorkers(workers) runs `tasks` tasks of pool 1; every task takes lock
// `lock` once, first come first served: it waits while another worker holds it, holds it, then
// works on. Every seventh task fails. The events of all rings in time order, as the Collector
// delivers them.
inline std::vector<RecordedEvent> lockedTasks(int workers, int tasks, quint32 seed, quint32 lock = 1)
{
    QRandomGenerator random(seed);
    auto between = [&](qint64 low, qint64 high) {
        return low + static_cast<qint64>(random.bounded(static_cast<quint64>(high - low)));
    };
    struct Worker {
        qint64 beginNs = 0; // of its next task
        qint64 requestNs = 0; // when that task asks for the lock
        int done = 0;
    };
    std::vector<Worker> ws(static_cast<std::size_t>(workers));
    for (Worker& w : ws) {
        w.beginNs = between(0, 100'000);
        w.requestNs = w.beginNs + between(10'000, 200'000);
    }
    std::vector<RecordedEvent> out;
    qint64 freeNs = 0; // when the lock is next free
    quint64 taskId = 0;
    for (;;) {
        // The next to ask for the lock gets it next.
        auto next = std::min_element(ws.begin(), ws.end(), [tasks](const Worker& a, const Worker& b) {
            return (a.done < tasks ? a.requestNs : INT64_MAX) < (b.done < tasks ? b.requestNs : INT64_MAX);
        });
        if (next->done >= tasks)
            break;
        const auto ring = static_cast<quint16>(next - ws.begin() + 1);
        const qint64 acquired = std::max(next->requestNs, freeNs);
        const qint64 hold = between(20'000, 500'000);
        freeNs = acquired + hold;
        const qint64 end = freeNs + between(50'000, 2'000'000);
        ++taskId;
        out.push_back(ev(next->beginNs, ring, core::EventKind::TaskBegin, 1, taskId));
        out.push_back(ev(acquired, ring, core::EventKind::LockAcquired, lock, 0, acquired - next->requestNs));
        out.push_back(ev(freeNs, ring, core::EventKind::LockReleased, lock, 0, hold));
        out.push_back(ev(end, ring, core::EventKind::TaskEnd, 1, taskId, taskId % 7 == 0 ? 0 : 1));
        ++next->done;
        next->beginNs = end + between(0, 100'000);
        next->requestNs = next->beginNs + between(10'000, 200'000);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const RecordedEvent& a, const RecordedEvent& b) { return a.timeNs < b.timeNs; });
    return out;
}

} // namespace forkscope::testing
