// The fuzz targets' regression run, in every build (no clang needed): each seed in
// tests/fuzz/corpus/<target>/ is accepted, each saved finding in tests/fuzz/regressions/<target>/
// keeps the contract, and so do a few thousand seeded mutations of the seeds. The checks are the
// fuzz targets' own (fuzz_checks.h).

#include "fuzz_checks.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

#include <random>

using forkscope::fuzz::Verdict;

namespace {

struct Target {
    const char* name;
    Verdict (*check)(const std::uint8_t*, std::size_t);
    const char* moreSeeds; // a folder of the source tree whose files are seeds too, or null
    bool lengthPrefixed; // a protocol frame starts with its length: keep it right half the time
    int mutationsPerSeed;
};

// The shipped presets seed the scenario-file target where they are, so the seeds follow them.
const Target kTargets[] = {
    {"scenario_file", forkscope::fuzz::check_scenario_file, "resources/presets", false, 1000},
    {"protocol", forkscope::fuzz::check_protocol, nullptr, true, 2000},
    {"runfile", forkscope::fuzz::check_runfile, nullptr, false, 2000},
};

// A bound on each target's mutations, for slow sanitizer builds on a busy machine.
constexpr qint64 kMutationBudgetMs = 15'000;

struct ContractBroken {
    std::string why;
};

// Keys and strings from mutated input may hold any byte: shown escaped, the message stays whole.
[[noreturn]] void throwBroken(const char* target, const std::string& why)
{
    std::string shown = std::string(target) + ": ";
    for (const char c : why) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f) {
            shown += c;
        } else {
            const char hex[] = "0123456789abcdef";
            shown += {'\\', 'x', hex[u >> 4], hex[u & 15]};
        }
    }
    throw ContractBroken{shown};
}

// The verdict, or why the input broke the contract.
struct Fed {
    Verdict verdict = Verdict::Rejected;
    std::string broken;
};

Fed feed(const Target& target, const QByteArray& bytes)
{
    try {
        return {target.check(reinterpret_cast<const std::uint8_t*>(bytes.constData()), std::size_t(bytes.size())), {}};
    } catch (const ContractBroken& e) {
        return {Verdict::Rejected, e.why};
    }
}

QFileInfoList filesIn(const QString& folder)
{
    return QDir(QStringLiteral(FORKSCOPE_SOURCE_DIR "/") + folder).entryInfoList(QDir::Files, QDir::Name);
}

QFileInfoList seeds(const Target& target)
{
    QFileInfoList files = filesIn(QStringLiteral("tests/fuzz/corpus/") + QLatin1String(target.name));
    if (target.moreSeeds)
        files += filesIn(QLatin1String(target.moreSeeds));
    return files;
}

QByteArray contents(const QFileInfo& info)
{
    QFile file(info.filePath());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What a JSON parser or a frame decoder trips on: limits, signs, empties, escapes, bad UTF-8.
const QByteArray kTokens[] = {
    "-1",
    "0",
    "1e999",
    "9223372036854775807",
    "18446744073709551616",
    "-9223372036854775809",
    "null",
    "true",
    "\"\"",
    "[]",
    "{}",
    "\"x\": 1, ",
    ",",
    "\\u0000",
    "\\ud800",
    "\xff",
    "\x7f\xff\xff\xff",
    QByteArray(4, '\0'),
};

// One to four edits: flip a bit, overwrite a byte, cut, delete, duplicate a run, insert a token.
QByteArray mutated(QByteArray bytes, std::mt19937& rng, bool lengthPrefixed)
{
    const int edits = 1 + int(rng() % 4);
    for (int e = 0; e < edits; ++e) {
        const auto size = bytes.size();
        const qsizetype at = size ? qsizetype(rng() % std::uint32_t(size)) : 0;
        switch (rng() % 6) {
        case 0:
            if (size)
                bytes[at] = char(bytes[at] ^ char(1 << (rng() % 8)));
            break;
        case 1:
            if (size)
                bytes[at] = char(rng());
            break;
        case 2: bytes.truncate(at); break;
        case 3: bytes.remove(at, qsizetype(1 + rng() % 16)); break;
        case 4: bytes.insert(at, bytes.mid(at, qsizetype(1 + rng() % 32))); break;
        default: bytes.insert(at, kTokens[rng() % std::size(kTokens)]); break;
        }
    }
    if (lengthPrefixed && bytes.size() >= 4 && rng() % 2) {
        for (int i = 0; i < 4; ++i)
            bytes[i] = char((quint32(bytes.size()) >> (8 * i)) & 0xffu);
    }
    return bytes;
}

} // namespace

