#include "app/mainwindow.h"

#include "ui_mainwindow.h"

#include "app/appearance.h"
#include "app/configdelegate.h"
#include "app/configdialog.h"
#include "app/language.h"
#include "app/outputlog.h"
#include "app/pictureexport.h"
#include "app/processtableproxy.h"
#include "app/recentfiles.h"
#include "app/replaybar.h"
#include "app/runfiles.h"
#include "app/runviews.h"
#include "app/scenariofiles.h"
#include "app/timelineview.h"
#include "model/config/configmodel.h"
#include "model/config/presetmodel.h"
#include "model/config/scenariotext.h"
#include "model/live/forkserverclient.h"
#include "model/report/recordingreport.h"
#include "model/report/textformat.h"
#include "model/views/processtablemodel.h"
#include "model/views/timelinemodel.h"
#include "scenarios/programs/programs.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDir>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTimer>

#include <functional>

#include <signal.h>

MainWindow::MainWindow(ForkServerClient* client, QWidget* parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()), m_controller(new RunController(client, this)),
      m_presets(new PresetModel(this)), m_config(new ConfigModel(this)), m_processProxy(new ProcessTableProxy(this)),
      m_runFiles(new RunFiles(m_controller, this)), m_recent(new RecentFiles(this)), m_stateLabel(new QLabel(this)),
      m_wallTimeLabel(new QLabel(this)), m_eventsMissingLabel(new QLabel(this))
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/forkscope.svg")));
    m_ui->actionStart->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_ui->actionStop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    m_ui->actionOpenScenario->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
    m_ui->actionSaveScenarioAs->setIcon(QIcon::fromTheme(QStringLiteral("document-save-as")));
    m_ui->actionQuit->setIcon(QIcon::fromTheme(QStringLiteral("application-exit")));

    m_presets->setPresets(PresetLibrary::builtIn());
    m_ui->presetView->setModel(m_presets);
    m_ui->configView->setModel(m_config);
    m_ui->configView->setItemDelegateForColumn(ConfigModel::ValueColumn, new ConfigDelegate(this));
    m_ui->configView->horizontalHeader()->setSectionResizeMode(ConfigModel::FieldColumn, QHeaderView::ResizeToContents);

    m_views = new RunViews(m_controller, m_ui->timelineView, m_ui->queueChart, m_ui->lockChart, m_ui->taskChart, this);
    m_processProxy->setSourceModel(m_views->processModel());
    m_ui->processView->setModel(m_processProxy);
    m_ui->processView->sortByColumn(-1, Qt::AscendingOrder); // start order until the user sorts
    m_ui->processView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    const int rowHeight = fontMetrics().height() + 8;
    m_ui->processView->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_ui->configView->verticalHeader()->setDefaultSectionSize(rowHeight + 4); // room for spin boxes

    m_ui->outputView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output = new OutputLog(m_ui->outputView, m_ui->outputFilter, this);
    m_views->addView(m_output);
    m_ui->configErrorLabel->setStyleSheet(QStringLiteral("color: #c0392b"));

    statusBar()->addWidget(m_stateLabel, 1);
    m_eventsMissingLabel->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_eventsMissingLabel->setVisible(false);
    statusBar()->addPermanentWidget(m_eventsMissingLabel);
    statusBar()->addPermanentWidget(m_wallTimeLabel);
    connect(m_views, &RunViews::followed, this, [this] { // a frame: the status and what the selection allows
        updateStatus();
        updateActions();
    });

    connect(m_ui->presetView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::presetSelected);
    connect(m_config, &ConfigModel::configChanged, this, &MainWindow::configChanged);
    connect(m_controller, &RunController::stateChanged, this, &MainWindow::runStateChanged);
    connect(m_controller, &RunController::failed, this, &MainWindow::showMessage);

    connect(m_ui->actionStart, &QAction::triggered, this, &MainWindow::startRun);
    connect(m_ui->actionStop, &QAction::triggered, m_controller, &RunController::stop);
    connect(m_ui->actionOpenScenario, &QAction::triggered, this, &MainWindow::openScenario);
    connect(m_ui->actionSaveScenarioAs, &QAction::triggered, this, &MainWindow::saveScenarioAs);
    connect(m_ui->actionResetConfig, &QAction::triggered, this, &MainWindow::resetConfig);
    connect(m_ui->actionConfigure, &QAction::triggered, this, &MainWindow::configure);
    connect(m_ui->configureButton, &QPushButton::clicked, this, &MainWindow::configure);
    connect(m_ui->presetView, &QListView::activated, this, &MainWindow::configure); // double-click or Enter
    connect(m_ui->menuRecent, &QMenu::aboutToShow, this, [this] { m_recent->fillMenu(m_ui->menuRecent); });
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openScenarioFile);
    connect(m_ui->actionClearOutput, &QAction::triggered, m_ui->outputView, &QPlainTextEdit::clear);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    using Format = ExportFormat;
    connect(m_ui->actionOpenRun, &QAction::triggered, m_runFiles, &RunFiles::openWithDialog);
    connect(m_ui->actionSaveRun, &QAction::triggered, this, [this] { m_runFiles->exportWithDialog(Format::RunFile); });
    connect(m_ui->actionExportTrace, &QAction::triggered, this,
            [this] { m_runFiles->exportWithDialog(Format::ChromeTrace); });
    connect(m_ui->actionExportEvents, &QAction::triggered, this,
            [this] { m_runFiles->exportWithDialog(Format::EventsCsv); });
    connect(m_ui->actionExportTasks, &QAction::triggered, this,
            [this] { m_runFiles->exportWithDialog(Format::TasksCsv); });
    connect(m_runFiles, &RunFiles::message, this, &MainWindow::showMessage);
    connect(m_runFiles, &RunFiles::exportingChanged, this, &MainWindow::updateActions);
    connect(m_ui->actionSignalTerm, &QAction::triggered, this, [this] { signalSelected(SIGTERM); });
    connect(m_ui->actionSignalKill, &QAction::triggered, this, [this] { signalSelected(SIGKILL); });
    connect(m_ui->actionSignalStop, &QAction::triggered, this, [this] { signalSelected(SIGSTOP); });
    connect(m_ui->actionSignalCont, &QAction::triggered, this, [this] { signalSelected(SIGCONT); });
    m_ui->processView->setContextMenuPolicy(Qt::ActionsContextMenu); // right-click a process: the signals
    m_ui->processView->addActions(
        {m_ui->actionSignalTerm, m_ui->actionSignalKill, m_ui->actionSignalStop, m_ui->actionSignalCont});
    m_ui->replayBar->setController(m_controller);
    connect(m_ui->actionSavePicture, &QAction::triggered, this, [this] {
        QWidget* view = currentView();
        const QString path = PictureExport::saveWithDialog(view, view->objectName() + QStringLiteral(".png"));
        if (!path.isEmpty())
            statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    });
    connect(m_ui->processView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                m_ui->timelineView->highlightLane(
                    current.isValid()
                        ? m_views->timelineModel()->laneOfPid(current.data(ProcessTableModel::PidRole).toLongLong())
                        : -1);
                updateActions();
            });
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);

    buildSettingsMenus();
    restoreSettings();
    if (!m_ui->presetView->currentIndex().isValid() && m_presets->rowCount() > 0)
        m_ui->presetView->setCurrentIndex(m_presets->index(0));
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow() = default;

