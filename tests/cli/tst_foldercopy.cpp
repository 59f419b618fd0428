// The folder-copy scenario's edge cases, through forkscope-cli: links, things that are not files,
// unreadable files, files that vanish, change or get replaced while the copy runs, a full disk
// (RLIMIT_FSIZE) and names that clash. Each ends in one line per file saying what happened, and
// nothing but complete copies under final names, and no temporary left behind.
//
// Races are not left to timing: with one pool worker the files are copied one after another in
// name order, and the test stops that worker (SIGSTOP) while it is inside the first file — its
// temporary exists, its final name does not, so no later file has been opened — changes things,
// and lets it go on (SIGCONT).

#include "support/cli_runner.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using forkscope::testing::CliResult;
using forkscope::testing::runResult;

namespace {

constexpr int kRunFailed = 3;

void writeFile(const QString& path, qint64 size, char fill = 'x')
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(f.write(QByteArray(size, fill)), size);
}

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

// The result's "table": file name → [outcome, why].
QHash<QString, QStringList> problems(const QJsonObject& result)
{
    QHash<QString, QStringList> out;
    for (const QJsonValue& row :
         result.value(QStringLiteral("table")).toObject().value(QStringLiteral("rows")).toArray()) {
        const QJsonArray cells = row.toArray();
        out.insert(cells[0].toString(), {cells[1].toString(), cells[2].toString()});
    }
    return out;
}

// Every name in `folder`, hidden ones too (a temporary is hidden).
QStringList namesIn(const QString& folder)
{
    return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

QStringList folderCopySets(const QString& source, const QString& destination)
{
    return {QStringLiteral("source=") + source, QStringLiteral("destination=") + destination};
}

// A run whose single copier can be stopped inside `first` (sorted first, slow: 1 KiB chunks,
// 20 ms apart — about two seconds for 100 KiB).
class PausableCopy {
public:
    PausableCopy(const QString& source, const QString& destination)
        : m_destination(destination), m_export(m_dir.filePath(QStringLiteral("run.json")))
    {
        QStringList arguments{QStringLiteral("run"), QStringLiteral("folder-copy"), QStringLiteral("--export"),
                              m_export};
        for (const QString& s : folderCopySets(source, destination) + QStringList{QStringLiteral("pool_size=1"),
                                                                                  QStringLiteral("chunk_kb=1"),
                                                                                  QStringLiteral("chunk_delay_ms=20")})
            arguments << QStringLiteral("--set") << s;
        m_cli.start(QStringLiteral(FORKSCOPE_CLI_PATH), arguments);
    }
    ~PausableCopy()
    {
        if (m_worker > 0)
            ::kill(m_worker, SIGCONT);
        if (m_cli.state() != QProcess::NotRunning) {
            m_cli.kill();
            m_cli.waitForFinished(5000);
        }
    }

    // Waits for the copy of `name` to be under way and stops the copier there; false if it
    // could not be caught inside it.
    bool pauseInside(const QString& name)
    {
        const QString temporary = m_destination + QStringLiteral("/.") + name + QStringLiteral(".forkscope-part");
        static const QRegularExpression started(QStringLiteral("started +ForkPoolWorker-\\d+ +pid (\\d+)"));
        if (!QTest::qWaitFor([&] { return workerFound(started) && QFileInfo::exists(temporary); }, 20000))
            return false;
        ::kill(m_worker, SIGSTOP);
        // Stopped now: the temporary still there and no final name means it is inside the copy.
        return QTest::qWaitFor([this] { return stopped(); }, 5000) && QFileInfo::exists(temporary) &&
               !QFileInfo::exists(m_destination + QLatin1Char('/') + name);
    }
    void resume()
    {
        ::kill(m_worker, SIGCONT);
        m_worker = 0;
    }
    // Waits for the end (bounded) and returns the exit code; `result` is the run's result.
    int finish(QJsonObject* result)
    {
        if (!m_cli.waitForFinished(60000))
            return -1;
        m_out += QString::fromUtf8(m_cli.readAllStandardOutput());
        QFile file(m_export);
        if (file.open(QIODevice::ReadOnly))
            *result = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("result")).toObject();
        return m_cli.exitStatus() == QProcess::NormalExit ? m_cli.exitCode() : -1;
    }
    [[nodiscard]] const QString& out() const { return m_out; }

private:
    bool workerFound(const QRegularExpression& started)
    {
        m_out += QString::fromUtf8(m_cli.readAllStandardOutput());
        const QRegularExpressionMatch m = started.match(m_out);
        if (m.hasMatch())
            m_worker = m.captured(1).toInt();
        return m_worker > 0;
    }
    bool stopped() const
    {
        QFile status(QStringLiteral("/proc/%1/stat").arg(m_worker));
        if (!status.open(QIODevice::ReadOnly))
            return false;
        const QByteArray line = status.readAll();
        const qsizetype close = line.lastIndexOf(')'); // the state follows the (name)
        return close > 0 && line.mid(close + 2, 1) == "T";
    }

    QTemporaryDir m_dir;
    QString m_destination;
    QString m_export;
    QProcess m_cli;
    QString m_out;
    pid_t m_worker = 0;
};

} // namespace