class TestFuzzCorpus : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { forkscope::fuzz::set_broken_handler(throwBroken); }
    void seedsAreAccepted_data();
    void seedsAreAccepted();
    void findingsStayFixed_data();
    void findingsStayFixed();
    void mutationsKeepTheContract_data();
    void mutationsKeepTheContract();
};

void TestFuzzCorpus::seedsAreAccepted_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("path");
    for (int t = 0; t < int(std::size(kTargets)); ++t) {
        const QFileInfoList files = seeds(kTargets[t]);
        QVERIFY2(!files.isEmpty(), kTargets[t].name);
        for (const QFileInfo& seed : files)
            QTest::addRow("%s/%s", kTargets[t].name, qPrintable(seed.fileName())) << t << seed.filePath();
    }
}

void TestFuzzCorpus::seedsAreAccepted()
{
    QFETCH(int, target);
    QFETCH(QString, path);
    const QByteArray bytes = contents(QFileInfo(path));
    QVERIFY2(!bytes.isEmpty(), qPrintable(path));
    const Fed fed = feed(kTargets[target], bytes);
    QVERIFY2(fed.broken.empty(), fed.broken.c_str());
    QVERIFY2(fed.verdict == Verdict::Accepted, "a seed should be a valid input");
}

void TestFuzzCorpus::findingsStayFixed_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("path");
    int findings = 0;
    for (int t = 0; t < int(std::size(kTargets)); ++t) {
        for (const QFileInfo& finding :
             filesIn(QStringLiteral("tests/fuzz/regressions/") + QLatin1String(kTargets[t].name))) {
            QTest::addRow("%s/%s", kTargets[t].name, qPrintable(finding.fileName())) << t << finding.filePath();
            ++findings;
        }
    }
    QVERIFY(findings > 0);
}

void TestFuzzCorpus::findingsStayFixed()
{
    QFETCH(int, target);
    QFETCH(QString, path);
    const Fed fed = feed(kTargets[target], contents(QFileInfo(path)));
    QVERIFY2(fed.broken.empty(), fed.broken.c_str());
}

void TestFuzzCorpus::mutationsKeepTheContract_data()
{
    QTest::addColumn<int>("target");
    for (int t = 0; t < int(std::size(kTargets)); ++t)
        QTest::newRow(kTargets[t].name) << t;
}

void TestFuzzCorpus::mutationsKeepTheContract()
{
    QFETCH(int, target);
    const Target& t = kTargets[target];
    std::mt19937 rng(20261123u + std::uint32_t(target)); // seeded: a failure reproduces
    int accepted = 0, rejected = 0;
    QElapsedTimer clock;
    clock.start();
    for (const QFileInfo& seed : seeds(t)) {
        const QByteArray original = contents(seed);
        for (int i = 0; i < t.mutationsPerSeed && clock.elapsed() < kMutationBudgetMs; ++i) {
            const QByteArray input = mutated(original, rng, t.lengthPrefixed);
            const Fed fed = feed(t, input);
            QVERIFY2(fed.broken.empty(), qPrintable(seed.fileName() + QStringLiteral(" mutation %1: ").arg(i) +
                                                    QString::fromStdString(fed.broken)));
            ++(fed.verdict == Verdict::Accepted ? accepted : rejected);
        }
    }
    qInfo("%s: %d mutations accepted, %d rejected in %lld ms", t.name, accepted, rejected, clock.elapsed());
    // Both sides of the contract were exercised: rejections named, acceptances round-tripped.
    QVERIFY(accepted > 0);
    QVERIFY(rejected > 0);
}

QTEST_GUILESS_MAIN(TestFuzzCorpus)
#include "tst_fuzzcorpus.moc"
