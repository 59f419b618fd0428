// Stamped output: frames written by a process come back whole with their times, however the pipe
// splits them, and bytes written without a frame come through too, stamped when read.

#include "scenarios/runner/line_buffer.h"
#include "scenarios/runner/stamped_output.h"

#include <QTest>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

using namespace forkscope::scenarios;

namespace {

std::string frame(std::string_view payload, std::int64_t t_ns)
{
    OutputFrameHeader header;
    header.size = static_cast<std::uint32_t>(payload.size());
    header.t_ns = t_ns;
    return std::string(reinterpret_cast<const char*>(&header), sizeof header) + std::string(payload);
}

struct Piece {
    std::string bytes;
    std::int64_t t_ns;
};

// Feeds `stream` in chunks of `chunk` bytes, the n-th read at time 1000 + n; joins what comes out.
std::vector<Piece> read_back(const std::string& stream, std::size_t chunk)
{
    std::vector<Piece> out;
    auto take = [&](std::string_view bytes, std::int64_t t) {
        if (!out.empty() && out.back().t_ns == t)
            out.back().bytes += bytes;
        else
            out.push_back({std::string(bytes), t});
    };
    OutputFrameReader reader;
    std::int64_t read_ns = 1000;
    for (std::size_t at = 0; at < stream.size(); at += chunk)
        reader.feed(std::string_view(stream).substr(at, chunk), read_ns++, take);
    reader.flush(read_ns, take);
    return out;
}

std::string joined(const std::vector<Piece>& pieces)
{
    std::string all;
    for (const auto& p : pieces)
        all += p.bytes;
    return all;
}

} // namespace

class TestStampedOutput : public QObject {
    Q_OBJECT

private slots:
    void framesComeBackWholeWithTheirTimes();
    void unframedBytesAreKeptAndStampedWhenRead();
    void anOversizedHeaderIsNotAFrame();
    void aFrameCutShortByDeathIsKept();
    void linesTakeTheTimeOfTheirLastByte();
    void standardStreamsWriteFrames();
};

void TestStampedOutput::framesComeBackWholeWithTheirTimes()
{
    const std::string stream = frame("hello ", 5) + frame("world\n", 7) + frame(std::string(kMaxFramePayload, 'x'), 9);
    for (std::size_t chunk : {std::size_t{1}, std::size_t{3}, std::size_t{16}, std::size_t{17}, stream.size()}) {
        const auto pieces = read_back(stream, chunk);
        QCOMPARE(pieces.size(), 3u);
        QCOMPARE(pieces[0].bytes, std::string("hello "));
        QCOMPARE(pieces[0].t_ns, 5);
        QCOMPARE(pieces[1].bytes, std::string("world\n"));
        QCOMPARE(pieces[1].t_ns, 7);
        QCOMPARE(pieces[2].bytes.size(), kMaxFramePayload);
        QCOMPARE(pieces[2].t_ns, 9);
    }
}

void TestStampedOutput::unframedBytesAreKeptAndStampedWhenRead()
{
    // A raw write between frames, one that ends in the magic's first bytes, and one at the end.
    const std::string magic_start = frame("", 0).substr(0, 2);
    const std::string stream =
        "raw one\n" + frame("framed\n", 42) + "raw two " + magic_start + "\n" + frame("again\n", 43) + "tail";
    for (std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{5}, stream.size()}) {
        const auto pieces = read_back(stream, chunk);
        QCOMPARE(joined(pieces), "raw one\nframed\nraw two " + magic_start + "\nagain\ntail");
        for (const auto& p : pieces) {
            if (p.bytes == "framed\n")
                QCOMPARE(p.t_ns, 42);
            else if (p.bytes == "again\n")
                QCOMPARE(p.t_ns, 43);
            else
                QVERIFY2(p.t_ns >= 1000, p.bytes.c_str()); // stamped when read
        }
    }
}

void TestStampedOutput::anOversizedHeaderIsNotAFrame()
{
    OutputFrameHeader header;
    header.size = kMaxFramePayload + 1;
    const std::string bogus(reinterpret_cast<const char*>(&header), sizeof header);
    const std::string stream = bogus + "after" + frame("ok", 3);
    const auto pieces = read_back(stream, stream.size());
    QCOMPARE(joined(pieces), bogus + "afterok");
    QCOMPARE(pieces.back().bytes, std::string("ok"));
    QCOMPARE(pieces.back().t_ns, 3);
}

void TestStampedOutput::aFrameCutShortByDeathIsKept()
{
    const std::string whole = frame("last words\n", 8);
    const auto pieces = read_back(frame("first\n", 4) + whole.substr(0, whole.size() - 3), 4);
    QCOMPARE(pieces.front().bytes, std::string("first\n"));
    QVERIFY(pieces.size() >= 2); // the cut frame comes out as bytes, nothing is dropped
    QCOMPARE(joined(pieces).size(), std::string("first\n").size() + whole.size() - 3);
}

void TestStampedOutput::linesTakeTheTimeOfTheirLastByte()
{
    LineBuffer lines;
    std::vector<Piece> out;
    auto take = [&](std::string_view line, std::int64_t t) { out.push_back({std::string(line), t}); };
    lines.append("par", 1, take);
    lines.append("tial\nwhole\nnext", 2, take);
    lines.append(" end", 3, take);
    lines.flush(take);
    QCOMPARE(out.size(), 3u);
    QCOMPARE(out[0].bytes, std::string("partial"));
    QCOMPARE(out[0].t_ns, 2);
    QCOMPARE(out[1].bytes, std::string("whole"));
    QCOMPARE(out[2].bytes, std::string("next end"));
    QCOMPARE(out[2].t_ns, 3);
}

// In a child whose stdout and stderr are a pipe: printf and fprintf(stderr) write frames.
void TestStampedOutput::standardStreamsWriteFrames()
{
    int fds[2];
    QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        ::dup2(fds[1], STDERR_FILENO);
        stamp_standard_streams();
        std::printf("out %d\n", 1);
        std::fprintf(stderr, "err %d\n", 2);
        std::printf("%s\n", std::string(10000, 'y').c_str()); // more than one frame
        std::fflush(nullptr);
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string stream;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0;)
        stream.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    QCOMPARE(::waitpid(pid, &status, 0), pid);
    QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    const auto pieces = read_back(stream, stream.size());
    QCOMPARE(joined(pieces), "out 1\nerr 2\n" + std::string(10000, 'y') + "\n");
    for (const auto& p : pieces)
        QVERIFY(p.t_ns > 1'000'000); // the writer's CLOCK_MONOTONIC, none stamped when read
    QVERIFY(pieces.size() >= 3);
    QCOMPARE((stream.size() - joined(pieces).size()) % sizeof(OutputFrameHeader), 0u); // all frames
}

QTEST_GUILESS_MAIN(TestStampedOutput)
#include "tst_stampedoutput.moc"
