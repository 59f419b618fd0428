#include "model/config/scenariotext.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <array>

namespace ScenarioText {

QString scenario(const char* text)
{
    return QCoreApplication::translate("Scenario", text);
}

QString field(const char* text)
{
    return QCoreApplication::translate("Field", text);
}

QString choice(const std::string& value)
{
    return QCoreApplication::translate("Choice", value.c_str());
}

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

QString problem(const std::string& text)
{
    struct Shape {
        QRegularExpression pattern;
        const char* translated; // %1… are the pattern's captures
    };
    static const std::array<Shape, 12> shapes{{
        {QRegularExpression(QStringLiteral("^must be a whole number in (-?\\d+)\\.\\.(-?\\d+), got (.+)$")),
         QT_TRANSLATE_NOOP("Problem", "must be a whole number in %1..%2, got %3")},
        {QRegularExpression(QStringLiteral("^must be (-?\\d+)\\.\\.(-?\\d+), got (.+)$")),
         QT_TRANSLATE_NOOP("Problem", "must be %1..%2, got %3")},
        {QRegularExpression(QStringLiteral("^must be one of (.+); got (.+)$")),
         QT_TRANSLATE_NOOP("Problem", "must be one of %1; got %2")},
        {QRegularExpression(QStringLiteral("^must be true or false, got (.+)$")),
         QT_TRANSLATE_NOOP("Problem", "must be true or false, got %1")},
        {QRegularExpression(QStringLiteral("^must be text, got (.+)$")),
         QT_TRANSLATE_NOOP("Problem", "must be text, got %1")},
        {QRegularExpression(QStringLiteral("^must be at most (\\d+) bytes long, got (\\d+)$")),
         QT_TRANSLATE_NOOP("Problem", "must be at most %1 bytes long, got %2")},
        {QRegularExpression(QStringLiteral("^must not contain control characters$")),
         QT_TRANSLATE_NOOP("Problem", "must not contain control characters")},
        {QRegularExpression(QStringLiteral("^must name the folder to copy$")),
         QT_TRANSLATE_NOOP("Problem", "must name the folder to copy")},
        {QRegularExpression(QStringLiteral("^folder (.+) does not exist$")),
         QT_TRANSLATE_NOOP("Problem", "folder %1 does not exist")},
        {QRegularExpression(QStringLiteral("^folder (.+) cannot be read$")),
         QT_TRANSLATE_NOOP("Problem", "folder %1 cannot be read")},
        {QRegularExpression(QStringLiteral("^(.+) exists and is not a folder$")),
         QT_TRANSLATE_NOOP("Problem", "%1 exists and is not a folder")},
        {QRegularExpression(QStringLiteral("^(.+) is inside the source folder (.+)$")),
         QT_TRANSLATE_NOOP("Problem", "%1 is inside the source folder %2")},
    }};
    const QString english = QString::fromStdString(text);
    for (const Shape& shape : shapes) {
        const QRegularExpressionMatch match = shape.pattern.match(english);
        if (!match.hasMatch())
            continue;
        QString out = QCoreApplication::translate("Problem", shape.translated);
        for (int i = 1; i <= match.lastCapturedIndex(); ++i)
            out = out.arg(match.captured(i));
        return out;
    }
    return english;
}

} // namespace ScenarioText
