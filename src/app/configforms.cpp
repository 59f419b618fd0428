#include "app/configforms.h"

#include "ui_cpuspeedupconfig.h"
#include "ui_foldercopyconfig.h"
#include "ui_poolconfig.h"
#include "ui_poolqueueconfig.h"
#include "ui_processesconfig.h"
#include "ui_producerconsumerconfig.h"
#include "ui_sharedstateconfig.h"
#include "ui_ticketraceconfig.h"

#include <QEvent>
#include <QWidget>

#include <memory>

namespace {

// A form's widget owns its Ui object, so the texts written by Designer can be translated again
// when the language changes.
template <class Form>
class FormWidget : public QWidget {
public:
    explicit FormWidget(QWidget* parent) : QWidget(parent), m_ui(std::make_unique<Form>()) { m_ui->setupUi(this); }

protected:
    void changeEvent(QEvent* event) override
    {
        if (event->type() == QEvent::LanguageChange)
            m_ui->retranslateUi(this);
        QWidget::changeEvent(event);
    }

private:
    std::unique_ptr<Form> m_ui;
};

struct Entry {
    const char* scenarioId;
    QWidget* (*make)(QWidget* parent);
};

template <class Form>
QWidget* make(QWidget* parent)
{
    return new FormWidget<Form>(parent);
}

constexpr Entry kForms[] = {
    {"processes", make<Ui::ProcessesConfig>},
    {"ticket-race", make<Ui::TicketRaceConfig>},
    {"producer-consumer", make<Ui::ProducerConsumerConfig>},
    {"pool", make<Ui::PoolConfig>},
    {"pool-queue", make<Ui::PoolQueueConfig>},
    {"folder-copy", make<Ui::FolderCopyConfig>},
    {"shared-state", make<Ui::SharedStateConfig>},
    {"cpu-speedup", make<Ui::CpuSpeedupConfig>},
};

} // namespace

QWidget* ConfigForms::create(const QString& scenarioId, QWidget* parent)
{
    for (const Entry& entry : kForms) {
        if (scenarioId == QLatin1String(entry.scenarioId))
            return entry.make(parent);
    }
    return nullptr;
}

QStringList ConfigForms::scenarios()
{
    QStringList ids;
    for (const Entry& entry : kForms)
        ids << QString::fromLatin1(entry.scenarioId);
    return ids;
}
