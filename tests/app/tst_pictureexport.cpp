// PictureExport: a view saved as PNG (at twice its size) or SVG (vectors), atomically; bad names
// and destinations are refused naming the file, leaving nothing behind.

#include "app/pictureexport.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>
#include <QXmlStreamReader>

namespace {

// Draws a known picture: a red square on white.
class Square : public QWidget {
protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.fillRect(rect(), Qt::white);
        p.fillRect(QRect(10, 10, 40, 40), Qt::red);
        p.drawText(QPoint(60, 30), QStringLiteral("queue 1"));
    }
};

} // namespace

class TestPictureExport : public QObject {
    Q_OBJECT

private slots:
    void pngIsTheViewAtTwiceItsSize();
    void svgHoldsTheDrawing();
    void badNamesAndPlacesAreRefused();
    void contextMenuOffersIt();

private:
    QTemporaryDir m_dir;
};

void TestPictureExport::pngIsTheViewAtTwiceItsSize()
{
    Square view;
    view.resize(200, 100);
    const QString path = m_dir.filePath(QStringLiteral("view.png"));
    QCOMPARE(PictureExport::save(&view, path), std::nullopt);
    const QImage image(path);
    QCOMPARE(image.size(), QSize(400, 200));
    QCOMPARE(image.pixelColor(60, 60), QColor(Qt::red)); // inside the square, scaled
    QCOMPARE(image.pixelColor(150, 150), QColor(Qt::white));
}

void TestPictureExport::svgHoldsTheDrawing()
{
    Square view;
    view.resize(200, 100);
    const QString path = m_dir.filePath(QStringLiteral("view.svg"));
    QCOMPARE(PictureExport::save(&view, path), std::nullopt);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QXmlStreamReader xml(text);
    QVERIFY(xml.readNextStartElement());
    QCOMPARE(xml.name(), QStringLiteral("svg"));
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(text.contains(QStringLiteral("#ff0000"))); // the square, as a vector
    QVERIFY(text.contains(QStringLiteral("queue 1"))); // text stays text
}

void TestPictureExport::badNamesAndPlacesAreRefused()
{
    QTemporaryDir dir;
    Square view;
    view.resize(50, 50);
    const QString jpeg = dir.filePath(QStringLiteral("view.jpeg"));
    const auto wrongType = PictureExport::save(&view, jpeg);
    QVERIFY(wrongType && wrongType->contains(jpeg) && wrongType->contains(QStringLiteral(".png or .svg")));
    QVERIFY(!QFile::exists(jpeg));
    const QString missing = dir.filePath(QStringLiteral("no/such/folder/view.png"));
    const auto noFolder = PictureExport::save(&view, missing);
    QVERIFY(noFolder && noFolder->contains(missing));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList()); // no temporary file left
}

void TestPictureExport::contextMenuOffersIt()
{
    Square view;
    PictureExport::addContextAction(&view, QStringLiteral("square.png"));
    QCOMPARE(view.contextMenuPolicy(), Qt::ActionsContextMenu);
    QCOMPARE(view.actions().size(), 1);
    QCOMPARE(view.actions().first()->text(), QStringLiteral("Save as Picture…"));
}

QTEST_MAIN(TestPictureExport)
#include "tst_pictureexport.moc"