bool MainWindow::selectPreset(const QString& name)
{
    const int row = m_presets->rowOfName(name);
    if (row < 0)
        return false;
    m_ui->presetView->setCurrentIndex(m_presets->index(row));
    return true;
}

void MainWindow::presetSelected()
{
    const QModelIndex index = m_ui->presetView->currentIndex();
    if (!index.isValid())
        return;
    m_preset = m_presets->preset(index.row());
    m_ui->summaryLabel->setText(index.data(PresetModel::SummaryRole).toString());
    m_config->setConfig(forkscope::scenarios::find_scenario(m_preset->scenarioId.toStdString()), m_preset->config);
}

void MainWindow::configChanged()
{
    const QStringList errors = m_config->errors();
    m_ui->configErrorLabel->setText(errors.join(QLatin1Char('\n')));
    m_ui->configErrorLabel->setVisible(!errors.isEmpty());
    updateActions();
}

void MainWindow::startRun()
{
    if (!m_preset || !m_config->isValid() || !m_controller->canStart())
        return;
    m_controller->start(m_preset->scenarioId, m_config->config());
}

void MainWindow::runStateChanged()
{
    updateActions();
    updateStatus();
}

void MainWindow::showMessage(const QString& text)
{
    m_output->follow(m_controller->recording()); // the note goes after what the run holds now
    m_output->appendNote(tr("ForkScope: %1").arg(text));
    statusBar()->showMessage(text, 10000);
    updateActions();
}

qint64 MainWindow::selectedPid() const
{
    const QModelIndex current = m_ui->processView->currentIndex();
    return current.isValid() ? current.data(ProcessTableModel::PidRole).toLongLong() : 0;
}

