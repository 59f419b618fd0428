#pragma once

// Marks an English string for translation without depending on Qt: lupdate reads this macro in
// the scenario sources, and the Qt layers translate the string with
// QCoreApplication::translate(context, text) when they show it.
#ifndef QT_TRANSLATE_NOOP
#define QT_TRANSLATE_NOOP(context, text) text
#endif
