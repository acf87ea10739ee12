#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace aiops::store {

// One schema step. Versions start at 1 and increase by one; a released migration never changes,
// later schema changes are new entries.
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements; // run in order inside one transaction
};

// Every migration this build knows, in ascending version order.
const QList<Migration>& migrations();

} // namespace aiops::store
