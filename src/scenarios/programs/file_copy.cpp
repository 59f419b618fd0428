#include "scenarios/programs/file_copy.h"

#include "core/errors.h"
#include "core/unique_fd.h"
#include "scenarios/programs/work.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace forkscope::scenarios {

namespace {

using core::UniqueFd;

CopyOutcome outcome(CopyStatus status, int error, const std::string& why)
{
    CopyOutcome out;
    out.status = status;
    out.error = error;
    const std::string text = error ? why + ": " + core::errno_text(error) : why;
    std::snprintf(out.why, sizeof out.why, "%s", text.c_str());
    return out;
}

CopyOutcome failed(const std::string& why, int error = 0)
{
    return outcome(CopyStatus::Failed, error, why);
}

CopyOutcome exists(const char* why)
{
    return outcome(CopyStatus::Exists, 0, why);
}

// Whatever way a copy leaves before commit(), its temporary goes with it.
class Temporary {
public:
    explicit Temporary(std::string path) : path_(std::move(path)) {}
    ~Temporary()
    {
        if (!committed_)
            ::unlink(path_.c_str());
    }
    Temporary(const Temporary&) = delete;
    Temporary& operator=(const Temporary&) = delete;
    [[nodiscard]] const char* path() const { return path_.c_str(); }
    void commit() { committed_ = true; }

private:
    std::string path_;
    bool committed_ = false;
};

// 0, or the errno of the write that failed.
int write_all(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return errno;
        if (n == 0)
            return ENOSPC;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return 0;
}

ssize_t read_some(int fd, char* data, std::size_t size, off_t* at = nullptr)
{
    for (;;) {
        const ssize_t n = at ? ::pread(fd, data, size, *at) : ::read(fd, data, size);
        if (n >= 0 && at)
            *at += n;
        if (n >= 0 || errno != EINTR)
            return n;
    }
}

// Reads both files again from the start and compares them byte for byte.
bool same_contents(int a, int b, std::size_t chunk)
{
    std::vector<char> ba(chunk), bb(chunk);
    off_t at_a = 0, at_b = 0;
    for (;;) {
        const ssize_t na = read_some(a, ba.data(), chunk, &at_a);
        if (na < 0)
            return false;
        std::size_t got = 0; // the other file, read to the same length
        while (got < static_cast<std::size_t>(na)) {
            const ssize_t nb = read_some(b, bb.data() + got, static_cast<std::size_t>(na) - got, &at_b);
            if (nb <= 0)
                return false;
            got += static_cast<std::size_t>(nb);
        }
        if (std::memcmp(ba.data(), bb.data(), static_cast<std::size_t>(na)) != 0)
            return false;
        if (na == 0)
            return read_some(b, bb.data(), 1, &at_b) == 0; // the copy ends there too
    }
}

std::string write_failure(int error)
{
    switch (error) {
    case EFBIG: return "write failed: the file size limit (RLIMIT_FSIZE) was reached";
    case ENOSPC: return "write failed: the destination is full";
    case EDQUOT: return "write failed: the disk quota is used up";
    default: return "write failed";
    }
}

CopyOutcome open_failure(int error)
{
    switch (error) {
    case ENOENT: return failed("vanished before it could be copied", error);
    case ELOOP: return failed("became a symbolic link after the folder was listed: not followed");
    case EACCES: return failed("cannot be read", error);
    default: return failed("cannot be opened", error);
    }
}

// Did the file at `path` change, vanish or get replaced since `before` was taken from `fd`?
std::string change_since(int fd, const std::string& path, const struct stat& before)
{
    struct stat now {
    }, at_path{};
    if (::fstat(fd, &now) != 0 || now.st_size != before.st_size || now.st_mtim.tv_sec != before.st_mtim.tv_sec ||
        now.st_mtim.tv_nsec != before.st_mtim.tv_nsec)
        return "changed while it was being copied";
    if (::lstat(path.c_str(), &at_path) != 0)
        return "vanished while it was being copied";
    if (at_path.st_dev != before.st_dev || at_path.st_ino != before.st_ino)
        return "was replaced while it was being copied";
    return {};
}

bool taken(const std::string& path)
{
    struct stat s {};
    return ::lstat(path.c_str(), &s) == 0; // a link counts, even one leading nowhere
}

// The final name appears only now, complete; without overwrite, never over another file.
CopyOutcome publish(Temporary& temporary, const CopyRequest& r, CopyOutcome done)
{
    const int renamed =
        r.overwrite ? ::rename(temporary.path(), r.destination.c_str())
                    : ::renameat2(AT_FDCWD, temporary.path(), AT_FDCWD, r.destination.c_str(), RENAME_NOREPLACE);
    if (renamed != 0) {
        const int error = errno;
        if (error == EEXIST)
            return exists("it appeared in the destination during the copy; set overwrite to replace it");
        return failed("cannot be given its final name", error);
    }
    temporary.commit();
    return done;
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
    // O_NOFOLLOW: a file swapped for a link since the listing is not followed out of the source;
    // O_NONBLOCK: one swapped for a FIFO does not hang the copier (it is refused below).
    UniqueFd in(::open(r.source.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
    if (!in)
        return open_failure(errno);
    struct stat info {};
    if (::fstat(in.get(), &info) != 0)
        return failed("cannot be examined", errno);
    if (!S_ISREG(info.st_mode))
        return failed("is no longer a regular file (it was replaced after the folder was listed)");
    if (!r.overwrite && taken(r.destination))
        return exists("set overwrite to replace it");
    Temporary temporary(temporary_name_for(r.destination));
    ::unlink(temporary.path()); // a leftover of a copy that was killed: ours to replace
    UniqueFd out(::open(temporary.path(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!out)
        return failed("cannot create its temporary copy in the destination", errno);
    std::vector<char> buffer(r.chunk_bytes);
    std::int64_t bytes = 0;
    for (;;) {
        const ssize_t n = read_some(in.get(), buffer.data(), buffer.size());
        if (n < 0)
            return failed("read failed", errno);
        if (n == 0)
            break;
        if (const int error = write_all(out.get(), buffer.data(), static_cast<std::size_t>(n)))
            return failed(write_failure(error), error);
        bytes += n;
        sleep_for_work(r.chunk_delay_ns);
    }
    // The permissions, without set-user-ID and set-group-ID: a copy must not run as someone else
    // (cp drops them too).
    if (::fchmod(out.get(), info.st_mode & 0777) != 0 || ::fsync(out.get()) != 0) {
        const int error = errno;
        return failed(write_failure(error), error); // fsync is where a full disk may show first
    }
    if (const std::string change = change_since(in.get(), r.source, info); !change.empty())
        return failed(change + ": not copied");
    if (!same_contents(in.get(), out.get(), buffer.size()))
        return failed("verify failed: the copy differs from the source");
    if (::close(out.release()) != 0) {
        const int error = errno;
        return failed(write_failure(error), error);
    }
    CopyOutcome done;
    done.status = CopyStatus::Copied;
    done.bytes = bytes;
    return publish(temporary, r, done);
}

CopyOutcome copy_link(const CopyRequest& r)
{
    std::vector<char> target(PATH_MAX + 1);
    const ssize_t n = ::readlink(r.source.c_str(), target.data(), PATH_MAX);
    if (n < 0) {
        if (errno == ENOENT)
            return failed("vanished before it could be copied", errno);
        if (errno == EINVAL)
            return failed("is no longer a symbolic link (it was replaced after the folder was listed)");
        return failed("cannot be read", errno);
    }
    const std::string text(target.data(), static_cast<std::size_t>(n));
    // Resolve the text we copy, not the link on disk: it may change between the two.
    const std::string candidate = text.starts_with('/') ? text : r.source_root + "/" + text;
    char resolved[PATH_MAX];
    if (!::realpath(candidate.c_str(), resolved))
        return outcome(CopyStatus::Refused, errno, "a link to " + text + ", which leads nowhere");
    const std::string where = resolved;
    if (where != r.source_root && !where.starts_with(r.source_root + "/"))
        return outcome(CopyStatus::Refused, 0,
                       "a link to " + text + ", outside the source folder (links are never followed out of it)");
    if (!r.overwrite && taken(r.destination))
        return exists("set overwrite to replace it");
    Temporary temporary(temporary_name_for(r.destination));
    ::unlink(temporary.path());
    if (::symlink(text.c_str(), temporary.path()) != 0)
        return failed("cannot create its temporary copy in the destination", errno);
    CopyOutcome done;
    done.status = CopyStatus::Linked;
    return publish(temporary, r, done);
}

std::string outcome_text(const CopyOutcome& o)
{
    switch (o.status) {
    case CopyStatus::Copied: return "copied";
    case CopyStatus::Linked: return "copied as a link";
    case CopyStatus::Exists: return std::string("exists, not replaced (") + o.why + ")";
    case CopyStatus::Refused: return std::string("not copied: ") + o.why;
    case CopyStatus::Failed: return std::string("failed: ") + o.why;
    }
    return {};
}

} // namespace forkscope::scenarios
