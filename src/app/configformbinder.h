#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <vector>

class ConfigModel;
class QLabel;
class QWidget;

// Binds a scenario's Designer form to a ConfigModel: each editor named after a field (a spin box
// for a number, a combo box for a choice, a check box for yes/no, a line edit for text) shows the
// field's value, label, range, unit and help, and writes every change back to the model at
// once. The model validates; an invalid field's label turns red and its tooltip says why.
//
// Spin boxes accept any whole number, not just the field's range: a value out of range stays
// visible with its error instead of being silently clamped.
class ConfigFormBinder : public QObject {
    Q_OBJECT

public:
    ConfigFormBinder(QWidget* form, ConfigModel* model, QObject* parent = nullptr);

    [[nodiscard]] QWidget* editor(const QString& field) const;
    // Fields the form has no editor for; editor-like widgets named after no field.
    [[nodiscard]] QStringList unboundFields() const { return m_unbound; }
    [[nodiscard]] QStringList strayEditors() const { return m_stray; }
    // Labels, tooltips and choice names again, in the current language.
    void retranslate();

private:
    struct Binding {
        QString field;
        int row = 0;
        QPointer<QWidget> editor;
        QPointer<QLabel> label; // none for a check box: it carries its own text
    };
    void bind(Binding& binding);
    void setupEditor(const Binding& binding);
    void load(); // model -> editors
    void write(const Binding& binding, const QVariant& value);
    void showErrors();

    QWidget* m_form;
    ConfigModel* m_model;
    std::vector<Binding> m_bindings;
    QStringList m_unbound, m_stray;
    bool m_loading = false;
};
