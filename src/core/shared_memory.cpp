#include "core/shared_memory.h"

#include "core/errors.h"

#include <sys/mman.h>

#include <atomic>

namespace forkscope::core {

SharedMemory::SharedMemory(std::size_t bytes) : size_(bytes)
{
    // MAP_NORESERVE: a generous capacity (an "unbounded" queue) costs nothing until used.
    data_ = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (data_ == MAP_FAILED) {
        data_ = nullptr;
        throw_errno("mmap of " + std::to_string(bytes) + " shared bytes");
    }
}

SharedMemory& SharedMemory::operator=(SharedMemory&& other) noexcept
{
    if (this != &other) {
        if (data_)
            ::munmap(data_, size_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

SharedMemory::~SharedMemory()
{
    if (data_)
        ::munmap(data_, size_);
}

std::uint32_t next_object_id() noexcept
{
    static std::atomic<std::uint32_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed); // only uniqueness matters
}

} // namespace forkscope::core