void MainWindow::signalSelected(int signal)
{
    if (const qint64 pid = selectedPid())
        m_controller->sendSignal(pid, signal);
}

void MainWindow::updateActions()
{
    const bool active = m_controller->isActive();
    m_ui->actionStart->setEnabled(m_preset && m_config->isValid() && m_controller->canStart());
    m_ui->actionStop->setEnabled(m_controller->state() == RunController::State::Running);
    m_ui->presetView->setEnabled(!active);
    m_ui->configView->setEnabled(!active);
    m_ui->actionOpenScenario->setEnabled(!active);
    m_ui->actionResetConfig->setEnabled(!active && m_preset.has_value());
    m_ui->actionConfigure->setEnabled(!active && m_preset.has_value());
    m_ui->configureButton->setEnabled(m_ui->actionConfigure->isEnabled());
    m_ui->actionSaveScenarioAs->setEnabled(m_preset && m_config->isValid());
    m_ui->actionOpenRun->setEnabled(!active && !m_runFiles->isExporting());
    const Recording* run = m_controller->recording();
    const int selected = run ? run->laneOfPid(static_cast<qint32>(selectedPid())) : -1;
    const bool signallable = active && selected >= 0 && run->stateOf(selected) == ProcessState::Running;
    for (QAction* signalAction :
         {m_ui->actionSignalTerm, m_ui->actionSignalKill, m_ui->actionSignalStop, m_ui->actionSignalCont})
        signalAction->setEnabled(signallable);
    for (QAction* exportAction :
         {m_ui->actionSaveRun, m_ui->actionExportTrace, m_ui->actionExportEvents, m_ui->actionExportTasks})
        exportAction->setEnabled(m_runFiles->canExport());
}

QWidget* MainWindow::currentView() const
{
    return m_views->views().value(m_ui->viewTabs->currentIndex(), m_ui->timelineView); // tabs in the same order
}

void MainWindow::updateStatus()
{
    QString state;
    switch (m_controller->state()) {
    case RunController::State::Idle:
        state =
            m_config->isValid() ? tr("Ready: press F5 to start the scenario.") : tr("Fix the configuration to start.");
        break;
    case RunController::State::Starting: state = tr("Starting…"); break;
    case RunController::State::Running:
        state = tr("Running: %n process(es) started.", nullptr,
                   m_controller->recording() ? static_cast<int>(m_controller->recording()->lanes().size()) : 0);
        break;
    case RunController::State::Stopping: state = tr("Stopping: terminating the processes…"); break;
    case RunController::State::Finished:
        if (m_controller->isReplaying())
            state = tr("Replay: the run as it was at %1 s of %2 s. Drag the bar under the views, F6 plays.")
                        .arg(TextFormat::seconds(m_controller->replayPositionNs()),
                             TextFormat::seconds(m_controller->replayEndNs()));
        else
            state = m_controller->summary() ? m_controller->summary()->oneLine() : QString();
        break;
    }
    m_stateLabel->setText(state);
    // Said plainly whenever the views miss events: short in the bar, the whole sentence on hover.
    const Recording* recording = m_controller->recording();
    const QString missing = recording ? RecordingReport::eventsMissing(*recording) : QString();
    m_eventsMissingLabel->setVisible(!missing.isEmpty());
    if (!missing.isEmpty()) {
        m_eventsMissingLabel->setText(tr("%1 events missing from the views%2")
                                          .arg(QLocale().toString(recording->dropped() + recording->eventsNotKept()),
                                               recording->countsExact() && recording->timesExact()
                                                   ? tr(", counts and percentiles exact")
                                               : recording->countsExact() ? tr(", counts exact")
                                                                          : QString()));
        m_eventsMissingLabel->setToolTip(missing);
    }
    m_wallTimeLabel->setText(tr("Wall time: %1").arg(TextFormat::secondsWithUnit(m_controller->elapsedNs())));
}

void MainWindow::openScenario()
{
    const QString path = ScenarioFiles::chooseToOpen(this);
    if (!path.isEmpty())
        openScenarioFile(path);
}

void MainWindow::openScenarioFile(const QString& path)
{
    if (m_controller->isActive())
        return;
    QString error;
    const auto preset = ScenarioFiles::open(path, &error);
    if (!preset) {
        QMessageBox::warning(this, tr("Cannot Open Scenario"), error);
        return;
    }
    m_ui->presetView->setCurrentIndex(m_presets->index(m_presets->addPreset(*preset)));
}

