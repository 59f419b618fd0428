// What a scenario file or a run file from someone else can make ForkScope do, through the real
// forkscope-cli: never run a command (shell syntax in every string is only ever text), never
// write outside the destination the user chose (links planted in it are not followed, copies
// carry no set-user-ID bit), and a run's shared memory and temporary files are the user's alone.

#include "support/cli_runner.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <sys/stat.h>

using forkscope::testing::CliResult;
using forkscope::testing::runCli;

namespace {

void writeText(const QString& path, const QByteArray& text)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(f.write(text), text.size());
}

QByteArray readText(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

// Shell syntax that would create `canary` if anything ever handed the text to a shell.
QStringList commandsCreating(const QString& canary)
{
    return {QStringLiteral("$(touch %1)").arg(canary), QStringLiteral("`touch %1`").arg(canary),
            QStringLiteral("x; touch %1").arg(canary), QStringLiteral("x && touch %1 #").arg(canary),
            QStringLiteral("x | touch %1").arg(canary)};
}

} // namespace

class TestUntrustedFiles : public QObject {
    Q_OBJECT

private slots:
    void scenarioFileStringsNeverRunACommand();
    void runFileStringsNeverRunACommand();
    void folderCopyNeverWritesThroughALinkInTheDestination();
    void copiesCarryNoSetUserIdBit();
    void sharedMemoryAndTemporaryFilesAreTheUsersAlone();
};

void TestUntrustedFiles::scenarioFileStringsNeverRunACommand()
{
    QTemporaryDir dir;
    const QString canary = dir.filePath(QStringLiteral("canary"));
    const QString source = dir.filePath(QStringLiteral("source"));
    QVERIFY(QDir().mkpath(source));
    writeText(source + QStringLiteral("/a.txt"), "a");
    for (const QString& command : commandsCreating(canary)) {
        const QByteArray quoted = command.toUtf8().replace('\\', "\\\\").replace('"', "\\\""); // as a JSON string
        const QString file = dir.filePath(QStringLiteral("s.json"));
        // As the scenario, as a choice, as both folders of a folder copy, and as an unknown key.
        const QList<QByteArray> documents{
            R"({"format": "forkscope-scenario", "version": 1, "scenario": ")" + quoted + R"(", "config": {}})",
            R"({"format": "forkscope-scenario", "version": 1, "scenario": "processes", "config": {"join": ")" + quoted +
                R"("}})",
            R"({"format": "forkscope-scenario", "version": 1, "scenario": "folder-copy", "config": {"source": ")" +
                quoted + R"(", "destination": ")" + dir.filePath(QStringLiteral("out")).toUtf8() + R"("}})",
            R"({"format": "forkscope-scenario", "version": 1, "scenario": "folder-copy", "config": {"source": ")" +
                source.toUtf8() + R"(", "destination": ")" + quoted + R"("}})",
            R"({"format": "forkscope-scenario", "version": 1, "scenario": "processes", "config": {")" + quoted +
                R"(": 1}})"};
        for (const QByteArray& document : documents) {
            writeText(file, document);
            const CliResult r = runCli({QStringLiteral("run"), file});
            QVERIFY2(r.exitCode == 2 || r.exitCode == 0 || r.exitCode == 3,
                     qPrintable(QString::fromUtf8(document) + r.err));
            QVERIFY2(!QFileInfo::exists(canary), qPrintable(QStringLiteral("ran: ") + QString::fromUtf8(document)));
        }
        // And through --set, where a shell would not have seen it either.
        runCli({QStringLiteral("run"), QStringLiteral("processes"), QStringLiteral("--set"),
                QStringLiteral("join=") + command});
        QVERIFY(!QFileInfo::exists(canary));
    }
}

void TestUntrustedFiles::runFileStringsNeverRunACommand()
{
    // A real run file, its names, output and config replaced with shell syntax, then shown.
    QTemporaryDir dir;
    const QString canary = dir.filePath(QStringLiteral("canary"));
    const QString run = dir.filePath(QStringLiteral("run.json"));
    QCOMPARE(runCli({QStringLiteral("run"), QStringLiteral("processes"), QStringLiteral("--set"),
                     QStringLiteral("workers=2"), QStringLiteral("--set"), QStringLiteral("work_ms=1"),
                     QStringLiteral("--export"), run})
                 .exitCode,
             0);
    QByteArray text = readText(run);
    int replaced = 0;
    for (const QString& name :
         {QStringLiteral("Process-1"), QStringLiteral("Process-2"), QStringLiteral("MainProcess")}) {
        const QByteArray command = commandsCreating(canary).at(replaced % 5).toUtf8().replace('"', "\\\"");
        replaced += text.count(name.toUtf8()) > 0;
        text.replace(name.toUtf8(), command);
    }
    QVERIFY(replaced > 0);
    writeText(run, text);
    const CliResult shown = runCli({QStringLiteral("show"), run});
    QCOMPARE(shown.exitCode, 0);
    QVERIFY2(shown.out.contains(QStringLiteral("touch ")), qPrintable(shown.out)); // shown as text
    QVERIFY(!QFileInfo::exists(canary));
}

