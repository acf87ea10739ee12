#pragma once

#include <Qt>

namespace aiops::models {

// Item roles shared by the models in this folder and the delegates that draw them.
enum ItemRole {
    SortRole = Qt::UserRole + 1, // raw value to sort by (number, or lower-case text)
    NodeIdRole, // QString: the node a row belongs to
    StatusRole, // QString: online | offline | maintenance (the node's)
    FractionRole, // double 0..1 for gauge-like cells; invalid when unknown
    DeviceIdRole, // QString: GPU device id (GpuTableModel)
    SearchTextRole, // QString: lower-case text a filter matches (name, id, host)
    SeverityRole, // int: 0 normal, 1 warning, 2 critical; invalid = judge by FractionRole
};

} // namespace aiops::models
