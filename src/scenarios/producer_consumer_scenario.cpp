#include "scenarios/producer_consumer_scenario.h"

#include "core/clock.h"
#include "core/process.h"
#include "core/queue.h"
#include "core/shared_memory.h"
#include "core/telemetry.h"
#include "scenarios/translate_noop.h"
#include "scenarios/work.h"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>

namespace forkscope::scenarios {

namespace {

constexpr std::int64_t kSentinel = -1; // the seeds' None
constexpr int kPrintEachItemUpTo = 200;  // more items than this: a line per process, not per item

struct Config {
    int producers, consumers, capacity, items, produce_ms, consume_ms;
    Distribution produce_dist, consume_dist;
    bool joinable;
    [[nodiscard]] long long total() const { return static_cast<long long>(producers) * items; }
    [[nodiscard]] bool chatty() const { return total() <= kPrintEachItemUpTo; }
};

Config config_from(const nlohmann::json& c)
{
    return {c.at("producers").get<int>(), c.at("consumers").get<int>(), c.at("capacity").get<int>(),
            c.at("items").get<int>(), c.at("produce_ms").get<int>(), c.at("consume_ms").get<int>(),
            distribution_from(c.at("produce_dist").get<std::string>()),
            distribution_from(c.at("consume_dist").get<std::string>()), c.at("shutdown").get<std::string>() == "joinable"};
}

// What the consumers got, to check that every item arrived exactly once.
struct Totals {
    std::atomic<std::uint64_t> produced{0}, produced_sum{0};
    std::atomic<std::uint64_t> consumed{0}, consumed_sum{0};
};

void produce(int index, const Config& c, core::Queue<std::int64_t>& q, Totals& totals)
{
    core::report_state(core::WorkerState::Running);
    auto rng = worker_rng(static_cast<std::uint64_t>(index));
    for (int i = 0; i < c.items; ++i) {
        sleep_for_work(draw_ns(c.produce_dist, std::int64_t{c.produce_ms} * core::kNsPerMs, rng));
        const std::int64_t item = std::int64_t{index} * c.items + i + 1;
        q.put(item);
        totals.produced.fetch_add(1, std::memory_order_relaxed);
        totals.produced_sum.fetch_add(static_cast<std::uint64_t>(item), std::memory_order_relaxed);
        if (c.chatty())
            std::printf("producer-%d: put item %lld (queue holds %zu)\n", index, static_cast<long long>(item), q.qsize());
    }
    std::printf("producer-%d: produced %d items\n", index, c.items);
    core::report_state(core::WorkerState::Done);
}

// One item taken off the queue, worked on as a task of its own on the timeline.
void consume_one(int index, std::int64_t item, const Config& c, std::uint32_t queue, Totals& totals, std::mt19937_64& rng)
{
    core::report_task_begin(queue, static_cast<std::uint64_t>(item));
    if (c.chatty())
        std::printf("consumer-%d: got item %lld\n", index, static_cast<long long>(item));
    sleep_for_work(draw_ns(c.consume_dist, std::int64_t{c.consume_ms} * core::kNsPerMs, rng));
    totals.consumed.fetch_add(1, std::memory_order_relaxed);
    totals.consumed_sum.fetch_add(static_cast<std::uint64_t>(item), std::memory_order_relaxed);
    core::report_task_end(queue, static_cast<std::uint64_t>(item), true);
    core::report_progress(totals.consumed.load(std::memory_order_relaxed), static_cast<std::uint64_t>(c.total()));
}

} // namespace

const char* ProducerConsumerScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "Producer–consumer: a Queue between processes");
}

const char* ProducerConsumerScenario::summary() const
{
    return QT_TRANSLATE_NOOP(
        "Scenario",
        "Producers put items on a shared Queue and consumers take them off. With a small capacity "
        "the producers block on put while the queue is full; with slow producers the consumers block "
        "on get while it is empty. The consumers stop either on sentinels (the main process puts one "
        "None per consumer after joining the producers) or, with a JoinableQueue, as daemons: every "
        "get is answered by task_done(), the main process waits in join() until all items are done "
        "and ends, which terminates its daemon consumers.");
}