class TestFolderCopy : public QObject {
    Q_OBJECT

private slots:
    void init();
    void destinationInsideTheSourceThroughALinkIsRefused();
    void linksAreCopiedAsLinksOnlyInsideTheSource();
    void foldersAndSpecialFilesAreSkipped();
    void unreadableFileFailsAlone();
    void fileReplacedBeforeItsTurnIsNeverOpened();
    void fileVanishingBeforeOrDuringItsCopyIsReported();
    void fileChangingDuringItsCopyIsReported();
    void fileSizeLimitFailsOnlyTheBigFile_data();
    void fileSizeLimitFailsOnlyTheBigFile();
    void destinationNameTakenDuringTheCopyIsLeftAlone();
    void destinationFolderInTheWayFailsWithOverwrite();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_source;
    QString m_destination;
};

void TestFolderCopy::init()
{
    m_dir = std::make_unique<QTemporaryDir>(); // a fresh folder for each test
    QVERIFY(m_dir->isValid());
    m_source = m_dir->filePath(QStringLiteral("src"));
    m_destination = m_dir->filePath(QStringLiteral("dst"));
    QVERIFY(QDir().mkpath(m_source));
}

void TestFolderCopy::destinationInsideTheSourceThroughALinkIsRefused()
{
    writeFile(m_source + QStringLiteral("/a.txt"), 10);
    QVERIFY(QFile::link(m_source, m_dir->filePath(QStringLiteral("alias"))));
    for (const QString& destination :
         {m_dir->filePath(QStringLiteral("alias")), m_dir->filePath(QStringLiteral("alias/new"))}) {
        const CliResult r =
            forkscope::testing::runCli({QStringLiteral("run"), QStringLiteral("folder-copy"), QStringLiteral("--set"),
                                        QStringLiteral("source=") + m_source, QStringLiteral("--set"),
                                        QStringLiteral("destination=") + destination});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("destination: ") + destination +
                                QStringLiteral(" is inside the source folder")),
                 qPrintable(r.err));
    }
    QCOMPARE(namesIn(m_source), QStringList{QStringLiteral("a.txt")});
}

void TestFolderCopy::linksAreCopiedAsLinksOnlyInsideTheSource()
{
    writeFile(m_source + QStringLiteral("/a.txt"), 100);
    writeFile(m_dir->filePath(QStringLiteral("outside.txt")), 100);
    const QString absoluteInside = m_source + QStringLiteral("/a.txt");
    const QString absoluteOutside = m_dir->filePath(QStringLiteral("outside.txt"));
    const QHash<QString, QString> links{{QStringLiteral("in"), QStringLiteral("a.txt")},
                                        {QStringLiteral("in_abs"), absoluteInside},
                                        {QStringLiteral("in_roundabout"), QStringLiteral("../src/a.txt")},
                                        {QStringLiteral("up"), QStringLiteral("../outside.txt")},
                                        {QStringLiteral("out_abs"), absoluteOutside},
                                        {QStringLiteral("out_chain"), QStringLiteral("up")},
                                        {QStringLiteral("nowhere"), QStringLiteral("missing.txt")}};
    for (auto it = links.begin(); it != links.end(); ++it)
        QVERIFY(::symlink(it.value().toUtf8().constData(),
                          (m_source + QLatin1Char('/') + it.key()).toUtf8().constData()) == 0);
    CliResult cli;
    const QJsonObject r = runResult(QStringLiteral("folder-copy"), folderCopySets(m_source, m_destination), &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err)); // refusing a link is not a failure
    QCOMPARE(r.value(QStringLiteral("copied")).toInt(), 4);
    QCOMPARE(r.value(QStringLiteral("links")).toInt(), 3);
    QCOMPARE(r.value(QStringLiteral("skipped")).toInt(), 4);
    QCOMPARE(r.value(QStringLiteral("failed")).toInt(), 0);
    for (const QString& name : {QStringLiteral("in"), QStringLiteral("in_abs"), QStringLiteral("in_roundabout")}) {
        char target[4096] = {};
        QVERIFY(::readlink((m_destination + QLatin1Char('/') + name).toUtf8().constData(), target, sizeof target - 1) >
                0);
        QCOMPARE(QString::fromUtf8(target), links.value(name)); // the same text, not what it points to
    }
    const auto table = problems(r);
    for (const QString& name : {QStringLiteral("up"), QStringLiteral("out_abs"), QStringLiteral("out_chain")}) {
        QCOMPARE(table.value(name).value(0), QStringLiteral("skipped"));
        QVERIFY2(table.value(name).value(1).startsWith(QStringLiteral("a link to ") + links.value(name) +
                                                       QStringLiteral(", outside the source folder")),
                 qPrintable(table.value(name).value(1)));
        QVERIFY2(cli.out.contains(QStringLiteral("main: ") + name + QStringLiteral(": not copied: a link to ")),
                 qPrintable(cli.out));
    }
    QVERIFY2(table.value(QStringLiteral("nowhere")).value(1).contains(QStringLiteral("which leads nowhere")),
             qPrintable(cli.out));
    QCOMPARE(namesIn(m_destination), (QStringList{QStringLiteral("a.txt"), QStringLiteral("in"),
                                                  QStringLiteral("in_abs"), QStringLiteral("in_roundabout")}));
}

