// The fork server protocol: every message round-trips; short, long, garbage and inconsistent
// frames are rejected with the offset named.

#include "scenarios/runner/channel.h"
#include "scenarios/runner/protocol.h"

#include <QTest>

#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>

#include <random>

using namespace forkscope::protocol;

Q_DECLARE_METATYPE(forkscope::protocol::Message)

namespace {

std::vector<std::byte> bytes(std::initializer_list<int> values)
{
    std::vector<std::byte> out;
    for (int v : values)
        out.push_back(static_cast<std::byte>(v));
    return out;
}

std::string decode_error(const std::vector<std::byte>& frame)
{
    const Decoded d = decode(frame);
    return d.message ? std::string("(decoded)") : d.error;
}

} // namespace

class TestProtocol : public QObject {
    Q_OBJECT

private slots:
    void roundTrips_data();
    void roundTrips();
    void headerIsLittleEndianWithVersion();
    void rejectsTruncatedFrames();
    void rejectsBadHeaders();
    void rejectsTrailingBytes();
    void rejectsBadFieldValues();
    void garbageNeverDecodesWrongly();
    void seqpacketRecordsStayWhole();
    void descriptorsTravelWithTheirMessage();
};

void TestProtocol::roundTrips_data()
{
    QTest::addColumn<Message>("message");
    QTest::newRow("RunRequest") << Message{RunRequest{7, "processes", R"({"workers": 8, "name": "ünï"})"}};
    QTest::newRow("StopRun") << Message{StopRun{0xffffffffu}};
    QTest::newRow("RunStarted") << Message{RunStarted{1, 2, 4242, 4241, -5}};
    QTest::newRow("ProcessStarted") << Message{
        ProcessStarted{2, 4243, 4242, 123456789012345, true, "worker-0", "worker"}};
    QTest::newRow("ProcessExited") << Message{ProcessExited{2, 4243, -9, 42}};
    QTest::newRow("ProcessJoined") << Message{ProcessJoined{2, 4243, 43}};
    QTest::newRow("LogLine empty") << Message{LogLine{2, 4243, 44, ""}};
    QTest::newRow("LogLine") << Message{LogLine{2, 4243, 44, std::string(4000, 'x')}};
    QTest::newRow("RunFinished") << Message{RunFinished{2, Outcome::Killed, 50, 49, "why"}};
    QTest::newRow("Error") << Message{Error{3, 0, "workers: must be 1..256, got 0"}};
    QTest::newRow("RunResult") << Message{RunResult{4, 77, R"({"summary":[["sold","5"]]})"}};
    QTest::newRow("ChildStarted") << Message{
        ChildStarted{{2, 4243, 4242, 1234567, false, "ForkPoolWorker-1", "pool"}, 3}};
    QTest::newRow("ChildStarted without ring") << Message{ChildStarted{{2, 4243, 4242, 1, true, "", ""}, 0xffffffffu}};
    QTest::newRow("ChildJoined") << Message{ChildJoined{{2, 4243, 99}, -15}};
    QTest::newRow("MainFinished") << Message{MainFinished{Outcome::Failed, "3 of 8 workers could not be started"}};
}

void TestProtocol::roundTrips()
{
    QFETCH(Message, message);
    const auto frame = encode(message);
    const Decoded decoded = decode(frame);
    QVERIFY2(decoded.message, decoded.error.c_str());
    QVERIFY(*decoded.message == message);
}

void TestProtocol::headerIsLittleEndianWithVersion()
{
    const auto frame = encode(StopRun{0x01020304});
    QCOMPARE(frame, bytes({12, 0, 0, 0, kVersion, 0, 2, 0, 4, 3, 2, 1}));
}

void TestProtocol::rejectsTruncatedFrames()
{
    const auto full = encode(ProcessStarted{2, 4243, 4242, 1, false, "worker-0", "worker"});
    // Every cut must fail: as a short frame, as a length mismatch, or (if the length is fixed up) as a truncated field.
    for (std::size_t size = 0; size < full.size(); ++size) {
        std::vector<std::byte> cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(size));
        QVERIFY2(!decode(cut).message, std::to_string(size).c_str());
        if (size >= kHeaderSize) {
            cut[0] = static_cast<std::byte>(size);
            QVERIFY2(!decode(cut).message, std::to_string(size).c_str());
        }
    }
    QCOMPARE(decode_error(bytes({1, 2, 3})), std::string("frame of 3 bytes is shorter than the 8-byte header"));
    auto cut = std::vector<std::byte>(full.begin(), full.begin() + 30);
    cut[0] = std::byte{30};
    QCOMPARE(decode_error(cut), std::string("ProcessStarted.name at offset 29: truncated: needs 4 bytes, 1 left"));
}

void TestProtocol::rejectsBadHeaders()
{
    auto frame = encode(StopRun{1});
    frame[0] = std::byte{13};
    QCOMPARE(decode_error(frame), std::string("header.length at offset 0 says 13 bytes, frame has 12"));
    frame = encode(StopRun{1});
    frame[4] = std::byte{9};
    QCOMPARE(decode_error(frame),
             std::string("header.version at offset 4: protocol version 9 is not supported (expected 3)"));
    frame = encode(StopRun{1});
    frame[6] = std::byte{99};
    QCOMPARE(decode_error(frame), std::string("unknown message type 99 at offset 6"));
    std::vector<std::byte> huge(kMaxFrameSize + 1);
    QVERIFY(decode_error(huge).find("exceeds the limit") != std::string::npos);
}