void MainWindow::saveScenarioAs()
{
    if (!m_preset)
        return;
    const QString path = ScenarioFiles::chooseToSave(this, m_preset->name);
    if (path.isEmpty())
        return;
    QString error;
    if (!ScenarioFiles::save(path, *m_preset, m_config->config(), &error)) {
        QMessageBox::warning(this, tr("Cannot Save Scenario"), error);
        return;
    }
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
}

// The scenario's own form, on a copy of the configuration: only OK or Start change it here.
void MainWindow::configure()
{
    if (!m_preset || m_controller->isActive())
        return;
    auto* dialog = new ConfigDialog(*m_preset, m_config->config(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->presetReplaced()) // a scenario file opened in the dialog joins the list
            m_ui->presetView->setCurrentIndex(m_presets->index(m_presets->addPreset(dialog->preset())));
        m_config->setConfig(m_config->scenario(), dialog->config());
        if (dialog->startRequested())
            startRun();
    });
    dialog->open();
}

void MainWindow::resetConfig()
{
    if (m_preset)
        m_config->setConfig(m_config->scenario(), m_preset->config);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About ForkScope"),
                       tr("<h3>ForkScope %1</h3>"
                          "<p>Runs multiprocessing scenarios with real fork()ed worker processes and shows what "
                          "they do: their PIDs, parents, states, exit codes and output.</p>"
                          "<p>Every process is forked from a fork server started before the GUI's threads; "
                          "all of them end when ForkScope ends.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

namespace {

// A menu of exclusive choices (Language, Appearance): checked where `saved` is, and `choose`n.
template <class Options>
void buildChoiceMenu(QMenu* menu, const Options& options, const QString& saved,
                     const std::function<void(const QString&)>& choose)
{
    auto* group = new QActionGroup(menu);
    for (const auto& option : options) {
        QAction* action = menu->addAction(option.name);
        action->setCheckable(true);
        action->setChecked(option.code == saved);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [choose, code = option.code] { choose(code); });
    }
}

template <class Options>
void retitleChoiceMenu(QMenu* menu, const Options& options)
{
    const auto actions = menu->actions();
    for (int i = 0; i < actions.size() && i < options.size(); ++i)
        actions[i]->setText(options[i].name);
}

} // namespace

void MainWindow::buildSettingsMenus()
{
    buildChoiceMenu(m_ui->menuLanguage, Language::options(), Language::saved(), [](const QString& code) {
        Language::save(code);
        Language::apply(code);
    });
    const auto languages = m_ui->menuLanguage->actions();
    for (int i = 1; i < languages.size(); ++i) // after "System default", each name is in its own language
        languages[i]->setProperty("ownLanguage", true);
    buildChoiceMenu(m_ui->menuAppearance, Appearance::options(), Appearance::saved(), [](const QString& code) {
        Appearance::save(code);
        Appearance::apply(code);
    });
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_ui->retranslateUi(this);
    retitleChoiceMenu(m_ui->menuLanguage, Language::options());
    retitleChoiceMenu(m_ui->menuAppearance, Appearance::options());
    m_presets->retranslate();
    m_output->retranslate();
    m_views->retranslate();
    if (m_preset)
        m_ui->summaryLabel->setText(m_ui->presetView->currentIndex().data(PresetModel::SummaryRole).toString());
    m_config->setConfig(m_config->scenario(), m_config->config()); // headers and labels
    emit m_views->processModel()->headerDataChanged(Qt::Horizontal, 0, ProcessTableModel::NUM_COLUMNS - 1);
    updateStatus();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    if (!m_ui->mainSplitter->restoreState(settings.value(QStringLiteral("mainWindow/mainSplitter")).toByteArray()))
        m_ui->mainSplitter->setSizes({380, 820});
    if (!m_ui->runSplitter->restoreState(settings.value(QStringLiteral("mainWindow/runSplitter")).toByteArray()) ||
        m_ui->runSplitter->sizes().size() != 3) // the timeline pane came later: older layouts are dropped
        m_ui->runSplitter->setSizes({220, 340, 150});
    m_ui->viewTabs->setCurrentIndex(settings.value(QStringLiteral("mainWindow/viewTab"), 0).toInt());
    selectPreset(settings.value(QStringLiteral("scenario/last")).toString());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/mainSplitter"), m_ui->mainSplitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/runSplitter"), m_ui->runSplitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/viewTab"), m_ui->viewTabs->currentIndex());
    if (m_preset && m_preset->path.startsWith(QLatin1Char(':')))
        settings.setValue(QStringLiteral("scenario/last"), m_preset->name);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    m_controller->stop(); // the fork server kills whatever is left when the app ends
    event->accept();
}