void TestFolderCopy::foldersAndSpecialFilesAreSkipped()
{
    writeFile(m_source + QStringLiteral("/a.txt"), 100);
    QVERIFY(QDir().mkpath(m_source + QStringLiteral("/sub")));
    QVERIFY(::mkfifo((m_source + QStringLiteral("/pipe")).toUtf8().constData(), 0644) == 0); // opening it would block
    CliResult cli;
    const QJsonObject r = runResult(QStringLiteral("folder-copy"), folderCopySets(m_source, m_destination), &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(r.value(QStringLiteral("files")).toInt(), 3);
    QCOMPARE(r.value(QStringLiteral("copied")).toInt(), 1);
    QCOMPARE(r.value(QStringLiteral("skipped")).toInt(), 2);
    const auto table = problems(r);
    QCOMPARE(table.value(QStringLiteral("sub")),
             (QStringList{QStringLiteral("skipped"),
                          QStringLiteral("a folder; only the files directly in the source folder are copied")}));
    QCOMPARE(table.value(QStringLiteral("pipe")),
             (QStringList{QStringLiteral("skipped"), QStringLiteral("a FIFO, not a regular file")}));
    QCOMPARE(namesIn(m_destination), QStringList{QStringLiteral("a.txt")});
}

void TestFolderCopy::unreadableFileFailsAlone()
{
    if (::geteuid() == 0)
        QSKIP(
            "root reads a file of mode 000 anyway; fileReplacedBeforeItsTurnIsNeverOpened covers unreadable files for root");
    writeFile(m_source + QStringLiteral("/a.txt"), 100);
    writeFile(m_source + QStringLiteral("/secret.txt"), 100);
    QVERIFY(::chmod((m_source + QStringLiteral("/secret.txt")).toUtf8().constData(), 0) == 0);
    CliResult cli;
    const QJsonObject r =
        runResult(QStringLiteral("folder-copy"), folderCopySets(m_source, m_destination), &cli, 60000, kRunFailed);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(problems(r).value(QStringLiteral("secret.txt")),
             (QStringList{QStringLiteral("failed"), QStringLiteral("cannot be read: EACCES (Permission denied)")}));
    QVERIFY(cli.out.contains(QStringLiteral("main: secret.txt: failed: cannot be read: EACCES (Permission denied)")));
    QCOMPARE(namesIn(m_destination), QStringList{QStringLiteral("a.txt")});
}

void TestFolderCopy::fileReplacedBeforeItsTurnIsNeverOpened()
{
    // Listed as regular files, then swapped while the copier is busy with a.bin: b for a FIFO
    // (opening it for reading would block for ever), c for a link to a file outside the source.
    writeFile(m_source + QStringLiteral("/a.bin"), 100 * 1024);
    for (const char* name : {"b.fifo", "c.link", "d.txt"})
        writeFile(m_source + QLatin1Char('/') + QLatin1String(name), 100);
    writeFile(m_dir->filePath(QStringLiteral("private.txt")), 100, 'p');
    PausableCopy copy(m_source, m_destination);
    QVERIFY2(copy.pauseInside(QStringLiteral("a.bin")), qPrintable(copy.out()));
    QVERIFY(QFile::remove(m_source + QStringLiteral("/b.fifo")) && QFile::remove(m_source + QStringLiteral("/c.link")));
    QVERIFY(::mkfifo((m_source + QStringLiteral("/b.fifo")).toUtf8().constData(), 0644) == 0);
    QVERIFY(QFile::link(m_dir->filePath(QStringLiteral("private.txt")), m_source + QStringLiteral("/c.link")));
    copy.resume();
    QJsonObject r;
    QCOMPARE(copy.finish(&r), kRunFailed);
    const auto table = problems(r);
    QCOMPARE(
        table.value(QStringLiteral("b.fifo")),
        (QStringList{QStringLiteral("failed"),
                     QStringLiteral("is no longer a regular file (it was replaced after the folder was listed)")}));
    QCOMPARE(table.value(QStringLiteral("c.link")),
             (QStringList{QStringLiteral("failed"),
                          QStringLiteral("became a symbolic link after the folder was listed: not followed")}));
    QVERIFY2(copy.out().contains(QStringLiteral("main: c.link: failed: became a symbolic link")),
             qPrintable(copy.out()));
    QCOMPARE(r.value(QStringLiteral("copied")).toInt(), 2);
    QCOMPARE(namesIn(m_destination), (QStringList{QStringLiteral("a.bin"), QStringLiteral("d.txt")}));
}

void TestFolderCopy::fileVanishingBeforeOrDuringItsCopyIsReported()
{
    writeFile(m_source + QStringLiteral("/a.bin"), 100 * 1024);
    writeFile(m_source + QStringLiteral("/b.txt"), 100);
    writeFile(m_source + QStringLiteral("/c.txt"), 100);
    PausableCopy copy(m_source, m_destination);
    QVERIFY2(copy.pauseInside(QStringLiteral("a.bin")), qPrintable(copy.out()));
    QVERIFY(QFile::remove(m_source + QStringLiteral("/a.bin"))); // open: it is read to the end anyway
    QVERIFY(QFile::remove(m_source + QStringLiteral("/b.txt")));
    copy.resume();
    QJsonObject r;
    QCOMPARE(copy.finish(&r), kRunFailed);
    const auto table = problems(r);
    QCOMPARE(table.value(QStringLiteral("a.bin")),
             (QStringList{QStringLiteral("failed"), QStringLiteral("vanished while it was being copied: not copied")}));
    QCOMPARE(table.value(QStringLiteral("b.txt")),
             (QStringList{QStringLiteral("failed"),
                          QStringLiteral("vanished before it could be copied: ENOENT (No such file or directory)")}));
    QCOMPARE(r.value(QStringLiteral("failed")).toInt(), 2);
    QVERIFY2(
        copy.out().contains(QStringLiteral("2 of 3 files were not copied (2 failed, 0 already in the destination")),
        qPrintable(copy.out()));
    QCOMPARE(namesIn(m_destination), QStringList{QStringLiteral("c.txt")});
}

void TestFolderCopy::fileChangingDuringItsCopyIsReported()
{
    writeFile(m_source + QStringLiteral("/a.bin"), 100 * 1024);
    writeFile(m_source + QStringLiteral("/b.txt"), 100);
    PausableCopy copy(m_source, m_destination);
    QVERIFY2(copy.pauseInside(QStringLiteral("a.bin")), qPrintable(copy.out()));
    QVERIFY(::truncate((m_source + QStringLiteral("/a.bin")).toUtf8().constData(), 10) == 0);
    copy.resume();
    QJsonObject r;
    QCOMPARE(copy.finish(&r), kRunFailed);
    QCOMPARE(problems(r).value(QStringLiteral("a.bin")),
             (QStringList{QStringLiteral("failed"), QStringLiteral("changed while it was being copied: not copied")}));
    QCOMPARE(namesIn(m_destination), QStringList{QStringLiteral("b.txt")});
}

void TestFolderCopy::fileSizeLimitFailsOnlyTheBigFile_data()
{
    QTest::addColumn<bool>("hard");
    QTest::newRow("soft limit (ulimit -S -f)") << false;
    QTest::newRow("hard limit too (ulimit -f)") << true;
}

void TestFolderCopy::fileSizeLimitFailsOnlyTheBigFile()
{
    // A full disk, simulated: RLIMIT_FSIZE, inherited by every process of the run. The copier
    // must get EFBIG from write() rather than die of SIGXFSZ, and remove its temporary. The CLI
    // writes no file here (no export): the limit applies to it too. Under a soft limit the
    // supervisor lifts it for its telemetry memfd; under a hard one the run goes on without.
    QFETCH(bool, hard);
    writeFile(m_source + QStringLiteral("/big.bin"), 300 * 1024);
    writeFile(m_source + QStringLiteral("/small.bin"), 10 * 1024, 's');
    const CliResult cli = forkscope::testing::runCli(
        {QStringLiteral("run"), QStringLiteral("folder-copy"), QStringLiteral("--set"),
         QStringLiteral("source=") + m_source, QStringLiteral("--set"), QStringLiteral("destination=") + m_destination},
        60000, [hard] {
            const rlimit limit{64 * 1024, hard ? 64 * 1024 : RLIM_INFINITY};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
    QCOMPARE(cli.exitCode, kRunFailed);
    QVERIFY2(
        cli.out.contains(QStringLiteral("main: big.bin: failed: write failed: the file size limit (RLIMIT_FSIZE) was "
                                        "reached: EFBIG (File too large)")),
        qPrintable(cli.out + cli.err));
    QVERIFY2(!cli.out.contains(QStringLiteral("SIGXFSZ")) && !cli.err.contains(QStringLiteral("SIGXFSZ")),
             qPrintable(cli.out + cli.err));
    QVERIFY(cli.out.contains(QStringLiteral("1 of 2 files were not copied (1 failed")));
    QCOMPARE(cli.out.contains(QStringLiteral("running without telemetry")), hard);
    QCOMPARE(namesIn(m_destination), QStringList{QStringLiteral("small.bin")});
    QCOMPARE(contents(m_destination + QStringLiteral("/small.bin")), QByteArray(10 * 1024, 's'));
}

void TestFolderCopy::destinationNameTakenDuringTheCopyIsLeftAlone()
{
    writeFile(m_source + QStringLiteral("/a.bin"), 100 * 1024);
    writeFile(m_source + QStringLiteral("/b.txt"), 100);
    PausableCopy copy(m_source, m_destination);
    QVERIFY2(copy.pauseInside(QStringLiteral("a.bin")), qPrintable(copy.out()));
    writeFile(m_destination + QStringLiteral("/a.bin"), 4, 'm'); // someone else's, made meanwhile
    copy.resume();
    QJsonObject r;
    QCOMPARE(copy.finish(&r), kRunFailed);
    QCOMPARE(problems(r).value(QStringLiteral("a.bin")),
             (QStringList{QStringLiteral("skipped"),
                          QStringLiteral("exists, not replaced (it appeared in the destination during the "
                                         "copy; set overwrite to replace it)")}));
    QCOMPARE(r.value(QStringLiteral("exists")).toInt(), 1);
    QCOMPARE(contents(m_destination + QStringLiteral("/a.bin")), QByteArray("mmmm"));
    QCOMPARE(namesIn(m_destination), (QStringList{QStringLiteral("a.bin"), QStringLiteral("b.txt")}));
}

void TestFolderCopy::destinationFolderInTheWayFailsWithOverwrite()
{
    writeFile(m_source + QStringLiteral("/a.txt"), 100);
    writeFile(m_source + QStringLiteral("/b.txt"), 100);
    QVERIFY(QDir().mkpath(m_destination + QStringLiteral("/b.txt/inside")));
    CliResult cli;
    const QJsonObject r =
        runResult(QStringLiteral("folder-copy"),
                  folderCopySets(m_source, m_destination) + QStringList{QStringLiteral("overwrite=true")}, &cli, 60000,
                  kRunFailed);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(problems(r).value(QStringLiteral("b.txt")),
             (QStringList{QStringLiteral("failed"),
                          QStringLiteral("cannot be given its final name: EISDIR (Is a directory)")}));
    QCOMPARE(namesIn(m_destination), (QStringList{QStringLiteral("a.txt"), QStringLiteral("b.txt")}));
    QCOMPARE(namesIn(m_destination + QStringLiteral("/b.txt")), QStringList{QStringLiteral("inside")});
}

QTEST_GUILESS_MAIN(TestFolderCopy)
#include "tst_foldercopy.moc"
