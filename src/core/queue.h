#pragma once

// Queue<T>, JoinableQueue<T> and BytesQueue: Python's multiprocessing.Queue and JoinableQueue in
// shared memory. Create one before forking; parent and children use the same object (capture it
// by reference in the Process's target).
//
//   Queue<int> q(3);                  // maxsize 3; 0 (the default) means "unbounded", see below
//   q.put(1);                         // blocks while full; put(x, false) or put_nowait(x) throw Full
//   q.put(2, true, 2s);               // waits at most 2 s, then throws Full
//   int x = q.get();                  // blocks while empty; get_nowait() throws Empty
//   q.close();                        // puts now throw QueueClosed; gets drain, then throw QueueClosed
//
// Items are copied bytewise, so T must be trivially copyable; BytesQueue carries variable-sized
// byte strings (file names, log lines) up to a size fixed at creation.
//
// Every call is safe against other processes being killed at any instruction: a put cut short
// never delivers its item, a get cut short loses its item (see lost_puts()/lost_gets()), and the
// queue goes on working for everyone else.
//
// qsize() is exact when no put or get is in flight and never outside [0, maxsize]. A maxsize of 0 gives a ring of
// kUnboundedCapacity items: shared memory must be sized when it is made, but pages cost memory
// only once used.

#include "core/queue_engine.h"
#include "core/telemetry.h"

#include <atomic>
#include <chrono>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace forkscope::core {

// Python's queue.Full and queue.Empty.
class Full : public std::runtime_error {
public:
    Full() : std::runtime_error("queue is full") {}
};
class Empty : public std::runtime_error {
public:
    Empty() : std::runtime_error("queue is empty") {}
};
// Python raises ValueError("Queue is closed") for both.
class QueueClosed : public std::runtime_error {
public:
    QueueClosed() : std::runtime_error("queue is closed") {}
};

using Timeout = std::optional<std::chrono::nanoseconds>;

namespace detail {

inline std::int64_t timeout_ns(const Timeout& timeout)
{
    return timeout ? std::max<std::int64_t>(0, timeout->count()) : -1;
}

// For try_put/try_get: true when done, false when full/empty; a closed queue still throws.
inline bool succeeded(QueueStatus status)
{
    if (status == QueueStatus::Closed)
        throw QueueClosed();
    return status == QueueStatus::Ok;
}

inline void throw_for(QueueStatus status, bool putting)
{
    switch (status) {
    case QueueStatus::Ok: return;
    case QueueStatus::Closed: throw QueueClosed();
    default:
        if (putting)
            throw Full();
        throw Empty();
    }
}

// Unbounded rings: up to a million items, and no more than 256 MiB of address space.
inline std::uint64_t capacity_for(std::size_t maxsize, std::uint32_t item_bytes)
{
    if (maxsize != 0)
        return maxsize;
    const std::uint64_t stride = (16 + item_bytes + 63) / 64 * 64;
    return std::max<std::uint64_t>(
        1024, std::min<std::uint64_t>(std::uint64_t{1} << 20, (std::uint64_t{256} << 20) / stride));
}

} // namespace detail

namespace detail {

// What every queue answers, whatever it carries.
class QueueHandle {
public:
    [[nodiscard]] std::size_t qsize() const noexcept { return static_cast<std::size_t>(engine_.qsize()); }
    [[nodiscard]] bool empty() const noexcept { return engine_.qsize() == 0; }
    [[nodiscard]] bool full() const noexcept { return engine_.qsize() >= engine_.capacity(); }
    [[nodiscard]] std::size_t maxsize() const noexcept { return static_cast<std::size_t>(engine_.capacity()); }
    void close() noexcept { engine_.close(); }
    [[nodiscard]] bool closed() const noexcept { return engine_.closed(); }
    [[nodiscard]] std::uint32_t id() const noexcept { return engine_.id(); }
    // What ForkScope shows instead of "queue <id>" ("pool results"); Python's queues have no
    // names. Reported to the telemetry sink, if any; up to 16 bytes are kept.
    void set_name(std::string_view name) const noexcept
    {
        if (TelemetrySink* sink = telemetry_sink())
            sink->object_named(NamedObject::Queue, engine_.id(), name);
    }
    [[nodiscard]] std::uint64_t lost_puts() const noexcept { return engine_.lost_puts(); }
    [[nodiscard]] std::uint64_t lost_gets() const noexcept { return engine_.lost_gets(); }
    // Frees what dead processes hold now (blocked callers do this on their own every 50 ms).
    std::uint32_t recover() noexcept { return engine_.recover(); }

protected:
    QueueHandle(std::uint64_t capacity, std::uint32_t item_bytes, bool joinable)
        : engine_(capacity, item_bytes, joinable)
    {}
    QueueEngine engine_;
};

} // namespace detail

