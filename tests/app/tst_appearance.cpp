// Appearance: ForkScope's light and dark palettes read (WCAG contrast for text), the charts take
// the matching theme, the timeline draws on the palette, and System brings the desktop's back.

#include "app/appearance.h"
#include "app/queuechart.h"
#include "app/timelineview.h"
#include "model/views/queueseriesmodel.h"
#include "model/views/timelinemodel.h"
#include "support/synthetic_run.h"

#include <QApplication>
#include <QChart>
#include <QStandardPaths>
#include <QTest>

#include <cmath>

namespace {

double luminance(const QColor& c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestAppearance : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void palettesHaveReadableText_data();
    void palettesHaveReadableText();
    void viewsFollowTheDarkPalette();
    void systemBringsTheDesktopsLookBack();

private:
    QPalette m_system;
};

void TestAppearance::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_system = QApplication::palette();
}

void TestAppearance::cleanupTestCase()
{
    Appearance::apply(QString());
}

void TestAppearance::palettesHaveReadableText_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << QStringLiteral("light") << false;
    QTest::newRow("dark") << QStringLiteral("dark") << true;
}

void TestAppearance::palettesHaveReadableText()
{
    QFETCH(QString, code);
    QFETCH(bool, dark);
    Appearance::apply(code);
    const QPalette p = QApplication::palette();
    QCOMPARE(Appearance::isDark(p), dark);
    const struct {
        QPalette::ColorRole text, background;
    } pairs[] = {{QPalette::Text, QPalette::Base},
                 {QPalette::WindowText, QPalette::Window},
                 {QPalette::ButtonText, QPalette::Button},
                 {QPalette::HighlightedText, QPalette::Highlight},
                 {QPalette::ToolTipText, QPalette::ToolTipBase},
                 {QPalette::Text, QPalette::AlternateBase}};
    for (const auto& pair : pairs) {
        const double ratio = contrast(p.color(pair.text), p.color(pair.background));
        QVERIFY2(ratio >= 4.5,
                 qPrintable(QStringLiteral("%1 on %2: %3:1").arg(pair.text).arg(pair.background).arg(ratio)));
    }
    // The error red of the dialogs and the state colours stay readable on the base colour.
    QVERIFY(contrast(QColor(0xe0, 0x3e, 0x36), p.color(QPalette::Base)) >= 3.0);
}

void TestAppearance::viewsFollowTheDarkPalette()
{
    Recording r = forkscope::testing::runWithWorkers(2);
    for (const RecordedEvent& e : forkscope::testing::lockedTasks(2, 10, 3))
        r.append(e);
    TimelineModel timelineModel;
    timelineModel.follow(&r);
    TimelineView timeline;
    timeline.setModel(&timelineModel);
    timeline.resize(600, 200);
    QueueSeriesModel queueModel;
    queueModel.follow(&r);
    QueueChart chart;
    chart.setModel(&queueModel);
    chart.resize(600, 300);

    Appearance::apply(QStringLiteral("dark"));
    QCoreApplication::processEvents(); // PaletteChange reaches the widgets
    QCOMPARE(chart.chart()->theme(), QChart::ChartThemeDark);
    const QImage picture = timeline.grab().toImage();
    const QColor background = picture.pixelColor(picture.width() - 3, picture.height() - 3); // below the lanes
    QVERIFY2(background.lightness() < 60, qPrintable(background.name()));
    // The lane labels are drawn in the palette's text colour: light pixels on the dark base.
    int light = 0;
    for (int y = 30; y < 80; ++y) {
        for (int x = 4; x < 150; ++x)
            light += picture.pixelColor(x, y).lightness() > 170 ? 1 : 0;
    }
    QVERIFY2(light > 20, qPrintable(QString::number(light)));

    Appearance::apply(QStringLiteral("light"));
    QCoreApplication::processEvents();
    QCOMPARE(chart.chart()->theme(), QChart::ChartThemeLight);
    QVERIFY(timeline.grab().toImage().pixelColor(picture.width() - 3, picture.height() - 3).lightness() > 200);
}

void TestAppearance::systemBringsTheDesktopsLookBack()
{
    Appearance::apply(QStringLiteral("dark"));
    Appearance::apply(QString());
    QCOMPARE(QApplication::palette().color(QPalette::Window), m_system.color(QPalette::Window));
    QCOMPARE(QApplication::palette().color(QPalette::Text), m_system.color(QPalette::Text));
}

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"