void TestUntrustedFiles::folderCopyNeverWritesThroughALinkInTheDestination()
{
    // The destination holds links, planted under a source file's name and under the name of that
    // file's temporary, leading to a file outside it. Neither is followed, with or without
    // --set overwrite=true: the outside file keeps its bytes.
    for (const bool overwrite : {false, true}) {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("source")),
                      destination = dir.filePath(QStringLiteral("destination"));
        const QString outside = dir.filePath(QStringLiteral("outside.txt")),
                      outsideToo = dir.filePath(QStringLiteral("outside2.txt"));
        QVERIFY(QDir().mkpath(source) && QDir().mkpath(destination));
        writeText(source + QStringLiteral("/a.txt"), "from the source");
        writeText(source + QStringLiteral("/b.txt"), "from the source too");
        writeText(outside, "outside");
        writeText(outsideToo, "outside too");
        QVERIFY(QFile::link(outside, destination + QStringLiteral("/a.txt")));
        QVERIFY(QFile::link(outsideToo, destination + QStringLiteral("/.b.txt.forkscope-part")));
        const CliResult r =
            runCli({QStringLiteral("run"), QStringLiteral("folder-copy"), QStringLiteral("--set"),
                    QStringLiteral("source=") + source, QStringLiteral("--set"),
                    QStringLiteral("destination=") + destination, QStringLiteral("--set"),
                    QStringLiteral("overwrite=%1").arg(overwrite ? QStringLiteral("true") : QStringLiteral("false"))});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 3, qPrintable(r.out + r.err));
        QCOMPARE(readText(outside), QByteArray("outside"));
        QCOMPARE(readText(outsideToo), QByteArray("outside too"));
        QCOMPARE(readText(destination + QStringLiteral("/b.txt")), QByteArray("from the source too"));
        QVERIFY(!QFileInfo(destination + QStringLiteral("/b.txt")).isSymLink());
        if (overwrite) { // the link itself is replaced by the copy
            QVERIFY(!QFileInfo(destination + QStringLiteral("/a.txt")).isSymLink());
            QCOMPARE(readText(destination + QStringLiteral("/a.txt")), QByteArray("from the source"));
        } else {
            QVERIFY(QFileInfo(destination + QStringLiteral("/a.txt")).isSymLink());
        }
        // Nothing appeared beside the destination either.
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).size(), 4);
    }
}

void TestUntrustedFiles::copiesCarryNoSetUserIdBit()
{
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("source")),
                  destination = dir.filePath(QStringLiteral("destination"));
    QVERIFY(QDir().mkpath(source));
    const QString program = source + QStringLiteral("/program");
    writeText(program, "#!/bin/sh\n");
    QVERIFY(::chmod(QFile::encodeName(program).constData(), 06755) == 0);
    const CliResult r = runCli({QStringLiteral("run"), QStringLiteral("folder-copy"), QStringLiteral("--set"),
                                QStringLiteral("source=") + source, QStringLiteral("--set"),
                                QStringLiteral("destination=") + destination});
    QCOMPARE(r.exitCode, 0);
    struct stat copied {};
    QVERIFY(::stat(QFile::encodeName(destination + QStringLiteral("/program")).constData(), &copied) == 0);
    QCOMPARE(copied.st_mode & 07777, 0755u);
}

void TestUntrustedFiles::sharedMemoryAndTemporaryFilesAreTheUsersAlone()
{
    // A ticket race held open: the memfds of its main process and of its supervisor (the
    // telemetry) and the folder with the stock file give nobody but the owner any access.
    QTemporaryDir tmp;
    QProcess cli;
    forkscope::testing::startLongTicketRace(cli, tmp.path(), 2);
    QVERIFY(cli.waitForStarted());
    QString out;
    static const QRegularExpression started(QStringLiteral("\\] started +tourist-"));
    QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(cli.readAllStandardOutput()), out.count(started) == 2), 20000);
    const QRegularExpressionMatch pids =
        QRegularExpression(QStringLiteral("main process pid (\\d+) \\(parent (\\d+)\\)")).match(out);
    QVERIFY2(pids.hasMatch(), qPrintable(out));
    int memfds = 0;
    for (const QString& pid : {pids.captured(1), pids.captured(2)}) {
        const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
        for (const QString& fd : fds.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System)) {
            if (!QFile::symLinkTarget(fds.filePath(fd)).contains(QStringLiteral("memfd:")))
                continue;
            struct stat s {};
            QVERIFY(::stat(QFile::encodeName(fds.filePath(fd)).constData(), &s) == 0);
            QVERIFY2((s.st_mode & 077) == 0,
                     qPrintable(QStringLiteral("fd %1 mode %2").arg(fd).arg(s.st_mode & 0777, 0, 8)));
            ++memfds;
        }
    }
    QVERIFY(memfds >= 1);
    const QStringList folders = QDir(tmp.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(folders.size(), 1);
    QDirIterator it(tmp.path(), QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        struct stat s {};
        const QString folder = it.next();
        QVERIFY(::stat(QFile::encodeName(folder).constData(), &s) == 0);
        QVERIFY2((s.st_mode & 077) == 0, qPrintable(folder));
    }
    cli.kill();
    QVERIFY(cli.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(TestUntrustedFiles)
#include "tst_untrustedfiles.moc"