template <class T>
class Queue : public detail::QueueHandle {
    static_assert(std::is_trivially_copyable_v<T>, "Queue<T> copies items bytewise between processes");
    static_assert(sizeof(T) <= detail::QueueEngine::kMaxItemBytes, "use BytesQueue for large items");

public:
    static constexpr std::size_t kUnbounded = 0;

    explicit Queue(std::size_t maxsize = kUnbounded) : Queue(maxsize, false) {}

    void put(const T& item, bool block = true, Timeout timeout = std::nullopt)
    {
        detail::throw_for(engine_.put(&item, sizeof(T), block, detail::timeout_ns(timeout)), true);
    }
    void put_nowait(const T& item) { put(item, false); }
    // std-style: false when full, instead of throwing Full.
    [[nodiscard]] bool try_put(const T& item) { return detail::succeeded(engine_.put(&item, sizeof(T), false, 0)); }

    T get(bool block = true, Timeout timeout = std::nullopt)
    {
        T item;
        detail::throw_for(engine_.get(&copy_out, &item, block, detail::timeout_ns(timeout)), false);
        return item;
    }
    T get_nowait() { return get(false); }
    [[nodiscard]] std::optional<T> try_get()
    {
        T item;
        return detail::succeeded(engine_.get(&copy_out, &item, false, 0)) ? std::optional<T>(item) : std::nullopt;
    }

    // get(), also storing the item in `claim` (in shared memory) while its slot is still held. A
    // process killed at any instruction is then either counted in lost_gets() (killed before the
    // slot was freed) or named by its claim (after): a supervisor can say what died with it.
    // The claim is left as it is on timeout.
    T get_claimed(std::atomic<T>& claim, bool block = true, Timeout timeout = std::nullopt)
    {
        static_assert(std::atomic<T>::is_always_lock_free, "a claim is written by processes that may be killed");
        Claimed claimed{&claim, T{}};
        detail::throw_for(engine_.get(&copy_and_claim, &claimed, block, detail::timeout_ns(timeout)), false);
        return claimed.item;
    }

protected:
    Queue(std::size_t maxsize, bool joinable)
        : QueueHandle(detail::capacity_for(maxsize, sizeof(T)), sizeof(T), joinable)
    {}

private:
    struct Claimed {
        std::atomic<T>* claim;
        T item;
    };
    static void copy_out(void* item, const void* bytes, std::uint32_t size) { std::memcpy(item, bytes, size); }
    static void copy_and_claim(void* context, const void* bytes, std::uint32_t size)
    {
        auto* claimed = static_cast<Claimed*>(context);
        std::memcpy(&claimed->item, bytes, size);
        // release: whoever reads the claim after this process died sees the item, not a torn value.
        claimed->claim->store(claimed->item, std::memory_order_release);
    }
};

// Python's JoinableQueue: each get() is matched by a task_done(); join() waits for all of them.
template <class T>
class JoinableQueue : public Queue<T> {
public:
    explicit JoinableQueue(std::size_t maxsize = Queue<T>::kUnbounded) : Queue<T>(maxsize, true) {}

    // Throws std::logic_error when called more times than there were items put, like Python's ValueError.
    void task_done()
    {
        if (!this->engine_.task_done())
            throw std::logic_error("task_done() called too many times");
    }
    // True once every item put has been task_done(); false on timeout.
    bool join(Timeout timeout = std::nullopt) { return this->engine_.join(detail::timeout_ns(timeout)); }
    [[nodiscard]] std::uint64_t unfinished_tasks() const noexcept { return this->engine_.unfinished_tasks(); }
};

