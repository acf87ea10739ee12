#include "models/SafetyTableModel.h"

namespace aiops::models {

SafetyTableModel::SafetyTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SafetyTableModel::refresh);
}

SafetyTableModel::~SafetyTableModel() = default;

void SafetyTableModel::refresh()
{
    m_refreshTimer.stop();
    reload();
}

void SafetyTableModel::scheduleRefresh()
{
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

} // namespace aiops::models
