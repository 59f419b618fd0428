#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

// The scenario files opened or saved lately, newest first, kept in QSettings. Files that have
// gone are left out when the list is shown.
class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxFiles = 8;

    using QObject::QObject;

    [[nodiscard]] static QStringList files();
    static void add(const QString& path);
    static void clear();

    // Fills `menu` with the files (Ctrl+1… for the first ones) and a Clear entry; a chosen file
    // is passed to `open`. Call it from the menu's aboutToShow.
    void fillMenu(QMenu* menu);

signals:
    void openRequested(const QString& path);
};
