#pragma once

#include <QSortFilterProxyModel>

// The process table as the view shows it: sortable by the model's SortRole, with each row tinted
// by its state (running, exited but not joined, joined) and failed exits marked. Presentation
// only; the data stays in ProcessTableModel.
class ProcessTableProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit ProcessTableProxy(QObject* parent = nullptr);

    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
};
