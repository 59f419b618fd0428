#include "model/scenariotext.h"

#include <QCoreApplication>

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

} // namespace ScenarioText
