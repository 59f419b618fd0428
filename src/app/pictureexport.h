#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

class QMenu;
class QWidget;

// Any view of the window (a chart, the timeline) saved as a picture: PNG at twice the screen's
// resolution, or SVG as vectors. Written to a temporary file and renamed, so a failed save never
// leaves a broken picture under the chosen name.
class PictureExport {
    Q_DECLARE_TR_FUNCTIONS(PictureExport)

public:
    // The format follows the name's extension (.png or .svg). An error names the file.
    [[nodiscard]] static std::optional<QString> save(QWidget* view, const QString& path);
    // Asks where to save (PNG or SVG), saves, and reports a failure in a message box. Returns
    // the path written, or empty.
    static QString saveWithDialog(QWidget* view, const QString& suggestedName);
    // Adds "Save as Picture…" to a view's context menu (Qt::ActionsContextMenu).
    static void addContextAction(QWidget* view, const QString& suggestedName);
    // The context action's texts again, after a language change.
    static void retranslate(QWidget* view);
};
