#include "scenarios/programs/producer_consumer_scenario.h"

#include "core/clock.h"
#include "core/process.h"
#include "core/queue.h"
#include "core/telemetry.h"
#include "scenarios/config/translate_noop.h"
#include "scenarios/programs/item_ledger.h"
#include "scenarios/programs/work.h"
#include "scenarios/programs/worker_deaths.h"

#include <nlohmann/json.hpp>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <set>

namespace forkscope::scenarios {

namespace {

constexpr std::int64_t kSentinel = -1; // the seeds' None
constexpr int kPrintEachItemUpTo = 200; // more items than this: a line per process, not per item

struct Config {
    int producers, consumers, capacity, items, produce_ms, consume_ms;
    Distribution produce_dist, consume_dist;
    bool joinable;
    [[nodiscard]] long long total() const { return static_cast<long long>(producers) * items; }
    [[nodiscard]] bool chatty() const { return total() <= kPrintEachItemUpTo; }
};

Config config_from(const nlohmann::json& c)
{
    return {c.at("producers").get<int>(),
            c.at("consumers").get<int>(),
            c.at("capacity").get<int>(),
            c.at("items").get<int>(),
            c.at("produce_ms").get<int>(),
            c.at("consume_ms").get<int>(),
            distribution_from(c.at("produce_dist").get<std::string>()),
            distribution_from(c.at("consume_dist").get<std::string>()),
            c.at("shutdown").get<std::string>() == "joinable"};
}

constexpr auto kWatchSlice = std::chrono::milliseconds(100); // how soon the main process notices a death

using Processes = std::vector<std::unique_ptr<core::Process>>;

void produce(int index, const Config& c, core::Queue<std::int64_t>& q, ItemLedger& ledger)
{
    core::report_state(core::WorkerState::Running);
    auto rng = worker_rng(static_cast<std::uint64_t>(index));
    for (int i = 0; i < c.items; ++i) {
        sleep_for_work(draw_ns(c.produce_dist, std::int64_t{c.produce_ms} * core::kNsPerMs, rng));
        const std::int64_t item = std::int64_t{index} * c.items + i + 1;
        q.put(item);
        ledger.acknowledge(item);
        if (c.chatty())
            std::printf("producer-%d: put item %lld (queue holds %zu)\n", index, static_cast<long long>(item),
                        q.qsize());
    }
    std::printf("producer-%d: produced %d items\n", index, c.items);
    core::report_state(core::WorkerState::Done);
}

void consume(int index, const Config& c, core::JoinableQueue<std::int64_t>& q, ItemLedger& ledger)
{
    core::report_state(core::WorkerState::Running);
    auto rng = worker_rng(1000 + static_cast<std::uint64_t>(index));
    std::uint64_t mine = 0;
    for (;;) {
        // Claimed: if this process is killed from here on, the main process knows what it held.
        const std::int64_t item = q.get_claimed(ledger.claim(index));
        if (item == kSentinel) {
            ledger.release_claim(index);
            std::printf("consumer-%d: got the sentinel after %llu items, stopping\n", index,
                        static_cast<unsigned long long>(mine));
            break;
        }
        // One item taken off the queue, worked on as a task of its own on the timeline.
        core::report_task_begin(q.id(), static_cast<std::uint64_t>(item));
        if (c.chatty())
            std::printf("consumer-%d: got item %lld\n", index, static_cast<long long>(item));
        sleep_for_work(draw_ns(c.consume_dist, std::int64_t{c.consume_ms} * core::kNsPerMs, rng));
        ledger.count_consumed(item);
        core::report_task_end(q.id(), static_cast<std::uint64_t>(item), true);
        core::report_progress(ledger.consumed(), static_cast<std::uint64_t>(c.total()));
        ++mine;
        if (c.joinable)
            q.task_done();
        ledger.release_claim(index); // after task_done(): until then a death leaves join() an item short
    }
    core::report_state(core::WorkerState::Done);
}

[[nodiscard]] std::string items_text(std::uint64_t n)
{
    return std::to_string(n) + (n == 1 ? " item" : " items");
}

[[nodiscard]] bool any_alive(const Processes& processes)
{
    return std::any_of(processes.begin(), processes.end(), [](const auto& p) { return p->is_alive(); });
}

// Consumers that ended without being told to: every consumer ends only on a sentinel or, as a
// daemon, with the main process, so one that has ended by now and did not exit with 0 died.
[[nodiscard]] std::vector<bool> died(const Processes& consumers)
{
    std::vector<bool> out;
    for (const auto& p : consumers)
        out.push_back(!p->is_alive() && p->exitcode().value_or(0) != 0);
    return out;
}

// Terminates and joins; the pids of those still running go into `ended_by_main`.
void terminate_all(Processes& processes, std::set<pid_t>& ended_by_main)
{
    for (auto& p : processes) {
        if (p->is_alive())
            ended_by_main.insert(p->pid());
        p->terminate();
    }
    for (auto& p : processes)
        p->join();
}

// Joins the producers. Should every consumer die while they wait on a full queue, nobody will
// ever empty it (Python hangs here): they are terminated, and the run says why.
void join_producers(Processes& producers, const Processes& consumers, core::Queue<std::int64_t>& q,
                    std::set<pid_t>& ended_by_main, RunContext& context)
{
    auto stranded = [&] { return q.maxsize() != 0 && q.full() && !any_alive(consumers); };
    for (auto& p : producers) {
        if (!p->join_unless(stranded, kWatchSlice)) {
            context.log("main: every consumer has ended and the queue is full: the producers would wait for ever; "
                        "terminating them (SIGTERM)");
            terminate_all(producers, ended_by_main);
            return;
        }
    }
}

// One sentinel per consumer; false when no consumer is left to take them off a full queue.
bool put_sentinels(const Config& c, core::Queue<std::int64_t>& q, const Processes& consumers)
{
    for (int i = 0; i < c.consumers; ++i) {
        for (;;) {
            try {
                q.put(kSentinel, true, kWatchSlice);
                break;
            } catch (const core::Full&) {
                if (!any_alive(consumers))
                    return false;
            }
        }
    }
    return true;
}

// queue.join(), unless it can never return: every consumer has ended, or the items not yet
// task_done() are all with consumers that died (Python's join() hangs for ever then). Returns
// what it waited for in vain, or an empty string.
std::string join_queue(core::JoinableQueue<std::int64_t>& q, const Processes& consumers, const ItemLedger& ledger)
{
    while (!q.join(kWatchSlice)) {
        if (!any_alive(consumers))
            return "every consumer has ended, " + items_text(q.unfinished_tasks()) + " not done";
        const std::vector<bool> dead = died(consumers);
        if (std::find(dead.begin(), dead.end(), true) == dead.end())
            continue;
        q.recover();
        std::uint64_t with_the_dead = q.lost_gets();
        for (std::size_t i = 0; i < dead.size(); ++i)
            with_the_dead += dead[i] && ledger.claimed_by(static_cast<int>(i)) != 0;
        if (q.qsize() == 0 && q.unfinished_tasks() <= with_the_dead)
            return items_text(q.unfinished_tasks()) + " taken by consumers that died will never be task_done()";
    }
    return {};
}

std::vector<std::int64_t> drain(core::Queue<std::int64_t>& q)
{
    std::vector<std::int64_t> left;
    q.recover();
    while (auto item = q.try_get()) {
        if (*item > 0) // sentinels are not items
            left.push_back(*item);
    }
    return left;
}

// Where every item went and who died, from the ledger and the queue's leftovers.
void report(const Config& c, core::JoinableQueue<std::int64_t>& q, const ItemLedger& ledger, const Processes& consumers,
            const Processes& producers, const std::set<pid_t>& ended_by_main, double seconds, RunContext& context)
{
    const std::int64_t as_of = core::monotonic_ns(); // a death after this is not in the result
    const std::vector<std::int64_t> left = drain(q);
    const std::vector<bool> dead = died(consumers);
    const ItemLedger::Account a = ledger.account(dead, left, q.lost_gets());
    WorkerDeaths deaths;
    // Terminated by the main program: its SIGTERM, unless a kill from outside landed first.
    auto by_main = [&](const core::Process& p) { return ended_by_main.count(p.pid()) && p.exitcode() == -SIGTERM; };
    auto note = [&](const core::Process& p) { deaths.note(p, by_main(p) ? "by the main process" : ""); };
    for (const auto& p : producers)
        note(*p);
    for (std::size_t i = 0; i < consumers.size(); ++i) {
        if (dead[i] && !by_main(*consumers[i])) // daemons ending is no death
            note(*consumers[i]);
    }
    nlohmann::json lost = nlohmann::json::array();
    std::string lost_text;
    for (const ItemLedger::Lost& l : a.lost) {
        const core::Process& p = *consumers[static_cast<std::size_t>(l.consumer)];
        lost.push_back({{"item", l.item}, {"consumer", p.name()}, {"pid", p.pid()}});
        note(p); // a daemon ended by the main process while it worked
        deaths.add_what(p.pid(), "holding item " + std::to_string(l.item));
        lost_text += (lost_text.empty() ? "" : ", ") + std::to_string(l.item) + " (" + p.name() + ")";
    }
    const bool once = a.every_item_once();
    std::string verdict = once ? (a.tracked ? "yes (item by item)" : "yes (same count and checksum)") : "NO: ";
    if (!once) {
        std::vector<std::string> why;
        if (!a.lost.empty() || a.lost_unnamed != 0)
            why.push_back(items_text(a.lost.size() + a.lost_unnamed) + " lost with workers that died");
        if (a.left_in_queue != 0)
            why.push_back(items_text(a.left_in_queue) + " left in the queue");
        if (a.duplicates != 0)
            why.push_back(items_text(a.duplicates) + " consumed twice");
        if (why.empty())
            why.emplace_back("the counts or checksums differ");
        for (std::size_t i = 0; i < why.size(); ++i)
            verdict += (i ? ", " : "") + why[i];
    }
    if (!deaths.empty())
        context.log("main: workers that died: " + deaths.text());
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.1f", seconds > 0 ? static_cast<double>(a.consumed) / seconds : 0.0);
    std::vector<std::pair<std::string, std::string>> rows{
        {"items produced", std::to_string(a.acknowledged)},
        {"items consumed", std::to_string(a.consumed)},
        {"each item consumed once", verdict},
        {"items per second", rate},
        {"consumers ended by", c.joinable ? "the main process ending (daemons)" : "sentinels"}};
    if (!deaths.empty())
        rows.emplace_back("workers that died", deaths.text());
    if (!a.lost.empty())
        rows.emplace_back("items lost with consumers that died", lost_text);
    if (a.lost_unnamed != 0)
        rows.emplace_back("items lost in a get cut short by a death", std::to_string(a.lost_unnamed));
    if (a.left_in_queue != 0)
        rows.emplace_back("items left in the queue", std::to_string(a.left_in_queue));
    if (a.duplicates != 0)
        rows.emplace_back("items consumed twice", std::to_string(a.duplicates));
    context.set_result({{"produced", a.acknowledged},
                        {"consumed", a.consumed},
                        {"every_item_once", once},
                        {"shutdown", c.joinable ? "joinable" : "sentinel"},
                        {"tracked_item_by_item", a.tracked},
                        {"lost", lost},
                        {"lost_unnamed", a.lost_unnamed},
                        {"left_in_queue", a.left_in_queue},
                        {"duplicates", a.duplicates},
                        {"unacknowledged", a.unacknowledged},
                        {"lost_gets", a.lost_gets},
                        {"lost_puts", q.lost_puts()},
                        {"deaths", deaths.json()},
                        {"summary", summary_rows(rows)}},
                       as_of);
}

} // namespace

const char* ProducerConsumerScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "Producer–consumer: a Queue between processes");
}

