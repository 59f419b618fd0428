#include "scenarios/file_copy.h"

#include "core/clock.h"
#include "scenarios/work.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace forkscope::scenarios {

namespace {

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    [[nodiscard]] int get() const { return fd_; }
    int release()
    {
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd);
    }

private:
    int fd_;
};

CopyOutcome failed(const char* stage, int error)
{
    CopyOutcome out;
    out.status = CopyStatus::Failed;
    out.error = error;
    std::strncpy(out.stage, stage, sizeof out.stage - 1);
    return out;
}

bool write_all(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

ssize_t read_some(int fd, char* data, std::size_t size)
{
    for (;;) {
        const ssize_t n = ::read(fd, data, size);
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

// Reads both files again and compares them byte for byte.
bool same_contents(const std::string& a, const std::string& b, std::size_t chunk)
{
    Fd fa(::open(a.c_str(), O_RDONLY | O_CLOEXEC)), fb(::open(b.c_str(), O_RDONLY | O_CLOEXEC));
    if (fa.get() < 0 || fb.get() < 0)
        return false;
    std::vector<char> ba(chunk), bb(chunk);
    for (;;) {
        const ssize_t na = read_some(fa.get(), ba.data(), chunk);
        if (na < 0)
            return false;
        std::size_t got = 0; // the other file, read to the same length
        while (got < static_cast<std::size_t>(na)) {
            const ssize_t nb = read_some(fb.get(), bb.data() + got, static_cast<std::size_t>(na) - got);
            if (nb <= 0)
                return false;
            got += static_cast<std::size_t>(nb);
        }
        if (std::memcmp(ba.data(), bb.data(), static_cast<std::size_t>(na)) != 0)
            return false;
        if (na == 0)
            return read_some(fb.get(), bb.data(), 1) == 0; // the copy ends there too
    }
}

} // namespace

std::string temporary_name_for(const std::string& destination)
{
    const auto slash = destination.rfind('/');
    const std::string folder = slash == std::string::npos ? "." : destination.substr(0, slash);
    const std::string name = slash == std::string::npos ? destination : destination.substr(slash + 1);
    return folder + "/." + name + ".forkscope-part";
}

CopyOutcome copy_file(const CopyRequest& r)
{
    Fd in(::open(r.source.c_str(), O_RDONLY | O_CLOEXEC));
    if (in.get() < 0)
        return failed("open source", errno);
    struct stat info {};
    if (::fstat(in.get(), &info) != 0)
        return failed("stat source", errno);
    if (!r.overwrite && ::access(r.destination.c_str(), F_OK) == 0) {
        CopyOutcome out;
        out.status = CopyStatus::Exists;
        return out;
    }
    const std::string temporary = temporary_name_for(r.destination);
    ::unlink(temporary.c_str()); // a leftover of a copy that was killed: ours to replace
    Fd out(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (out.get() < 0)
        return failed("create temporary", errno);
    std::vector<char> buffer(r.chunk_bytes);
    std::int64_t bytes = 0;
    for (;;) {
        const ssize_t n = read_some(in.get(), buffer.data(), buffer.size());
        if (n < 0) {
            const int error = errno;
            ::unlink(temporary.c_str());
            return failed("read", error);
        }
        if (n == 0)
            break;
        if (!write_all(out.get(), buffer.data(), static_cast<std::size_t>(n))) {
            const int error = errno ? errno : ENOSPC;
            ::unlink(temporary.c_str());
            return failed("write", error);
        }
        bytes += n;
        sleep_for_work(r.chunk_delay_ns);
    }
    if (::fchmod(out.get(), info.st_mode & 07777) != 0 || ::fsync(out.get()) != 0 || out.release() != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return failed("finish writing", error);
    }
    if (!same_contents(r.source, temporary, buffer.size())) {
        ::unlink(temporary.c_str());
        return failed("verify", EIO);
    }
    // The final name appears only now, complete; without overwrite, never over another file.
    const int renamed = r.overwrite ? ::rename(temporary.c_str(), r.destination.c_str())
                                    : ::renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, r.destination.c_str(), RENAME_NOREPLACE);
    if (renamed != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        if (error == EEXIST) {
            CopyOutcome exists;
            exists.status = CopyStatus::Exists;
            return exists;
        }
        return failed("rename", error);
    }
    CopyOutcome done;
    done.status = CopyStatus::Copied;
    done.bytes = bytes;
    return done;
}

} // namespace forkscope::scenarios
