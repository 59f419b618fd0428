#include "app/language.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace {

const QString kSettingsKey = QStringLiteral("ui/language");
QTranslator* g_app = nullptr;
QTranslator* g_qt = nullptr;
QString g_current = QStringLiteral("en");

void replace(QTranslator*& slot, QTranslator* translator)
{
    if (slot) {
        QCoreApplication::removeTranslator(slot);
        delete slot;
    }
    slot = translator;
    if (slot)
        QCoreApplication::installTranslator(slot);
}

} // namespace

QVector<Language::Option> Language::options()
{
    return {
        {QString(), tr("System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
}

QString Language::apply(const QString& code)
{
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    auto* app = new QTranslator;
    // Searches the locale's UI languages in order (LANGUAGE, then LC_MESSAGES/LANG).
    // Languages without a catalogue (and the C locale) get English, with its plural forms.
    if (!app->load(locale, QStringLiteral("forkscope"), QStringLiteral("_"), QStringLiteral(":/i18n")) &&
        !app->load(QStringLiteral(":/i18n/forkscope_en.qm"))) {
        delete app;
        app = nullptr;
    }
    auto* qt = new QTranslator;
    if (!qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        delete qt;
        qt = nullptr;
    }
    g_current = app && app->language().startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
    QLocale::setDefault(g_current == QLatin1String("zh_CN") ? QLocale(QLocale::Chinese, QLocale::China)
                                                            : QLocale(QLocale::English));
    replace(g_qt, qt);
    replace(g_app, app);
    return g_current;
}

QString Language::saved()
{
    return QSettings().value(kSettingsKey).toString();
}

void Language::save(const QString& code)
{
    QSettings().setValue(kSettingsKey, code);
}

QString Language::current()
{
    return g_current;
}
