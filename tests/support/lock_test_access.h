#pragma once

// Reaches the futex word inside a Lock, so a test can leave it as a process killed at an unlucky
// instruction would, without racing a SIGKILL.

#include "core/lock.h"

namespace forkscope::core::detail {

struct RobustMutexTestAccess {
    // glibc's lock word: owner TID plus the FUTEX_WAITERS and FUTEX_OWNER_DIED bits.
    static int& futex_word(LockBase& lock) { return lock.mutex_.state_->mutex.__data.__lock; }
};

} // namespace forkscope::core::detail
