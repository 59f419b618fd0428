#pragma once

// Value<T> and Array<T>: Python's multiprocessing.Value and Array (with their default lock=True),
// data in shared memory guarded by an RLock.
//
//   Value<int> counter(0);
//   counter.set(counter.get() + 1);          // each call locks; together they race, as in Python
//   { std::lock_guard g(counter.get_lock()); counter.raw() += 1; }   // the atomic increment
//   Array<double> a(10);  a.set(3, 1.5);  a.get(3);  a.size();
//
// T must be trivially copyable. If a process dies holding the lock, the next holder is told
// (get_lock().previous_owner_died()); a value wider than 8 bytes may then be half written.

#include "core/lock.h"

#include <cstddef>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace forkscope::core {

template <class T>
class Value {
    static_assert(std::is_trivially_copyable_v<T>, "Value<T> lives in shared memory: T must be trivially copyable");

public:
    explicit Value(const T& initial = T{}) : data_(sizeof(T), initial) {}

    [[nodiscard]] T get() const
    {
        std::lock_guard guard(lock_);
        return *data_;
    }
    void set(const T& value)
    {
        std::lock_guard guard(lock_);
        *data_ = value;
    }
    [[nodiscard]] RLock& get_lock() const noexcept { return lock_; }
    // Unsynchronised access, for use under get_lock().
    [[nodiscard]] T& raw() const noexcept { return *data_; }

private:
    mutable RLock lock_;
    SharedObject<T> data_;
};

template <class T>
class Array {
    static_assert(std::is_trivially_copyable_v<T>, "Array<T> lives in shared memory: T must be trivially copyable");

public:
    explicit Array(std::size_t size, const T& initial = T{}) : size_(checked(size)), data_(size * sizeof(T))
    {
        T* items = static_cast<T*>(data_.data());
        for (std::size_t i = 0; i < size; ++i)
            new (items + i) T(initial);
    }

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] T get(std::size_t i) const
    {
        check(i);
        std::lock_guard guard(lock_);
        return raw()[i];
    }
    void set(std::size_t i, const T& value)
    {
        check(i);
        std::lock_guard guard(lock_);
        raw()[i] = value;
    }
    [[nodiscard]] RLock& get_lock() const noexcept { return lock_; }
    // Unsynchronised access, for use under get_lock().
    [[nodiscard]] std::span<T> raw() const noexcept { return {static_cast<T*>(data_.data()), size_}; }

private:
    static std::size_t checked(std::size_t size)
    {
        if (size == 0)
            throw std::invalid_argument("Array size must be at least 1");
        return size;
    }
    void check(std::size_t i) const
    {
        if (i >= size_)
            throw std::out_of_range("Array index " + std::to_string(i) + " out of range (size " +
                                    std::to_string(size_) + ")");
    }

    mutable RLock lock_;
    std::size_t size_;
    SharedMemory data_;
};

} // namespace forkscope::core
