#pragma once

// Pool: Python's multiprocessing.Pool. Worker processes run tasks handed to them; results come
// back to the process that made the pool.
//
//   int square(int n) { return n * n; }
//   Pool pool(3);                                   // 0: one worker per CPU
//   int nine = pool.apply(square, 3);               // blocks until done (Python's apply)
//   AsyncResult<int> r = pool.apply_async(square, 4);
//   r.get();                                        // 16; get(timeout) throws TimeoutError
//   std::vector<int> all = pool.map(square, std::vector<int>{1, 2, 3});
//   pool.close(); pool.join();
//
// Tasks are functions, or lambdas whose captures are trivially copyable; arguments and results
// must be trivially copyable too (they travel bytewise, up to 64 KiB). A task that throws makes
// get() throw RemoteError with its message. A worker that dies (a signal, a crash) fails exactly
// the task it held with WorkerLostError and is replaced; the pool never hangs on it.
// Pool(n) throws ProcessStartError if a worker cannot be forked (see pool_core.h for the rest).
//
// Callbacks (apply_async with Callbacks) run in this process, from inside the pool's waiting
// calls — get(), wait(), map(), join(), or pool.poll() — never concurrently with your code.

#include "core/pool_core.h"

#include "core/clock.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace forkscope::core {

using PoolTimeout = std::optional<std::chrono::nanoseconds>;

namespace detail {

inline std::exception_ptr task_error(TaskOutcome outcome, std::string_view message)
{
    if (outcome == TaskOutcome::Raised)
        return std::make_exception_ptr(RemoteError(std::string(message)));
    return std::make_exception_ptr(WorkerLostError(std::string(message)));
}

template <class T>
T from_bytes(std::string_view bytes)
{
    alignas(T) unsigned char storage[sizeof(T)];
    std::memcpy(storage, bytes.data(), sizeof(T));
    return *std::launder(reinterpret_cast<T*>(storage)); // trivially copyable: the bytes are the object
}

template <class R>
struct ResultState {
    bool ready = false;
    std::exception_ptr error;
    std::conditional_t<std::is_void_v<R>, bool, std::optional<R>> value{};
};

} // namespace detail

namespace detail {
template <class R>
struct ResultCallback {
    using type = std::function<void(const R&)>;
};
template <>
struct ResultCallback<void> {
    using type = std::function<void()>;
};
} // namespace detail

template <class R>
struct Callbacks {
    typename detail::ResultCallback<R>::type on_result;
    std::function<void(const std::exception&)> on_error;
};

template <class R>
class AsyncResult {
public:
    // The task's result; throws what went wrong (RemoteError, WorkerLostError) or TimeoutError.
    R get(PoolTimeout timeout = std::nullopt)
    {
        if (!wait(timeout))
            throw TimeoutError();
        if (state_->error)
            std::rethrow_exception(state_->error);
        if constexpr (!std::is_void_v<R>)
            return *state_->value;
    }
    // True once ready; false if the timeout passed first.
    bool wait(PoolTimeout timeout = std::nullopt)
    {
        const std::int64_t deadline = deadline_after(timeout ? std::max<std::int64_t>(0, timeout->count()) : -1);
        while (!state_->ready) {
            const std::int64_t left = deadline - monotonic_ns();
            if (left <= 0)
                return false;
            core_->pump(deadline == INT64_MAX ? -1 : left);
        }
        return true;
    }
    [[nodiscard]] bool ready() const noexcept { return state_->ready; }
    // Python raises ValueError when asked before the result is ready.
    [[nodiscard]] bool successful() const
    {
        if (!state_->ready)
            throw std::logic_error("result is not ready");
        return !state_->error;
    }

private:
    friend class Pool;
    AsyncResult(detail::PoolCore* core, std::shared_ptr<detail::ResultState<R>> state)
        : core_(core), state_(std::move(state))
    {}

    detail::PoolCore* core_;
    std::shared_ptr<detail::ResultState<R>> state_;
};

