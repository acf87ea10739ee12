#pragma once

#include <QAbstractTableModel>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace aiops::models {

// Base of the safety table models: the SafetyService's signals (emitted on its worker thread and
// delivered here queued) only schedule a reload, so a burst of detections costs one query and one
// repaint per kRefreshIntervalMs. A reload is applied as a keyed diff, so rows keep their selection.
class SafetyTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyTableModel)
public:
    static constexpr int kRefreshIntervalMs = 100;

    ~SafetyTableModel() override;

    // Reloads from the service now instead of waiting for the timer.
    void refresh();

protected:
    explicit SafetyTableModel(QObject* parent);

    void scheduleRefresh();
    virtual void reload() = 0;

    // Makes `rows` equal to `fresh`: removes rows whose key is gone, inserts new ones where `fresh`
    // has them and emits dataChanged for kept rows that `same` says changed. Falls back to a reset
    // when the kept rows changed order.
    template<typename T, typename Key, typename Same>
    void syncRows(QList<T>& rows, const QList<T>& fresh, Key key, Same same);

private:
    QTimer m_refreshTimer;
};

template<typename T, typename Key, typename Same>
void SafetyTableModel::syncRows(QList<T>& rows, const QList<T>& fresh, Key key, Same same)
{
    QSet<QString> freshKeys;
    freshKeys.reserve(fresh.size());
    for (const T& item : fresh)
        freshKeys.insert(key(item));
    for (qsizetype last = rows.size() - 1; last >= 0; --last) {
        if (freshKeys.contains(key(rows.at(last))))
            continue;
        qsizetype first = last;
        while (first > 0 && !freshKeys.contains(key(rows.at(first - 1))))
            --first;
        beginRemoveRows({}, int(first), int(last));
        rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first;
    }

    QSet<QString> keptKeys;
    QStringList kept;
    for (const T& item : rows) {
        keptKeys.insert(key(item));
        kept.append(key(item));
    }
    QStringList keptInFreshOrder;
    for (const T& item : fresh) {
        if (keptKeys.contains(key(item)))
            keptInFreshOrder.append(key(item));
    }
    if (kept != keptInFreshOrder) {
        beginResetModel();
        rows = fresh;
        endResetModel();
        return;
    }

    for (qsizetype i = 0; i < fresh.size(); ++i) {
        if (keptKeys.contains(key(fresh.at(i)))) {
            if (!same(rows.at(i), fresh.at(i))) {
                rows[i] = fresh.at(i);
                Q_EMIT dataChanged(index(int(i), 0), index(int(i), columnCount() - 1));
            }
            continue;
        }
        qsizetype end = i;
        while (end < fresh.size() && !keptKeys.contains(key(fresh.at(end))))
            ++end;
        beginInsertRows({}, int(i), int(end - 1));
        rows.insert(i, end - i, T {});
        for (qsizetype j = i; j < end; ++j)
            rows[j] = fresh.at(j);
        endInsertRows();
        i = end - 1;
    }
}

} // namespace aiops::models
