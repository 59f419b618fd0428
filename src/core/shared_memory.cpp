#include "core/shared_memory.h"

#include "core/errors.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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

SharedMemory SharedMemory::create_memfd(const char* name, std::size_t bytes, int* fd_out)
{
    const int fd = ::memfd_create(name, MFD_CLOEXEC);
    if (fd < 0)
        throw_errno("memfd_create");
    // A memfd is born 0777. It is reached only through this descriptor or /proc/<pid>/fd (which
    // takes ptrace rights over the process), but its mode should say "owner only" all the same.
    if (::fchmod(fd, 0600) != 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        throw_errno("fchmod of a memfd");
    }
    if (::ftruncate(fd, static_cast<off_t>(bytes)) != 0) { // sparse: pages cost memory once touched
        const int error = errno;
        ::close(fd);
        errno = error;
        throw_errno("ftruncate of a " + std::to_string(bytes) + "-byte memfd");
    }
    void* data = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (data == MAP_FAILED) {
        const int error = errno;
        ::close(fd);
        errno = error;
        throw_errno("mmap of a memfd");
    }
    *fd_out = fd;
    return SharedMemory(data, bytes);
}

SharedMemory SharedMemory::map_fd(int fd)
{
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        throw_errno("fstat of shared memory");
    const auto bytes = static_cast<std::size_t>(st.st_size);
    void* data = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (data == MAP_FAILED)
        throw_errno("mmap of shared memory");
    return SharedMemory(data, bytes);
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