// Byte strings of up to max_item_bytes each (at most 64 KiB).
class BytesQueue : public detail::QueueHandle {
public:
    explicit BytesQueue(std::size_t maxsize = 0, std::uint32_t max_item_bytes = 4096)
        : QueueHandle(detail::capacity_for(maxsize, max_item_bytes), max_item_bytes, false)
    {}

    // Throws std::length_error for items longer than max_item_bytes().
    void put(std::string_view item, bool block = true, Timeout timeout = std::nullopt)
    {
        check_size(item);
        detail::throw_for(
            engine_.put(item.data(), static_cast<std::uint32_t>(item.size()), block, detail::timeout_ns(timeout)),
            true);
    }
    void put_nowait(std::string_view item) { put(item, false); }
    // std-style: false when full, instead of throwing Full.
    [[nodiscard]] bool try_put(std::string_view item)
    {
        check_size(item);
        return detail::succeeded(engine_.put(item.data(), static_cast<std::uint32_t>(item.size()), false, 0));
    }
    std::string get(bool block = true, Timeout timeout = std::nullopt)
    {
        std::string item;
        get_into(item, block, timeout);
        return item;
    }
    // get() into a string whose capacity is reused: no allocation once it is large enough.
    void get_into(std::string& item, bool block = true, Timeout timeout = std::nullopt)
    {
        detail::throw_for(engine_.get(&assign, &item, block, detail::timeout_ns(timeout)), false);
    }
    // std-style: false when empty, instead of throwing Empty.
    [[nodiscard]] bool try_get_into(std::string& item)
    {
        return detail::succeeded(engine_.get(&assign, &item, false, 0));
    }
    // get_into(), also storing the item's first 8 bytes (an id the caller put there) in `claim`,
    // in shared memory, while its slot is still held: a process killed at any instruction is
    // then either still holding the slot (recover_reader() hands its item to the owner) or named
    // by its claim. Items shorter than 8 bytes claim 0.
    void get_into_claimed(std::string& item, std::atomic<std::uint64_t>& claim, bool block = true,
                          Timeout timeout = std::nullopt)
    {
        Claiming claiming{&item, &claim};
        detail::throw_for(engine_.get(&assign_and_claim, &claiming, block, detail::timeout_ns(timeout)), false);
    }
    // A dead reader's items, each to `lost` (see QueueEngine::recover_reader).
    template <typename Lost>
    std::uint32_t recover_reader(pid_t dead, Lost&& lost) noexcept
    {
        using L = std::remove_reference_t<Lost>;
        return engine_.recover_reader(
            dead,
            [](void* context, const void* bytes, std::uint32_t size) {
                (*static_cast<L*>(context))(std::string_view(static_cast<const char*>(bytes), size));
            },
            const_cast<std::remove_const_t<L>*>(&lost));
    }
    std::string get_nowait() { return get(false); }

    [[nodiscard]] std::uint32_t max_item_bytes() const noexcept { return engine_.max_item_bytes(); }

private:
    struct Claiming {
        std::string* item;
        std::atomic<std::uint64_t>* claim;
    };
    static void assign_and_claim(void* context, const void* bytes, std::uint32_t size)
    {
        auto* c = static_cast<Claiming*>(context);
        std::uint64_t id = 0;
        if (size >= sizeof id)
            std::memcpy(&id, bytes, sizeof id);
        c->claim->store(id, std::memory_order_release); // before the slot is freed (seq_cst store)
        c->item->assign(static_cast<const char*>(bytes), size);
    }
    void check_size(std::string_view item) const
    {
        if (item.size() > engine_.max_item_bytes())
            throw std::length_error("item of " + std::to_string(item.size()) + " bytes exceeds the queue's " +
                                    std::to_string(engine_.max_item_bytes()) + "-byte limit");
    }
    static void assign(void* item, const void* bytes, std::uint32_t size)
    {
        static_cast<std::string*>(item)->assign(static_cast<const char*>(bytes), size);
    }
};

} // namespace forkscope::core
