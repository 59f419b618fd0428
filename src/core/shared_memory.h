#pragma once

// Memory shared with every process forked after it was made: an anonymous MAP_SHARED mapping,
// like the memory behind Python's multiprocessing objects. Nothing is left in /dev/shm, and
// pages cost memory only once touched.

#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>

#include <sys/types.h>
#include <unistd.h>

namespace forkscope::core {

class SharedMemory {
public:
    SharedMemory() = default;
    explicit SharedMemory(std::size_t bytes); // throws std::system_error

    // Memory another process can map too: a memfd (never in /dev/shm, never world-accessible),
    // whose descriptor goes to the other process over a Unix socket (SCM_RIGHTS).
    [[nodiscard]] static SharedMemory create_memfd(const char* name, std::size_t bytes, int* fd_out);
    // Maps such a descriptor (the whole of it); throws std::system_error.
    [[nodiscard]] static SharedMemory map_fd(int fd);
    SharedMemory(SharedMemory&& other) noexcept
        : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0))
    {}
    SharedMemory& operator=(SharedMemory&& other) noexcept;
    SharedMemory(const SharedMemory&) = delete;
    SharedMemory& operator=(const SharedMemory&) = delete;
    ~SharedMemory();

    [[nodiscard]] void* data() const noexcept { return data_; }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }

private:
    SharedMemory(void* data, std::size_t size) noexcept : data_(data), size_(size) {}

    void* data_ = nullptr;
    std::size_t size_ = 0;
};

// A T constructed in its own shared mapping, destroyed by the process that created it (children
// leave with _exit() and never run destructors, and must not: the object is the parent's).
template <class T>
class SharedObject {
public:
    template <class... Args>
    explicit SharedObject(std::size_t bytes, Args&&... args)
        : memory_(bytes < sizeof(T) ? sizeof(T) : bytes), creator_(::getpid())
    {
        object_ = new (memory_.data()) T(std::forward<Args>(args)...);
    }
    SharedObject(SharedObject&&) noexcept = default;
    SharedObject& operator=(SharedObject&&) noexcept = delete;
    ~SharedObject()
    {
        if (object_ && ::getpid() == creator_)
            object_->~T();
    }

    [[nodiscard]] T* get() const noexcept { return object_; }
    T* operator->() const noexcept { return object_; }
    T& operator*() const noexcept { return *object_; }
    [[nodiscard]] const SharedMemory& memory() const noexcept { return memory_; }

private:
    SharedMemory memory_;
    pid_t creator_;
    T* object_ = nullptr;
};

// Ids for shared objects, unique within the process that creates them (and so within a run):
// telemetry names objects by them.
[[nodiscard]] std::uint32_t next_object_id() noexcept;

} // namespace forkscope::core
