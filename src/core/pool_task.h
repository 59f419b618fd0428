#pragma once

// How a Pool task travels to a worker: a function pointer and the bytes of a trivially copyable
// callable and its arguments. The workers are forked from the process that made the pool, so the
// pointer names the same code in them; the bytes are copied through shared memory.

#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <tuple>
#include <type_traits>

namespace forkscope::core::detail {

// Runs a task in a worker: reads its arguments, writes its result, returns the result's size.
// Throws whatever the task throws.
using TaskInvoker = std::uint32_t (*)(const unsigned char* args, std::uint32_t size, unsigned char* result,
                                      std::uint32_t capacity);

template <class T>
concept Transferable = std::is_trivially_copyable_v<T>;

template <class F, class... Args>
using CallResult = std::invoke_result_t<F&, Args&...>;

template <class F, class... Args>
struct Call {
    F f;
    std::tuple<Args...> args;
};

// One call: the result is R's bytes (nothing for void).
template <class F, class... Args>
std::uint32_t invoke_call(const unsigned char* args, std::uint32_t, unsigned char* result, std::uint32_t)
{
    using R = CallResult<F, Args...>;
    // Lambdas with captures cannot be default-constructed: copy the bytes in, then use them
    // (trivially copyable, so the bytes are the object).
    alignas(Call<F, Args...>) unsigned char storage[sizeof(Call<F, Args...>)];
    std::memcpy(storage, args, sizeof storage);
    auto& call = *std::launder(reinterpret_cast<Call<F, Args...>*>(storage));
    if constexpr (std::is_void_v<R>) {
        std::apply(call.f, call.args);
        return 0;
    } else {
        const R r = std::apply(call.f, call.args);
        std::memcpy(result, &r, sizeof r);
        return sizeof r;
    }
}

// A chunk of map(): the bytes are F, a count, then the items; the result is one R per item.
template <class F, class T>
std::uint32_t invoke_chunk(const unsigned char* args, std::uint32_t, unsigned char* result, std::uint32_t)
{
    using R = std::invoke_result_t<F&, T&>;
    alignas(F) unsigned char f_storage[sizeof(F)];
    std::memcpy(f_storage, args, sizeof(F));
    F& f = *std::launder(reinterpret_cast<F*>(f_storage));
    std::uint32_t count = 0;
    std::memcpy(&count, args + sizeof(F), sizeof count);
    const unsigned char* items = args + sizeof(F) + sizeof count;
    for (std::uint32_t i = 0; i < count; ++i) {
        alignas(T) unsigned char item_storage[sizeof(T)];
        std::memcpy(item_storage, items + i * sizeof(T), sizeof(T));
        const R r = f(*std::launder(reinterpret_cast<T*>(item_storage)));
        std::memcpy(result + i * sizeof(R), &r, sizeof(R));
    }
    return count * static_cast<std::uint32_t>(sizeof(R));
}

} // namespace forkscope::core::detail