const std::vector<Field>& ProducerConsumerScenario::fields() const
{
    static const std::vector<Field> fields{
        {"producers", FieldKind::Integer, 1, 256, {}, "2", QT_TRANSLATE_NOOP("Field", "Producers"),
         QT_TRANSLATE_NOOP("Field", "How many producer processes put items on the queue."), ""},
        {"consumers", FieldKind::Integer, 1, 256, {}, "2", QT_TRANSLATE_NOOP("Field", "Consumers"),
         QT_TRANSLATE_NOOP("Field", "How many consumer processes take items off the queue."), ""},
        {"capacity", FieldKind::Integer, 0, 1'000'000, {}, "0", QT_TRANSLATE_NOOP("Field", "Capacity"),
         QT_TRANSLATE_NOOP("Field", "The queue's maxsize: puts block while it holds this many items; 0 is unbounded "
                                    "(up to a million items)."),
         ""},
        {"items", FieldKind::Integer, 1, 10'000'000, {}, "10", QT_TRANSLATE_NOOP("Field", "Items per producer"),
         QT_TRANSLATE_NOOP("Field", "How many items each producer puts."), ""},
        {"produce_ms", FieldKind::Integer, 0, 600'000, {}, "50", QT_TRANSLATE_NOOP("Field", "Produce time"),
         QT_TRANSLATE_NOOP("Field", "How long a producer works on each item before putting it (mean)."), "ms"},
        distribution_field("produce_dist", QT_TRANSLATE_NOOP("Field", "Produce time spread"),
                           QT_TRANSLATE_NOOP("Field", "fixed: always the produce time; uniform: 0 to twice it; "
                                                      "exponential: random with that mean.")),
        {"consume_ms", FieldKind::Integer, 0, 600'000, {}, "100", QT_TRANSLATE_NOOP("Field", "Consume time"),
         QT_TRANSLATE_NOOP("Field", "How long a consumer works on each item it gets (mean)."), "ms"},
        distribution_field("consume_dist", QT_TRANSLATE_NOOP("Field", "Consume time spread"),
                           QT_TRANSLATE_NOOP("Field", "fixed: always the consume time; uniform: 0 to twice it; "
                                                      "exponential: random with that mean.")),
        {"shutdown", FieldKind::Choice, 0, 0, {QT_TRANSLATE_NOOP("Choice", "sentinel"), QT_TRANSLATE_NOOP("Choice", "joinable")},
         "sentinel", QT_TRANSLATE_NOOP("Field", "Shutdown"),
         QT_TRANSLATE_NOOP("Field", "sentinel: one None per consumer ends them; joinable: a JoinableQueue, daemon "
                                    "consumers, and join() until every item is task_done()."),
         ""},
    };
    return fields;
}

void ProducerConsumerScenario::run(const nlohmann::json& json, RunContext& context) const
{
    const Config c = config_from(json);
    const std::int64_t begin = core::monotonic_ns();
    core::SharedObject<Totals> totals(sizeof(Totals));
    // One queue type for both ways: the joinable one only adds task_done()/join().
    core::JoinableQueue<std::int64_t> q(static_cast<std::size_t>(c.capacity));
    context.log("main: pid " + std::to_string(::getpid()) + ", queue " + std::to_string(q.id()) + " of capacity " +
                (c.capacity ? std::to_string(c.capacity) : std::string("unbounded")) + ", " + std::to_string(c.producers) +
                " producers × " + std::to_string(c.items) + " items, " + std::to_string(c.consumers) + " consumers, " +
                (c.joinable ? "JoinableQueue with daemon consumers" : "sentinel shutdown"));

    std::vector<std::unique_ptr<core::Process>> producers, consumers;
    for (int i = 0; i < c.consumers; ++i) {
        auto p = std::make_unique<core::Process>(
            [i, c, &q, &totals] {
                core::report_state(core::WorkerState::Running);
                auto rng = worker_rng(1000 + static_cast<std::uint64_t>(i));
                std::uint64_t mine = 0;
                for (;;) {
                    const std::int64_t item = q.get();
                    if (item == kSentinel) {
                        std::printf("consumer-%d: got the sentinel after %llu items, stopping\n", i,
                                    static_cast<unsigned long long>(mine));
                        break;
                    }
                    consume_one(i, item, c, q.id(), *totals, rng);
                    ++mine;
                    if (c.joinable)
                        q.task_done();
                }
                core::report_state(core::WorkerState::Done);
            },
            "consumer-" + std::to_string(i));
        p->set_role(QT_TRANSLATE_NOOP("Role", "consumer"));
        p->set_daemon(c.joinable); // the seeds' JoinableQueue consumers are daemons
        consumers.push_back(std::move(p));
    }
    for (int i = 0; i < c.producers; ++i) {
        auto p = std::make_unique<core::Process>([i, c, &q, &totals] { produce(i, c, q, *totals); },
                                                 "producer-" + std::to_string(i));
        p->set_role(QT_TRANSLATE_NOOP("Role", "producer"));
        producers.push_back(std::move(p));
    }
    const std::size_t total = producers.size() + consumers.size();
    for (std::size_t i = 0; i < producers.size(); ++i)
        start_worker(*producers[i], i, total);
    for (std::size_t i = 0; i < consumers.size(); ++i)
        start_worker(*consumers[i], producers.size() + i, total);
    for (auto& p : producers)
        p->join();
    context.log("main: all producers joined");
    if (c.joinable) {
        q.join(); // returns once every item got has been task_done()
        context.log("main: queue.join() returned: every item is done; the daemon consumers end with the main process");
    } else {
        for (int i = 0; i < c.consumers; ++i)
            q.put(kSentinel); // one per consumer: each stops at the first it gets
        context.log("main: put " + std::to_string(c.consumers) + " sentinels, one per consumer");
        for (auto& p : consumers)
            p->join();
        context.log("main: all consumers joined");
    }
    const double seconds = static_cast<double>(core::monotonic_ns() - begin) / 1e9;
    const auto produced = totals->produced.load(), consumed = totals->consumed.load();
    const bool exact = produced == consumed && totals->produced_sum.load() == totals->consumed_sum.load();
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.1f", seconds > 0 ? static_cast<double>(consumed) / seconds : 0.0);
    context.set_result({{"produced", produced},
                        {"consumed", consumed},
                        {"every_item_once", exact},
                        {"shutdown", c.joinable ? "joinable" : "sentinel"},
                        {"summary",
                         summary_rows({{"items produced", std::to_string(produced)},
                                       {"items consumed", std::to_string(consumed)},
                                       {"each item consumed once", exact ? "yes (same count and checksum)" : "NO"},
                                       {"items per second", rate},
                                       {"consumers ended by", c.joinable ? "the main process ending (daemons)" : "sentinels"}})}});
}

} // namespace forkscope::scenarios
