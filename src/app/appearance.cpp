#include "app/appearance.h"

#include <QApplication>
#include <QChart>
#include <QGraphicsLayout>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace {

const QString kSettingsKey = QStringLiteral("ui/appearance");

struct SystemLook {
    QString style;
    QPalette palette;
};

// What the desktop gave us, to go back to from a chosen palette.
SystemLook& systemLook()
{
    static SystemLook look{QApplication::style()->name(), QApplication::palette()};
    return look;
}

QPalette darkPalette()
{
    // Contrast checked against WCAG's 4.5:1 for text (tested): light grey on dark grey.
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x8a, 0x8c, 0x90);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabledText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x40));
    p.setColor(QPalette::Mid, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa9, 0xff));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}

// Fusion's own, with a deeper selection blue: white on its default blue is only 3.7:1.
QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x62, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

} // namespace

QVector<Appearance::Option> Appearance::options()
{
    return {{QString(), tr("System")}, {QStringLiteral("light"), tr("Light")}, {QStringLiteral("dark"), tr("Dark")}};
}

void Appearance::apply(const QString& code)
{
    const SystemLook& system = systemLook();
    if (code == QLatin1String("dark") || code == QLatin1String("light")) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion"))); // draws every palette faithfully
        QApplication::setPalette(code == QLatin1String("dark") ? darkPalette() : lightPalette());
    } else {
        QApplication::setStyle(QStyleFactory::create(system.style));
        QApplication::setPalette(system.palette);
    }
}

QString Appearance::saved()
{
    return QSettings().value(kSettingsKey).toString();
}

void Appearance::save(const QString& code)
{
    QSettings().setValue(kSettingsKey, code);
}

bool Appearance::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

void Appearance::themeChart(QChart* chart, const QPalette& palette)
{
    const auto theme = isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart->theme() != theme)
        chart->setTheme(theme);
    // The charts sit on the window's colour, not on the theme's own backdrop, and give their
    // height to the plot: in a pane of 250 pixels, margins cost the axis labels.
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
}
