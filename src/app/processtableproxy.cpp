#include "app/processtableproxy.h"

#include "model/recording/recording.h"
#include "model/views/processtablemodel.h"

#include <QBrush>
#include <QColor>

ProcessTableProxy::ProcessTableProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(ProcessTableModel::SortRole);
}

QVariant ProcessTableProxy::data(const QModelIndex& index, int role) const
{
    if (role == Qt::BackgroundRole) {
        // Translucent tints read on light and dark palettes alike.
        switch (static_cast<ProcessState>(index.data(ProcessTableModel::StateRole).toInt())) {
        case ProcessState::Running: return QBrush(QColor(46, 204, 113, 48));
        case ProcessState::Exited: return QBrush(QColor(243, 156, 18, 56));
        case ProcessState::Joined: return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == ProcessTableModel::ExitColumn) {
        const QVariant code = index.data(ProcessTableModel::ExitCodeRole);
        if (code.isValid() && code.toInt() != 0)
            return QBrush(QColor(192, 57, 43));
    }
    return QSortFilterProxyModel::data(index, role);
}
