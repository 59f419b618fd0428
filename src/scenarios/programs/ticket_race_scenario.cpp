#include "scenarios/programs/ticket_race_scenario.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/lock.h"
#include "core/process.h"
#include "core/shared_memory.h"
#include "core/telemetry.h"
#include "scenarios/config/translate_noop.h"
#include "scenarios/programs/work.h"
#include "scenarios/programs/worker_deaths.h"
#include "scenarios/runner/process_setup.h"

#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace forkscope::scenarios {

namespace {

struct Config {
    int buyers, tickets, read_ms, write_ms;
    bool lock;
};

// The stock file, as the seed's json.load(open("db")). A reader may catch the file between a
// writer's rename and its own open: it reads again, a bounded number of times.
int read_stock(const std::string& path)
{
    for (int attempt = 0;; ++attempt) {
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        const nlohmann::json db = nlohmann::json::parse(text.str(), nullptr, false);
        if (db.is_object() && db.contains("count") && db["count"].is_number_integer())
            return db["count"].get<int>();
        if (attempt == 100)
            throw std::runtime_error("the stock file " + path + " does not hold {\"count\": N}");
        ::usleep(1000);
    }
}

// json.dump(di, open("db", "w")), but whole: written to a temporary name and renamed over the
// file, so no reader ever sees half of it. The race the seed shows, the lost update, remains.
void write_stock(const std::string& path, int count)
{
    const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << nlohmann::json{{"count", count}}.dump() << '\n';
        if (!out.flush())
            throw std::runtime_error("cannot write " + temporary);
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0)
        core::throw_errno("rename " + temporary + " to " + path);
}

void buyer(int index, const Config& c, const std::string& db, core::Lock& lock, std::atomic<int>& sold)
{
    core::report_state(core::WorkerState::Running);
    const std::string name = "tourist-" + std::to_string(index);
    std::printf("%s: checks, %d tickets left\n", name.c_str(), read_stock(db)); // search()
    if (c.lock) {
        lock.acquire();
        // A multiprocessing.Lock would stay locked for ever; this one is robust, and says so.
        if (lock.previous_owner_died())
            std::printf("%s: the Lock's previous owner died holding it (owner died); the stock file is whole, "
                        "as it was before or after that buyer's write\n",
                        name.c_str());
    }
    // get(): read, think, buy, write back.
    int count = read_stock(db);
    sleep_for_work(std::int64_t{c.read_ms} * core::kNsPerMs);
    if (count > 0) {
        --count;
        sleep_for_work(std::int64_t{c.write_ms} * core::kNsPerMs);
        write_stock(db, count);
        sold.fetch_add(1, std::memory_order_relaxed);
        std::printf("%s: bought a ticket (wrote %d left)\n", name.c_str(), count);
    } else {
        std::printf("%s: no ticket left to buy\n", name.c_str());
    }
    if (c.lock)
        lock.release();
    core::report_state(core::WorkerState::Done);
}

// A private folder for the stock file, under $TMPDIR or /tmp, removed with the file at the end.
class StockFolder {
public:
    StockFolder()
    {
        std::string pattern = temporary_folder_pattern("forkscope-tickets");
        if (!::mkdtemp(pattern.data()))
            core::throw_errno("mkdtemp " + pattern);
        folder_ = pattern;
    }
    ~StockFolder()
    {
        std::error_code ignored; // a buyer killed mid-write leaves its temporary file: it goes too
        std::filesystem::remove_all(folder_, ignored);
    }
    StockFolder(const StockFolder&) = delete;
    StockFolder& operator=(const StockFolder&) = delete;
    [[nodiscard]] std::string db() const { return folder_ + "/db.json"; }

private:
    std::string folder_;
};

} // namespace

const char* TicketRaceScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "Ticket race: a Lock around read-modify-write");
}

const char* TicketRaceScenario::summary() const
{
    return QT_TRANSLATE_NOOP(
        "Scenario", "Buyers check the stock kept in a JSON file, then buy: read the count, wait, write it back one "
                    "lower. Without a lock they all read the same count before anyone writes, so every buyer gets "
                    "the last ticket: more tickets are sold than there were. With a Lock around the purchase the "
                    "buyers take turns (the timeline shows them waiting for it) and exactly the stock is sold.");
}

