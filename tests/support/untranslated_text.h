#pragma once

// For the zh_CN checks: every visible text of a widget tree that still reads as English — labels,
// buttons, group titles, actions, menus, combo items, table headers and first columns. Names
// that stay as they are in Chinese (ForkScope, PID, SIGTERM, join, shortcuts, …) are allowed.

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QAction>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QRegularExpression>
#include <QStringList>
#include <QTableView>

namespace forkscope::testing {

inline QStringList untranslatedTexts(const QWidget* root)
{
    QStringList english;
    auto check = [&english](const QString& text) {
        // Names from the API the tutorials teach stay as they are written in code.
        static const QRegularExpression allowed(QStringLiteral(
            "<[^>]*>|&|ForkScope|PID|PPID|CSV|CPU|RSS|JSON|GIL|Python|SIG[A-Z]+|F5|Shift|Ctrl|KiB|MainProcess|"
            "\\b(join|start|put|get|set|Lock|Queue|JoinableQueue|Pool|Value|None|task_done|qsize|apply_async|apply|map|"
            "chunksize|maxtasksperchild|fork)\\b|[+%0-9.:;,()…\\s]"));
        static const QRegularExpression word(QStringLiteral("[A-Za-z]{3,}"));
        if (QString(text).remove(allowed).contains(word))
            english << text;
    };
    for (const QLabel* label : root->findChildren<QLabel*>())
        check(label->text());
    for (const QAbstractButton* button : root->findChildren<QAbstractButton*>())
        check(button->text());
    for (const QGroupBox* box : root->findChildren<QGroupBox*>())
        check(box->title());
    for (const QComboBox* combo : root->findChildren<QComboBox*>()) {
        for (int i = 0; i < combo->count(); ++i)
            check(combo->itemText(i));
    }
    for (const QAction* a : root->findChildren<QAction*>()) {
        if (!a->isSeparator() && !a->property("ownLanguage").toBool()) // language names are in their own language
            check(a->text());
    }
    for (const QMenu* menu : root->findChildren<QMenu*>())
        check(menu->title());
    for (const QTableView* view : root->findChildren<QTableView*>()) {
        for (int c = 0; c < view->model()->columnCount(); ++c)
            check(view->model()->headerData(c, Qt::Horizontal).toString());
        for (int r = 0; r < view->model()->rowCount(); ++r)
            check(view->model()->index(r, 0).data().toString());
    }
    return english;
}

} // namespace forkscope::testing
