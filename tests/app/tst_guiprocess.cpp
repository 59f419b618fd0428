// The forkscope binary as a process: SIGKILLed in the middle of a run, it leaves no process (not
// even a zombie) after 1 s, nothing in its $TMPDIR and nothing in /dev/shm. Runs offscreen and,
// where xvfb-run exists, once more under X11 (xcb loads D-Bus, whose atexit handler must never
// run in a forked child).

#include "support/run_client.h"
#include "support/shm_leftovers.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/prctl.h>

#include <map>
#include <vector>

namespace {

// Every descendant of `root`, from /proc: children, their children, …
std::vector<pid_t> descendants(pid_t root)
{
    std::multimap<pid_t, pid_t> children;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool number = false;
        const pid_t pid = entry.toInt(&number);
        if (const pid_t parent = number ? forkscope::testing::parent_of(pid) : 0)
            children.emplace(parent, pid);
    }
    std::vector<pid_t> out;
    std::vector<pid_t> todo{root};
    while (!todo.empty()) {
        const pid_t parent = todo.back();
        todo.pop_back();
        for (auto [it, end] = children.equal_range(parent); it != end; ++it) {
            out.push_back(it->second);
            todo.push_back(it->second);
        }
    }
    return out;
}

} // namespace

class TestGuiProcess : public QObject {
    Q_OBJECT

private slots:
    void killedGuiLeavesNoProcessAndNoFile();
};

void TestGuiProcess::killedGuiLeavesNoProcessAndNoFile()
{
    QVERIFY(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0); // orphans come here: "gone" is told from "zombie"
    const QStringList shmBefore = forkscope::testing::shmEntries();
    QTemporaryDir tmp, home, runtime;
    QVERIFY(QFile::setPermissions(runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TMPDIR"), tmp.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path()); // no settings of the user's
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path()); // else Qt makes one in $TMPDIR
    QProcess gui;
    gui.setProcessEnvironment(env);
    gui.setProcessChannelMode(QProcess::ForwardedChannels);
    // A ticket race whose buyers read for a minute: the run is surely going when the GUI dies.
    gui.start(QStringLiteral(FORKSCOPE_GUI_PATH),
              {QStringLiteral("--scenario"), QStringLiteral("ticket-race"), QStringLiteral("--set"),
               QStringLiteral("buyers=3"), QStringLiteral("--set"), QStringLiteral("read_ms=60000"),
               QStringLiteral("--start")});
    QVERIFY(gui.waitForStarted());
    const auto guiPid = static_cast<pid_t>(gui.processId());
    // The fork server, the run's supervisor, its main process and the 3 buyers.
    std::vector<pid_t> pids;
    QTRY_VERIFY_WITH_TIMEOUT((pids = descendants(guiPid)).size() == 6, 20000);
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(),
             1); // the server's folder, the stock file in it

    QVERIFY(::kill(guiPid, SIGKILL) == 0);
    QVERIFY(gui.waitForFinished(10000));
    QVERIFY2(forkscope::testing::wait_all_gone(pids, std::chrono::milliseconds(1000)),
             forkscope::testing::describe_present(pids).c_str());
    QTRY_VERIFY_WITH_TIMEOUT(
        QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty(), 1000);
    const QStringList left = forkscope::testing::shmLeftovers(shmBefore);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestGuiProcess)
#include "tst_guiprocess.moc"
