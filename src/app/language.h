#pragma once

#include <QCoreApplication>
#include <QString>
#include <QVector>

// The UI language: the system's by default, or the one chosen in Settings > Language (kept in
// QSettings). Switching installs new translators, and Qt sends every widget a LanguageChange.
class Language {
    Q_DECLARE_TR_FUNCTIONS(Language)

public:
    struct Option {
        QString code; // empty: the system's language
        QString name; // in its own language
    };
    [[nodiscard]] static QVector<Option> options();

    // Installs the translators for `code` (empty: the system locale); returns the language in effect.
    static QString apply(const QString& code);
    [[nodiscard]] static QString saved();
    static void save(const QString& code);
    [[nodiscard]] static QString current(); // "en" or "zh_CN"
};
