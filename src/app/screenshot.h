#pragma once

#include <QString>
#include <QStringList>

class MainWindow;

// Applies --set field=value assignments to the selected scenario's config; the first problem,
// naming the field, or an empty string.
QString applyAssignments(MainWindow& window, const QStringList& assignments);

// Saves a picture of the window (rendered by the app itself, so it works offscreen too) and
// quits: `atMs` after the run starts, when the run finishes (atMs < 0 and a run), or at once.
void scheduleScreenshot(MainWindow& window, const QString& path, bool withRun, int atMs);