// imap_unordered's results, in the order they finish.
template <class R>
class ImapUnordered {
public:
    // The next result, or nothing once all are out; throws the first task error it meets.
    std::optional<R> next(PoolTimeout timeout = std::nullopt)
    {
        const std::int64_t deadline = deadline_after(timeout ? std::max<std::int64_t>(0, timeout->count()) : -1);
        while (state_->ready.empty() && state_->remaining > 0 && !state_->error) {
            const std::int64_t left = deadline - monotonic_ns();
            if (left <= 0)
                throw TimeoutError();
            core_->pump(deadline == INT64_MAX ? -1 : left);
        }
        if (state_->error)
            std::rethrow_exception(std::exchange(state_->error, nullptr));
        if (state_->ready.empty())
            return std::nullopt;
        R r = state_->ready.front();
        state_->ready.pop_front();
        return r;
    }

private:
    friend class Pool;
    struct State {
        std::deque<R> ready;
        std::size_t remaining = 0; // chunks not finished
        std::exception_ptr error;
    };
    ImapUnordered(detail::PoolCore* core, std::shared_ptr<State> state) : core_(core), state_(std::move(state)) {}

    detail::PoolCore* core_;
    std::shared_ptr<State> state_;
};

class Pool {
public:
    // processes 0: one per CPU. maxtasksperchild 0: workers live as long as the pool.
    explicit Pool(unsigned processes = 0, unsigned maxtasksperchild = 0)
        : core_(std::make_unique<detail::PoolCore>(processes, maxtasksperchild))
    {}

    template <class F, class... Args>
    auto apply(F f, Args... args)
    {
        return apply_async(std::move(f), std::move(args)...).get();
    }

    template <class F, class... Args>
    auto apply_async(F f, Args... args)
    {
        return apply_async(Callbacks<detail::CallResult<F, Args...>>{}, std::move(f), std::move(args)...);
    }

    template <class R, class F, class... Args>
    AsyncResult<R> apply_async(Callbacks<R> callbacks, F f, Args... args)
    {
        static_assert(std::is_same_v<R, detail::CallResult<F, Args...>>,
                      "the callbacks' type must be the task's result type");
        static_assert(detail::Transferable<F> && (detail::Transferable<Args> && ...),
                      "a task and its arguments travel bytewise: they must be trivially copyable");
        static_assert(std::is_void_v<R> || detail::Transferable<R>, "a task's result must be trivially copyable");
        auto state = std::make_shared<detail::ResultState<R>>();
        const detail::Call<F, Args...> call{std::move(f), std::tuple<Args...>(std::move(args)...)};
        if (!callbacks.on_result && !callbacks.on_error) {
            // The common case gets a closure small enough for std::function to keep inline.
            core_->submit(&detail::invoke_call<F, Args...>, &call, sizeof call,
                          [state](detail::TaskOutcome outcome, std::string_view bytes) {
                              state->ready = true;
                              if (outcome != detail::TaskOutcome::Ok)
                                  state->error = detail::task_error(outcome, bytes);
                              else if constexpr (!std::is_void_v<R>)
                                  state->value = detail::from_bytes<R>(bytes);
                          });
            return AsyncResult<R>(core_.get(), std::move(state));
        }
        core_->submit(&detail::invoke_call<F, Args...>, &call, sizeof call,
                      [state, callbacks = std::move(callbacks)](detail::TaskOutcome outcome, std::string_view bytes) {
                          state->ready = true;
                          if (outcome != detail::TaskOutcome::Ok) {
                              state->error = detail::task_error(outcome, bytes);
                              if (callbacks.on_error) {
                                  try {
                                      std::rethrow_exception(state->error);
                                  } catch (const std::exception& e) {
                                      callbacks.on_error(e);
                                  }
                              }
                              return;
                          }
                          if constexpr (std::is_void_v<R>) {
                              if (callbacks.on_result)
                                  callbacks.on_result();
                          } else {
                              state->value = detail::from_bytes<R>(bytes);
                              if (callbacks.on_result)
                                  callbacks.on_result(*state->value);
                          }
                      });
        return AsyncResult<R>(core_.get(), std::move(state));
    }

    // Results in the order of `items`; chunksize 0 picks one like Python (about 4 chunks per worker).
    // Throws the first task error, after every chunk has finished.
    template <class F, class T>
    auto map(F f, const std::vector<T>& items, std::size_t chunksize = 0)
    {
        using R = std::invoke_result_t<F&, T&>;
        struct State {
            std::vector<R> results;
            std::exception_ptr error;
            std::size_t remaining = 0;
        };
        // Shared with the completions, which may outlive this call (terminate(), an exception).
        auto state = std::make_shared<State>();
        state->results.assign(items.size(), R{}); // (resize() trips a false -Wnull-dereference in GCC 12)
        state->remaining = submit_chunks(
            f, items, chunksize,
            [state](std::size_t first, std::string_view bytes) {
                for (std::size_t i = 0; i * sizeof(R) < bytes.size(); ++i)
                    state->results[first + i] = detail::from_bytes<R>(bytes.substr(i * sizeof(R), sizeof(R)));
            },
            [state](std::exception_ptr e) {
                if (!state->error)
                    state->error = e;
            },
            [state] { --state->remaining; });
        while (state->remaining > 0)
            core_->pump(-1);
        if (state->error)
            std::rethrow_exception(state->error);
        return std::move(state->results);
    }

