// TextFormat: how times, sizes, rates and process endings read in both front ends, one row per
// case, with the exact text expected (no translator loaded: English).

#include "model/report/textformat.h"

#include <QTest>

#include <csignal>

class TestTextFormat : public QObject {
    Q_OBJECT

private slots:
    void seconds_data();
    void seconds();
    void durations_data();
    void durations();
    void sizesAndPercentages_data();
    void sizesAndPercentages();
    void rates_data();
    void rates();
    void exits_data();
    void exits();
};

void TestTextFormat::seconds_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("withUnit");

    QTest::newRow("zero") << qint64{0} << 3 << QStringLiteral("0.000") << QStringLiteral("0.000 s");
    QTest::newRow("wall time") << qint64{604'000'000} << 3 << QStringLiteral("0.604") << QStringLiteral("0.604 s");
    QTest::newRow("rounds half up") << qint64{1'234'500'001} << 3 << QStringLiteral("1.235")
                                    << QStringLiteral("1.235 s");
    QTest::newRow("progress line") << qint64{1'460'000'000} << 1 << QStringLiteral("1.5") << QStringLiteral("1.460 s");
    QTest::newRow("an hour") << qint64{3'600'000'000'000} << 3 << QStringLiteral("3600.000")
                             << QStringLiteral("3600.000 s");
    QTest::newRow("before the start") << qint64{-2'000'000} << 3 << QStringLiteral("-0.002")
                                      << QStringLiteral("-0.002 s");
}

void TestTextFormat::seconds()
{
    QFETCH(qint64, ns);
    QFETCH(int, decimals);
    QFETCH(QString, number);
    QFETCH(QString, withUnit);
    QCOMPARE(TextFormat::seconds(ns, decimals), number);
    QCOMPARE(TextFormat::secondsWithUnit(ns), withUnit);
}

void TestTextFormat::durations_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");

    QTest::newRow("0") << qint64{0} << QStringLiteral("0 ns");
    QTest::newRow("850 ns") << qint64{850} << QStringLiteral("850 ns");
    QTest::newRow("999 ns") << qint64{999} << QStringLiteral("999 ns");
    QTest::newRow("1 µs") << qint64{1000} << QStringLiteral("1.0 µs");
    QTest::newRow("12.3 µs") << qint64{12'340} << QStringLiteral("12.3 µs");
    QTest::newRow("1 ms") << qint64{1'000'000} << QStringLiteral("1.00 ms");
    QTest::newRow("704.57 ms") << qint64{704'570'000} << QStringLiteral("704.57 ms");
    QTest::newRow("1 s") << qint64{1'000'000'000} << QStringLiteral("1.000 s");
    QTest::newRow("1.234 s") << qint64{1'234'000'000} << QStringLiteral("1.234 s");
}

void TestTextFormat::durations()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(TextFormat::duration(ns), text);
}

void TestTextFormat::sizesAndPercentages_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("size");
    QTest::addColumn<double>("percent");
    QTest::addColumn<QString>("percentText");

    QTest::newRow("nothing") << qint64{0} << QStringLiteral("0.0 MiB") << 0.0 << QStringLiteral("0.0 %");
    QTest::newRow("3 MiB") << qint64{3 << 20} << QStringLiteral("3.0 MiB") << 12.46 << QStringLiteral("12.5 %");
    QTest::newRow("324.3 MiB") << qint64{340'053'197} << QStringLiteral("324.3 MiB") << 100.0
                               << QStringLiteral("100.0 %");
    QTest::newRow("more than one CPU") << qint64{1} << QStringLiteral("0.0 MiB") << 199.96 << QStringLiteral("200.0 %");
}

void TestTextFormat::sizesAndPercentages()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, size);
    QFETCH(double, percent);
    QFETCH(QString, percentText);
    QCOMPARE(TextFormat::mebibytes(bytes), size);
    QCOMPARE(TextFormat::percent(percent), percentText);
}

void TestTextFormat::rates_data()
{
    QTest::addColumn<quint64>("count");
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<QString>("text");

    QTest::newRow("no time yet") << quint64{5} << qint64{0} << 0.0 << QStringLiteral("0.0");
    QTest::newRow("75 a second") << quint64{150} << qint64{2'000'000'000} << 75.0 << QStringLiteral("75.0");
    QTest::newRow("a third") << quint64{1} << qint64{3'000'000'000} << 1.0 / 3 << QStringLiteral("0.3");
    QTest::newRow("fast") << quint64{1'000'000} << qint64{250'000'000} << 4e6 << QStringLiteral("4000000.0");
}

void TestTextFormat::rates()
{
    QFETCH(quint64, count);
    QFETCH(qint64, ns);
    QFETCH(double, perSecond);
    QFETCH(QString, text);
    QCOMPARE(TextFormat::perSecond(count, ns), perSecond);
    QCOMPARE(TextFormat::rate(TextFormat::perSecond(count, ns)), text);
}

void TestTextFormat::exits_data()
{
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("description");

    QTest::newRow("0") << 0 << QStringLiteral("0") << QStringLiteral("exit code 0");
    QTest::newRow("3") << 3 << QStringLiteral("3") << QStringLiteral("exit code 3");
    QTest::newRow("SIGTERM") << -SIGTERM << QStringLiteral("SIGTERM (-15)")
                             << QStringLiteral("killed by SIGTERM (-15)");
    QTest::newRow("SIGKILL") << -SIGKILL << QStringLiteral("SIGKILL (-9)") << QStringLiteral("killed by SIGKILL (-9)");
    QTest::newRow("SIGSEGV") << -SIGSEGV << QStringLiteral("SIGSEGV (-11)")
                             << QStringLiteral("killed by SIGSEGV (-11)");
}

void TestTextFormat::exits()
{
    QFETCH(int, exitCode);
    QFETCH(QString, column);
    QFETCH(QString, description);
    QCOMPARE(TextFormat::exitCode(exitCode), column);
    QCOMPARE(TextFormat::exitDescription(exitCode), description);
    QCOMPARE(TextFormat::exitCode(std::nullopt), QString()); // still running
    if (exitCode < 0)
        QCOMPARE(TextFormat::signalName(-exitCode), column.section(QLatin1Char(' '), 0, 0));
}

QTEST_GUILESS_MAIN(TestTextFormat)
#include "tst_textformat.moc"
