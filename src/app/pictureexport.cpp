#include "app/pictureexport.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageWriter>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QWidget>

namespace {

constexpr qreal kPngScale = 2.0; // crisp on slides and high-density screens

std::optional<QString> savePng(QWidget* view, QSaveFile& file)
{
    QImage image(view->size() * kPngScale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(kPngScale);
    image.fill(view->palette().color(QPalette::Window));
    view->render(&image);
    QImageWriter writer(&file, "png");
    if (!writer.write(image))
        return writer.errorString();
    return std::nullopt;
}

std::optional<QString> saveSvg(QWidget* view, QSaveFile& file)
{
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(view->size());
    svg.setViewBox(QRect(QPoint(0, 0), view->size()));
    svg.setTitle(view->windowTitle().isEmpty() ? QStringLiteral("ForkScope") : view->windowTitle());
    svg.setDescription(PictureExport::tr("Made with ForkScope"));
    QPainter painter;
    if (!painter.begin(&svg))
        return PictureExport::tr("cannot draw the picture");
    view->render(&painter);
    painter.end();
    return std::nullopt;
}

} // namespace

std::optional<QString> PictureExport::save(QWidget* view, const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg"))
        return tr("%1: the name must end in .png or .svg").arg(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    const auto error = suffix == QLatin1String("png") ? savePng(view, file) : saveSvg(view, file);
    if (error) {
        file.cancelWriting();
        return tr("Cannot write %1: %2").arg(path, *error);
    }
    if (!file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return std::nullopt;
}

QString PictureExport::saveWithDialog(QWidget* view, const QString& suggestedName)
{
    QSettings settings;
    const QString dir = settings
                            .value(QStringLiteral("files/pictureDirectory"),
                                   QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
                            .toString();
    const QString png = tr("PNG pictures (*.png)"), svg = tr("SVG drawings (*.svg)");
    QString filter =
        settings.value(QStringLiteral("files/pictureFormat")).toString() == QLatin1String("svg") ? svg : png;
    QString path =
        QFileDialog::getSaveFileName(view->window(), tr("Save as Picture"), dir + QLatin1Char('/') + suggestedName,
                                     png + QStringLiteral(";;") + svg, &filter);
    if (path.isEmpty())
        return {};
    const QString format = filter == svg ? QStringLiteral("svg") : QStringLiteral("png");
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + format;
    settings.setValue(QStringLiteral("files/pictureDirectory"), QFileInfo(path).absolutePath());
    settings.setValue(QStringLiteral("files/pictureFormat"), format);
    if (const auto error = save(view, path)) {
        QMessageBox::warning(view->window(), tr("Cannot Save Picture"), *error);
        return {};
    }
    return path;
}

void PictureExport::addContextAction(QWidget* view, const QString& suggestedName)
{
    auto* action = new QAction(view);
    action->setObjectName(QStringLiteral("savePictureAction"));
    QObject::connect(action, &QAction::triggered, view, [view, suggestedName] { saveWithDialog(view, suggestedName); });
    view->addAction(action);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    retranslate(view);
}

void PictureExport::retranslate(QWidget* view)
{
    if (auto* action = view->findChild<QAction*>(QStringLiteral("savePictureAction"), Qt::FindDirectChildrenOnly)) {
        action->setText(tr("Save as Picture…"));
        action->setToolTip(tr("Save this view as a PNG or SVG picture"));
    }
}
