#include "app/configdialog.h"

#include "ui_configdialog.h"

#include "app/configformbinder.h"
#include "app/configforms.h"
#include "app/recentfiles.h"
#include "app/scenariofiles.h"
#include "model/config/configmodel.h"
#include "model/config/scenariotext.h"
#include "scenarios/programs/programs.h"

#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStyle>

#include <algorithm>

ConfigDialog::ConfigDialog(const Preset& preset, const nlohmann::json& config, QWidget* parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConfigDialog>()), m_model(new ConfigModel(this)),
      m_recent(new RecentFiles(this)), m_preset(preset)
{
    m_ui->setupUi(this);
    m_start = m_ui->buttonBox->addButton(tr("&Start"), QDialogButtonBox::AcceptRole);
    m_start->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_ui->errorLabel->setStyleSheet(QStringLiteral("color: #e03e36"));
    auto* recentMenu = new QMenu(this);
    m_ui->recentButton->setMenu(recentMenu);
    connect(recentMenu, &QMenu::aboutToShow, this, [this, recentMenu] { m_recent->fillMenu(recentMenu); });
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString& path) {
        QString error;
        if (!openFile(path, &error))
            QMessageBox::warning(this, tr("Cannot Open Scenario"), error);
    });
    connect(m_ui->openButton, &QPushButton::clicked, this, &ConfigDialog::openWithDialog);
    connect(m_ui->saveAsButton, &QPushButton::clicked, this, &ConfigDialog::saveWithDialog);
    connect(m_ui->buttonBox->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &ConfigDialog::restoreDefaults);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The box reports the button before it accepts, so the flag is set when accepted() comes.
    connect(m_ui->buttonBox, &QDialogButtonBox::clicked, this,
            [this](QAbstractButton* button) { m_startRequested = button == m_start; });
    connect(m_model, &ConfigModel::configChanged, this, &ConfigDialog::updateValidity);
    showPreset(config);
    retranslate();
    resize(sizeHint().expandedTo(QSize(600, 0)));
}

ConfigDialog::~ConfigDialog() = default;

const nlohmann::json& ConfigDialog::config() const
{
    return m_model->config();
}

bool ConfigDialog::isValid() const
{
    return m_model->isValid();
}

QPushButton* ConfigDialog::okButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Ok);
}

// A new form when the scenario changes (a file of another scenario was opened).
void ConfigDialog::showPreset(const nlohmann::json& config)
{
    const auto* scenario = forkscope::scenarios::find_scenario(m_preset.scenarioId.toStdString());
    const bool sameScenario = m_form && m_model->scenario() == scenario;
    if (!sameScenario) { // the old form's bindings must not see the new fields
        delete m_binder;
        m_binder = nullptr;
    }
    m_model->setConfig(scenario, config);
    if (!sameScenario) {
        m_form = ConfigForms::create(m_preset.scenarioId);
        if (m_form)
            m_binder = new ConfigFormBinder(m_form, m_model, this);
        m_ui->formArea->setWidget(m_form); // deletes the old form
        // The whole form in view where the screen allows; the scroll bar is for small screens.
        if (m_form)
            m_ui->formArea->setMinimumHeight(std::min(m_form->sizeHint().height() + 4, 620));
    }
    retranslate();
    updateValidity();
}

void ConfigDialog::updateValidity()
{
    const bool valid = m_model->isValid();
    okButton()->setEnabled(valid);
    m_start->setEnabled(valid);
    QStringList lines;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString error = m_model->index(row, ConfigModel::ValueColumn).data(ConfigModel::ErrorRole).toString();
        if (!error.isEmpty()) // the label as shown, then the problem naming the field's key
            lines << tr("%1 — %2").arg(m_model->index(row, ConfigModel::FieldColumn).data().toString(), error);
    }
    m_ui->errorLabel->setText(lines.join(QLatin1Char('\n')));
    m_ui->errorLabel->setVisible(!lines.isEmpty());
}

void ConfigDialog::restoreDefaults()
{
    m_model->setConfig(m_model->scenario(), m_preset.config);
}

bool ConfigDialog::openFile(const QString& path, QString* error)
{
    const auto loaded = ScenarioFiles::open(path, error);
    if (!loaded)
        return false;
    m_preset = *loaded;
    m_presetReplaced = true;
    showPreset(m_preset.config);
    return true;
}

bool ConfigDialog::saveFile(const QString& path, QString* error)
{
    return ScenarioFiles::save(path, m_preset, m_model->config(), error);
}

void ConfigDialog::openWithDialog()
{
    const QString path = ScenarioFiles::chooseToOpen(this);
    QString error;
    if (!path.isEmpty() && !openFile(path, &error))
        QMessageBox::warning(this, tr("Cannot Open Scenario"), error);
}

void ConfigDialog::saveWithDialog()
{
    const QString path = ScenarioFiles::chooseToSave(this, m_preset.name);
    QString error;
    if (!path.isEmpty() && !saveFile(path, &error))
        QMessageBox::warning(this, tr("Cannot Save Scenario"), error);
}

void ConfigDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        m_start->setText(tr("&Start"));
        m_model->setConfig(m_model->scenario(), m_model->config()); // labels, choices, errors
        retranslate();
    }
    QDialog::changeEvent(event);
}

void ConfigDialog::retranslate()
{
    const auto* scenario = m_model->scenario();
    const QString title = ScenarioText::scenario(m_preset.title.toUtf8().constData());
    setWindowTitle(tr("Configure: %1").arg(title));
    m_ui->titleLabel->setText(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()));
    m_ui->summaryLabel->setText(scenario ? ScenarioText::scenario(scenario->summary()) : QString());
    m_start->setToolTip(tr("Apply these settings and start the run (F5)"));
    okButton()->setToolTip(tr("Apply these settings"));
    m_ui->buttonBox->button(QDialogButtonBox::RestoreDefaults)->setToolTip(tr("Go back to the preset's settings"));
    updateValidity();
}
