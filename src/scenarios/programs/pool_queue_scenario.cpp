#include "scenarios/programs/pool_queue_scenario.h"

#include "core/clock.h"
#include "core/pool.h"
#include "core/queue.h"
#include "scenarios/config/translate_noop.h"
#include "scenarios/programs/work.h"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace forkscope::scenarios {

namespace {

constexpr std::size_t kMaxText = 1000;

// Pool tasks take trivially copyable arguments: the text goes by value, the queue by address
// (it was made before the pool forked its workers, so the address is theirs too).
struct WriterArgs {
    core::BytesQueue* queue;
    char text[kMaxText + 1];
    int put_ms;
};

int writer(WriterArgs args)
{
    std::printf("writer started (%d), parent (%d)\n", static_cast<int>(::getpid()), static_cast<int>(::getppid()));
    int n = 0;
    for (const char* c = args.text; *c; ++c, ++n) {
        args.queue->put(std::string_view(c, 1));
        sleep_for_work(std::int64_t{args.put_ms} * core::kNsPerMs);
    }
    return n;
}

int reader(core::BytesQueue* queue)
{
    std::printf("reader started (%d), parent (%d)\n", static_cast<int>(::getpid()), static_cast<int>(::getppid()));
    const std::size_t n = queue->qsize(); // for i in range(q.qsize())
    for (std::size_t i = 0; i < n; ++i)
        std::printf("reader got from the queue: %s\n", queue->get().c_str());
    return static_cast<int>(n);
}

} // namespace

const char* PoolQueueScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "Pool queue: tasks talking through a queue");
}

const char* PoolQueueScenario::summary() const
{
    return QT_TRANSLATE_NOOP("Scenario",
                             "Two tasks of one Pool share a queue made before the pool. The writer task puts each "
                             "character of a text; the main process waits, then hands the pool a reader task that gets "
                             "as many items as qsize() says at that moment. With the wait the reader finds everything; "
                             "without it the reader can start while the writer is still putting, and reads less.");
}

const std::vector<Field>& PoolQueueScenario::fields() const
{
    static const std::vector<Field> fields{
        {"text",
         FieldKind::Text,
         0,
         kMaxText,
         {},
         "itcast",
         QT_TRANSLATE_NOOP("Field", "Text"),
         QT_TRANSLATE_NOOP("Field", "What the writer puts, one character per item."),
         ""},
        {"wait_ms",
         FieldKind::Integer,
         0,
         60'000,
         {},
         "1000",
         QT_TRANSLATE_NOOP("Field", "Wait before reading"),
         QT_TRANSLATE_NOOP("Field", "How long the main process waits before handing over the reader (the seed's 1 s)."),
         "ms"},
        {"put_ms",
         FieldKind::Integer,
         0,
         10'000,
         {},
         "0",
         QT_TRANSLATE_NOOP("Field", "Time per put"),
         QT_TRANSLATE_NOOP("Field", "How long the writer works between two puts."),
         "ms"},
        {"size",
         FieldKind::Integer,
         2,
         64,
         {},
         "2",
         QT_TRANSLATE_NOOP("Field", "Pool size"),
         QT_TRANSLATE_NOOP("Field", "How many worker processes the pool has."),
         ""},
    };
    return fields;
}

void PoolQueueScenario::run(const nlohmann::json& json, RunContext& context) const
{
    const std::string text = json.at("text").get<std::string>();
    core::BytesQueue queue(0, 16); // Manager().Queue() in the seed; ours is shared memory
    core::Pool pool(json.at("size").get<unsigned>());
    context.log("main: (" + std::to_string(::getpid()) + ") start");
    WriterArgs args{};
    args.queue = &queue;
    std::memcpy(args.text, text.data(), std::min(text.size(), kMaxText));
    args.put_ms = json.at("put_ms").get<int>();
    auto written = pool.apply_async(writer, args);
    sleep_for_work(json.at("wait_ms").get<std::int64_t>() * core::kNsPerMs);
    auto read = pool.apply_async(reader, &queue);
    pool.close();
    pool.join();
    const int w = written.get(), r = read.get();
    context.log("main: (" + std::to_string(::getpid()) + ") end: " + std::to_string(w) + " written, " +
                std::to_string(r) + " read, " + std::to_string(queue.qsize()) + " left in the queue");
    context.set_result({{"written", w},
                        {"read", r},
                        {"left", queue.qsize()},
                        {"summary", summary_rows({{"items written", std::to_string(w)},
                                                  {"items read", std::to_string(r)},
                                                  {"left in the queue", std::to_string(queue.qsize())}})}});
}

} // namespace forkscope::scenarios