const std::vector<Field>& TicketRaceScenario::fields() const
{
    static const std::vector<Field> fields{
        {"buyers",
         FieldKind::Integer,
         1,
         256,
         {},
         "5",
         QT_TRANSLATE_NOOP("Field", "Buyers"),
         QT_TRANSLATE_NOOP("Field", "How many buyer processes try to buy a ticket at the same time."),
         ""},
        {"tickets",
         FieldKind::Integer,
         0,
         100'000,
         {},
         "1",
         QT_TRANSLATE_NOOP("Field", "Tickets"),
         QT_TRANSLATE_NOOP("Field", "How many tickets the stock file holds at the start."),
         ""},
        {"lock",
         FieldKind::Boolean,
         0,
         0,
         {},
         "false",
         QT_TRANSLATE_NOOP("Field", "Lock"),
         QT_TRANSLATE_NOOP("Field", "Hold a Lock from reading the stock to writing it back."),
         ""},
        {"read_ms",
         FieldKind::Integer,
         0,
         60'000,
         {},
         "100",
         QT_TRANSLATE_NOOP("Field", "Read delay"),
         QT_TRANSLATE_NOOP("Field", "How long a buyer waits after reading the stock (the seed's 0.1 s)."),
         "ms"},
        {"write_ms",
         FieldKind::Integer,
         0,
         60'000,
         {},
         "200",
         QT_TRANSLATE_NOOP("Field", "Write delay"),
         QT_TRANSLATE_NOOP("Field", "How long a buyer takes to write the lower count back (the seed's 0.2 s)."),
         "ms"},
    };
    return fields;
}

void TicketRaceScenario::run(const nlohmann::json& json, RunContext& context) const
{
    const Config c{json.at("buyers").get<int>(), json.at("tickets").get<int>(), json.at("read_ms").get<int>(),
                   json.at("write_ms").get<int>(), json.at("lock").get<bool>()};
    const StockFolder folder;
    const std::string db = folder.db();
    write_stock(db, c.tickets);
    core::Lock lock;
    core::SharedObject<std::atomic<int>> sold(sizeof(std::atomic<int>), 0);
    context.log("main: stock file " + db + " holds {\"count\": " + std::to_string(c.tickets) + "}; " +
                std::to_string(c.buyers) + " buyers, " +
                (c.lock ? "with lock " + std::to_string(lock.id()) : "without a lock"));
    std::vector<std::unique_ptr<core::Process>> buyers;
    for (int i = 0; i < c.buyers; ++i) {
        auto p = std::make_unique<core::Process>([i, c, &db, &lock, &sold] { buyer(i, c, db, lock, *sold); },
                                                 "tourist-" + std::to_string(i));
        p->set_role(QT_TRANSLATE_NOOP("Role", "buyer"));
        start_worker(*p, static_cast<std::size_t>(i), static_cast<std::size_t>(c.buyers));
        buyers.push_back(std::move(p));
    }
    WorkerDeaths deaths;
    for (auto& p : buyers) {
        p->join();
        deaths.note(*p);
    }
    const int left = read_stock(db), n = sold->load();
    const int oversold = std::max(0, n - c.tickets);
    context.log("main: tickets sold: " + std::to_string(n) + " of " + std::to_string(c.tickets) + "; the file says " +
                std::to_string(left) + " left" + (oversold ? "; oversold by " + std::to_string(oversold) : ""));
    std::vector<std::pair<std::string, std::string>> rows{{"tickets in stock", std::to_string(c.tickets)},
                                                          {"tickets sold", std::to_string(n)},
                                                          {"left in the file", std::to_string(left)},
                                                          {"oversold tickets", std::to_string(oversold)}};
    if (!deaths.empty()) {
        context.log("main: buyers that died: " + deaths.text());
        rows.emplace_back("buyers that died", deaths.text());
        // A buyer killed after writing the file and before counting its sale sold a ticket
        // nobody confirmed: the file and the count may differ by at most the buyers that died.
        rows.emplace_back("sales written but not confirmed", std::to_string(std::max(0, c.tickets - left - n)));
    }
    if (c.lock && lock.owner_deaths() != 0)
        rows.emplace_back("Lock owners that died holding it", std::to_string(lock.owner_deaths()));
    context.set_result({{"stock", c.tickets},
                        {"sold", n},
                        {"left_in_file", left},
                        {"oversold", oversold},
                        {"lock", c.lock},
                        {"owner_deaths", c.lock ? lock.owner_deaths() : 0},
                        {"deaths", deaths.json()},
                        {"summary", summary_rows(rows)}});
}

} // namespace forkscope::scenarios
