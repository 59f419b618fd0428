#include "app/outputlog.h"

#include "model/textformat.h"

#include <QComboBox>
#include <QPlainTextEdit>

OutputLog::OutputLog(QPlainTextEdit* view, QComboBox* filter, QObject* parent)
    : QObject(parent), m_view(view), m_filter(filter)
{
    m_view->setMaximumBlockCount(static_cast<int>(kMaxLines));
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filter->addItem(QString(), qint64{0});
    retranslate();
    connect(m_filter, &QComboBox::currentIndexChanged, this, &OutputLog::refill);
}

void OutputLog::clearLines()
{
    m_lines.clear();
    m_view->clear();
}

void OutputLog::clear()
{
    clearLines();
    const QSignalBlocker blocker(m_filter);
    while (m_filter->count() > 1)
        m_filter->removeItem(1);
    m_filter->setCurrentIndex(0);
}

void OutputLog::addProcess(qint64 pid, const QString& name)
{
    if (m_filter->findData(pid) < 0)
        m_filter->addItem(QStringLiteral("%1 (%2)").arg(name).arg(pid), pid);
}

qint64 OutputLog::filterPid() const
{
    return m_filter->currentData().toLongLong();
}

bool OutputLog::shown(qint64 pid) const
{
    const qint64 wanted = filterPid();
    return wanted == 0 || pid == 0 || pid == wanted;
}

void OutputLog::append(qint64 tNs, qint64 pid, const QString& name, const QString& text)
{
    Line line{pid, QStringLiteral("%1  %2 [%3]  %4")
                       .arg(TextFormat::secondsWithUnit(tNs), 9)
                       .arg(name.isEmpty() ? QStringLiteral("MainProcess") : name)
                       .arg(pid)
                       .arg(text)};
    if (shown(pid))
        m_view->appendPlainText(line.text);
    m_lines.push_back(std::move(line));
    if (m_lines.size() > kMaxLines)
        m_lines.pop_front();
}

void OutputLog::appendNote(const QString& text)
{
    m_view->appendPlainText(text);
    m_lines.push_back(Line{0, text});
    if (m_lines.size() > kMaxLines)
        m_lines.pop_front();
}

void OutputLog::refill()
{
    QStringList text;
    for (const Line& line : m_lines) {
        if (shown(line.pid))
            text << line.text;
    }
    m_view->setPlainText(text.join(QLatin1Char('\n')));
    m_view->moveCursor(QTextCursor::End);
}

void OutputLog::retranslate()
{
    m_filter->setItemText(0, tr("all processes"));
}
