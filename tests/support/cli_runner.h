#pragma once

// Runs forkscope-cli as a user would, for the CLI and scenario tests.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

#include <functional>

namespace forkscope::testing {

struct CliResult {
    int exitCode = -1; // -1: it crashed or did not finish in time
    QString out;
    QString err;
};

// `childSetup` runs in the forked child before it executes the CLI (limits, user ids, …).
inline CliResult runCli(const QStringList& arguments, int timeoutMs = 30000,
                        const std::function<void()>& childSetup = {})
{
    QProcess cli;
    if (childSetup)
        cli.setChildProcessModifier(childSetup);
    cli.start(QStringLiteral(FORKSCOPE_CLI_PATH), arguments);
    if (!cli.waitForFinished(timeoutMs)) {
        cli.kill();
        cli.waitForFinished();
        return {};
    }
    return {cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1,
            QString::fromUtf8(cli.readAllStandardOutput()), QString::fromUtf8(cli.readAllStandardError())};
}

// Starts a ticket race of `buyers` buyers that read the stock for a minute, so it is surely
// still going when a test looks at it; its temporary files go under `tmpdir`.
inline void startLongTicketRace(QProcess& cli, const QString& tmpdir, int buyers)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TMPDIR"), tmpdir);
    cli.setProcessEnvironment(env);
    cli.start(QStringLiteral(FORKSCOPE_CLI_PATH),
              {QStringLiteral("run"), QStringLiteral("ticket-race"), QStringLiteral("--set"),
               QStringLiteral("buyers=%1").arg(buyers), QStringLiteral("--set"), QStringLiteral("read_ms=60000")});
}

// A run of `scenario` with `--set` assignments, exported as a run file: the whole file (empty if
// the CLI did not exit with `expectedExit` or the export failed, with the output in `cli`). A
// failed run (exit code 3) is exported too.
inline QJsonObject runFile(const QString& scenario, const QStringList& sets, CliResult* cli = nullptr,
                           int timeoutMs = 60000, int expectedExit = 0)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QStringList arguments{QStringLiteral("run"), scenario, QStringLiteral("--export"), path};
    for (const QString& s : sets)
        arguments << QStringLiteral("--set") << s;
    const CliResult r = runCli(arguments, timeoutMs);
    if (cli)
        *cli = r;
    QFile file(path);
    if (r.exitCode != expectedExit || !file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The same run's "result" object: what the scenario itself reported.
inline QJsonObject runResult(const QString& scenario, const QStringList& sets, CliResult* cli = nullptr,
                             int timeoutMs = 60000, int expectedExit = 0)
{
    return runFile(scenario, sets, cli, timeoutMs, expectedExit).value(QStringLiteral("result")).toObject();
}

} // namespace forkscope::testing
