#pragma once

// Runs forkscope-cli as a user would, for the CLI and scenario tests.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace forkscope::testing {

struct CliResult {
    int exitCode = -1; // -1: it crashed or did not finish in time
    QString out;
    QString err;
};

inline CliResult runCli(const QStringList& arguments, int timeoutMs = 30000)
{
    QProcess cli;
    cli.start(QStringLiteral(FORKSCOPE_CLI_PATH), arguments);
    if (!cli.waitForFinished(timeoutMs)) {
        cli.kill();
        cli.waitForFinished();
        return {};
    }
    return {cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1, QString::fromUtf8(cli.readAllStandardOutput()),
            QString::fromUtf8(cli.readAllStandardError())};
}

// A run of `scenario` with `--set` assignments, exported as a run file; its "result" object
// (empty if the run or the export failed, with the output in `cli`).
inline QJsonObject runResult(const QString& scenario, const QStringList& sets, CliResult* cli = nullptr, int timeoutMs = 60000)
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
    if (r.exitCode != 0 || !file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("result")).toObject();
}

} // namespace forkscope::testing