void TestProtocol::rejectsTrailingBytes()
{
    auto frame = encode(StopRun{1});
    frame.push_back(std::byte{0});
    frame[0] = static_cast<std::byte>(frame.size());
    QCOMPARE(decode_error(frame), std::string("StopRun: 1 unexpected bytes at offset 12"));
}

void TestProtocol::rejectsBadFieldValues()
{
    auto frame = encode(ProcessStarted{1, 2, 3, 4, true, "a", "b"});
    frame[28] = std::byte{7}; // the daemon flag
    QCOMPARE(decode_error(frame), std::string("ProcessStarted.daemon at offset 28: must be 0 or 1, got 7"));
    frame = encode(RunFinished{1, Outcome::Completed, 0, 0, ""});
    frame[12] = std::byte{200};
    QCOMPARE(decode_error(frame), std::string("RunFinished.outcome at offset 12: unknown outcome 200"));
    // A string length that points far past the end.
    frame = encode(LogLine{1, 2, 3, "abc"});
    frame[24] = std::byte{0xff};
    frame[25] = std::byte{0xff};
    QCOMPARE(decode_error(frame),
             std::string("LogLine.text at offset 24: length 65535 runs past the end of the frame (3 bytes left)"));
}

void TestProtocol::garbageNeverDecodesWrongly()
{
    // Random bytes with a plausible header: decoding must fail cleanly or yield a message that
    // re-encodes to exactly the same bytes. Seeded, so a failure reproduces.
    std::mt19937 rng(20261122);
    int decoded = 0;
    for (int i = 0; i < 20000; ++i) {
        std::vector<std::byte> frame(kHeaderSize + rng() % 64);
        for (auto& b : frame)
            b = static_cast<std::byte>(rng());
        frame[0] = static_cast<std::byte>(frame.size());
        frame[1] = frame[2] = frame[3] = std::byte{0};
        frame[4] = std::byte{kVersion};
        frame[5] = std::byte{0};
        const std::uint16_t types[] = {1, 2, 16, 17, 18, 19, 20, 21, 22};
        frame[6] = static_cast<std::byte>(types[rng() % 9]);
        frame[7] = std::byte{0};
        const Decoded d = decode(frame);
        if (d.message) {
            ++decoded;
            QCOMPARE(encode(*d.message), frame);
        } else {
            QVERIFY(!d.error.empty());
        }
    }
    QVERIFY(decoded > 0); // the fixed-size messages do decode
}

void TestProtocol::seqpacketRecordsStayWhole()
{
    SocketPair pair = make_socket_pair();
    send_message(pair.first.get(), LogLine{1, 2, 3, "first"});
    send_message(pair.first.get(), LogLine{1, 2, 4, "second"});
    Received r1 = receive_message(pair.second.get(), false);
    Received r2 = receive_message(pair.second.get(), false);
    QCOMPARE(r1.status, ReceiveStatus::Ok);
    QCOMPARE(std::get<LogLine>(*r1.message).text, std::string("first"));
    QCOMPARE(std::get<LogLine>(*r2.message).text, std::string("second"));
    QCOMPARE(receive_message(pair.second.get(), false).status, ReceiveStatus::WouldBlock);
    pair.first.reset();
    QCOMPARE(receive_message(pair.second.get(), false).status, ReceiveStatus::Closed);
}

// ChildStarted brings a child's output pipe and its pidfd: both arrive, in order, with it.
void TestProtocol::descriptorsTravelWithTheirMessage()
{
    SocketPair pair = make_socket_pair();
    int pipe_fds[2];
    QCOMPARE(::pipe2(pipe_fds, O_CLOEXEC), 0);
    const forkscope::core::UniqueFd read_end(pipe_fds[0]), write_end(pipe_fds[1]);
    const int fds[] = {read_end.get(), write_end.get()};
    send_message(pair.first.get(), ChildStarted{{1, 2, 3, 4, false, "w", "worker"}, 0}, fds);
    send_message(pair.first.get(), ChildJoined{{1, 2, 5}, 0});
    Received r = receive_message(pair.second.get(), false);
    QCOMPARE(r.status, ReceiveStatus::Ok);
    QVERIFY(std::holds_alternative<ChildStarted>(*r.message));
    QVERIFY(r.passed[0] && r.passed[1]);
    QCOMPARE(::write(r.passed[1].get(), "x", 1), ssize_t{1}); // the second is the write end...
    char c = 0;
    QCOMPARE(::read(read_end.get(), &c, 1), ssize_t{1}); // ...of the pipe whose first end we read
    QCOMPARE(c, 'x');
    Received plain = receive_message(pair.second.get(), false);
    QCOMPARE(plain.status, ReceiveStatus::Ok);
    QVERIFY(!plain.passed[0] && !plain.passed[1]);
    int three[] = {read_end.get(), read_end.get(), read_end.get()};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, send_message(pair.first.get(), ChildJoined{}, three));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
