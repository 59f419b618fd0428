#pragma once

#include <QCoreApplication>
#include <QPalette>
#include <QString>
#include <QVector>

class QChart;

// Light or dark: the desktop's own look by default, or ForkScope's light or dark palette chosen
// in Settings > Appearance (kept in QSettings). The charts follow with Qt Charts' matching theme.
class Appearance {
    Q_DECLARE_TR_FUNCTIONS(Appearance)

public:
    struct Option {
        QString code; // empty: the system's
        QString name;
    };
    [[nodiscard]] static QVector<Option> options();

    // Applies "", "light" or "dark" to the application; every widget gets a PaletteChange.
    static void apply(const QString& code);
    [[nodiscard]] static QString saved();
    static void save(const QString& code);

    [[nodiscard]] static bool isDark(const QPalette& palette);
    // Gives `chart` the theme that reads on `palette` (its series get new colours: redraw).
    static void themeChart(QChart* chart, const QPalette& palette);
};