const char* ProducerConsumerScenario::summary() const
{
    return QT_TRANSLATE_NOOP(
        "Scenario", "Producers put items on a shared Queue and consumers take them off. With a small capacity "
                    "the producers block on put while the queue is full; with slow producers the consumers block "
                    "on get while it is empty. The consumers stop either on sentinels (the main process puts one "
                    "None per consumer after joining the producers) or, with a JoinableQueue, as daemons: every "
                    "get is answered by task_done(), the main process waits in join() until all items are done "
                    "and ends, which terminates its daemon consumers.");
}

const std::vector<Field>& ProducerConsumerScenario::fields() const
{
    static const std::vector<Field> fields{
        {"producers",
         FieldKind::Integer,
         1,
         256,
         {},
         "2",
         QT_TRANSLATE_NOOP("Field", "Producers"),
         QT_TRANSLATE_NOOP("Field", "How many producer processes put items on the queue."),
         ""},
        {"consumers",
         FieldKind::Integer,
         1,
         256,
         {},
         "2",
         QT_TRANSLATE_NOOP("Field", "Consumers"),
         QT_TRANSLATE_NOOP("Field", "How many consumer processes take items off the queue."),
         ""},
        {"capacity",
         FieldKind::Integer,
         0,
         1'000'000,
         {},
         "0",
         QT_TRANSLATE_NOOP("Field", "Capacity"),
         QT_TRANSLATE_NOOP("Field", "The queue's maxsize: puts block while it holds this many items; 0 is unbounded "
                                    "(up to a million items)."),
         ""},
        {"items",
         FieldKind::Integer,
         1,
         1'000'000'000, // at full speed, some 10 minutes: the ledger tracks the first million only
         {},
         "10",
         QT_TRANSLATE_NOOP("Field", "Items per producer"),
         QT_TRANSLATE_NOOP("Field", "How many items each producer puts."),
         ""},
        {"produce_ms",
         FieldKind::Integer,
         0,
         600'000,
         {},
         "50",
         QT_TRANSLATE_NOOP("Field", "Produce time"),
         QT_TRANSLATE_NOOP("Field", "How long a producer works on each item before putting it (mean)."),
         "ms"},
        distribution_field("produce_dist", QT_TRANSLATE_NOOP("Field", "Produce time spread"),
                           QT_TRANSLATE_NOOP("Field", "fixed: always the produce time; uniform: 0 to twice it; "
                                                      "exponential: random with that mean.")),
        {"consume_ms",
         FieldKind::Integer,
         0,
         600'000,
         {},
         "100",
         QT_TRANSLATE_NOOP("Field", "Consume time"),
         QT_TRANSLATE_NOOP("Field", "How long a consumer works on each item it gets (mean)."),
         "ms"},
        distribution_field("consume_dist", QT_TRANSLATE_NOOP("Field", "Consume time spread"),
                           QT_TRANSLATE_NOOP("Field", "fixed: always the consume time; uniform: 0 to twice it; "
                                                      "exponential: random with that mean.")),
        {"shutdown",
         FieldKind::Choice,
         0,
         0,
         {QT_TRANSLATE_NOOP("Choice", "sentinel"), QT_TRANSLATE_NOOP("Choice", "joinable")},
         "sentinel",
         QT_TRANSLATE_NOOP("Field", "Shutdown"),
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
    ItemLedger ledger(c.total(), c.consumers);
    // One queue type for both ways: the joinable one only adds task_done()/join().
    core::JoinableQueue<std::int64_t> q(static_cast<std::size_t>(c.capacity));
    context.log("main: pid " + std::to_string(::getpid()) + ", queue " + std::to_string(q.id()) + " of capacity " +
                (c.capacity ? std::to_string(c.capacity) : std::string("unbounded")) + ", " +
                std::to_string(c.producers) + " producers × " + std::to_string(c.items) + " items, " +
                std::to_string(c.consumers) + " consumers, " +
                (c.joinable ? "JoinableQueue with daemon consumers" : "sentinel shutdown"));

    Processes producers, consumers;
    for (int i = 0; i < c.consumers; ++i) {
        auto p = std::make_unique<core::Process>([i, c, &q, &ledger] { consume(i, c, q, ledger); },
                                                 "consumer-" + std::to_string(i));
        p->set_role(QT_TRANSLATE_NOOP("Role", "consumer"));
        p->set_daemon(c.joinable); // the seeds' JoinableQueue consumers are daemons
        consumers.push_back(std::move(p));
    }
    for (int i = 0; i < c.producers; ++i) {
        auto p = std::make_unique<core::Process>([i, c, &q, &ledger] { produce(i, c, q, ledger); },
                                                 "producer-" + std::to_string(i));
        p->set_role(QT_TRANSLATE_NOOP("Role", "producer"));
        producers.push_back(std::move(p));
    }
    const std::size_t total = producers.size() + consumers.size();
    for (std::size_t i = 0; i < producers.size(); ++i)
        start_worker(*producers[i], i, total);
    for (std::size_t i = 0; i < consumers.size(); ++i)
        start_worker(*consumers[i], producers.size() + i, total);
    std::set<pid_t> ended_by_main; // terminated by the main program, not killed from outside
    join_producers(producers, consumers, q, ended_by_main, context);
    context.log("main: all producers joined");
    if (c.joinable) {
        const std::string in_vain = join_queue(q, consumers, ledger);
        if (in_vain.empty()) {
            context.log(
                "main: queue.join() returned: every item is done; the daemon consumers end with the main process");
        } else {
            context.log("main: queue.join() would wait for ever (Python's hangs here): " + in_vain +
                        "; ending the wait and the consumers (SIGTERM)");
            terminate_all(consumers, ended_by_main);
        }
    } else {
        if (put_sentinels(c, q, consumers))
            context.log("main: put " + std::to_string(c.consumers) + " sentinels, one per consumer");
        else
            context.log("main: no consumer is left to take a sentinel off the full queue; not waiting for one");
        for (auto& p : consumers)
            p->join();
        context.log("main: all consumers joined");
    }
    report(c, q, ledger, consumers, producers, ended_by_main, static_cast<double>(core::monotonic_ns() - begin) / 1e9,
           context);
}

} // namespace forkscope::scenarios