    template <class F, class T>
    auto imap_unordered(F f, const std::vector<T>& items, std::size_t chunksize = 1)
    {
        using R = std::invoke_result_t<F&, T&>;
        using State = typename ImapUnordered<R>::State;
        auto state = std::make_shared<State>();
        state->remaining = submit_chunks(
            f, items, chunksize == 0 ? 1 : chunksize,
            [state](std::size_t, std::string_view bytes) {
                for (std::size_t i = 0; i * sizeof(R) < bytes.size(); ++i)
                    state->ready.push_back(detail::from_bytes<R>(bytes.substr(i * sizeof(R), sizeof(R))));
            },
            [state](std::exception_ptr e) {
                if (!state->error)
                    state->error = e;
            },
            [state] { --state->remaining; });
        return ImapUnordered<R>(core_.get(), std::move(state));
    }

    // Runs finished tasks' callbacks and replaces ended workers, waiting up to `timeout` for one.
    std::size_t poll(PoolTimeout timeout = std::chrono::nanoseconds(0))
    {
        return core_->pump(timeout ? timeout->count() : -1);
    }
    void close() { core_->close(); }
    void join() { core_->join(); }
    void terminate() { core_->terminate(); }
    [[nodiscard]] unsigned processes() const noexcept { return core_->processes(); }
    // Workers that died (a signal, a crash, a non-zero exit) and were replaced, in order.
    [[nodiscard]] const std::vector<ProcessInfo>& lost_workers() const noexcept { return core_->lost_workers(); }
    [[nodiscard]] std::vector<pid_t> worker_pids() const { return core_->worker_pids(); }
    [[nodiscard]] std::size_t outstanding() const noexcept { return core_->outstanding(); }

private:
    // Submits `items` in chunks; each finished chunk calls on_chunk(first item's index, bytes) or
    // on_error, then on_done. Returns the number of chunks.
    template <class F, class T, class OnChunk, class OnError, class OnDone>
    std::size_t submit_chunks(F f, const std::vector<T>& items, std::size_t chunksize, OnChunk on_chunk,
                              OnError on_error, OnDone on_done)
    {
        using R = std::invoke_result_t<F&, T&>;
        static_assert(detail::Transferable<F> && detail::Transferable<T> && detail::Transferable<R>,
                      "map's function, items and results travel bytewise: they must be trivially copyable");
        if (chunksize == 0) { // Python: divmod(len, 4 * processes), rounded up
            const std::size_t parts = std::size_t{4} * processes();
            chunksize = std::max<std::size_t>(1, (items.size() + parts - 1) / parts);
        }
        const std::size_t by_args =
            (detail::PoolCore::kMaxTaskBytes - sizeof(F) - 4) / std::max<std::size_t>(1, sizeof(T));
        const std::size_t by_result = detail::PoolCore::kMaxResultBytes / std::max<std::size_t>(1, sizeof(R));
        chunksize = std::min({chunksize, by_args, by_result});
        std::size_t chunks = 0;
        std::string args;
        for (std::size_t first = 0; first < items.size(); first += chunksize) {
            const auto count = static_cast<std::uint32_t>(std::min(chunksize, items.size() - first));
            args.assign(sizeof(F) + 4 + count * sizeof(T), '\0');
            std::memcpy(args.data(), static_cast<const void*>(&f), sizeof(F));
            std::memcpy(args.data() + sizeof(F), &count, 4);
            std::memcpy(args.data() + sizeof(F) + 4, static_cast<const void*>(items.data() + first), count * sizeof(T));
            core_->submit(&detail::invoke_chunk<F, T>, args.data(), static_cast<std::uint32_t>(args.size()),
                          [first, on_chunk, on_error, on_done](detail::TaskOutcome outcome, std::string_view bytes) {
                              if (outcome == detail::TaskOutcome::Ok)
                                  on_chunk(first, bytes);
                              else
                                  on_error(detail::task_error(outcome, bytes));
                              on_done();
                          });
            ++chunks;
        }
        return chunks;
    }

    std::unique_ptr<detail::PoolCore> core_;
};

} // namespace forkscope::core
