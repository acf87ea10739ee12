#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QToolButton;

namespace aiops::widgets {

// Left navigation: the app's mark, one entry per page, and Settings at the bottom.
class Sidebar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Sidebar)
public:
    explicit Sidebar(QWidget* parent = nullptr);
    ~Sidebar() override;

    void addPage(const QString& iconName, const QString& text);
    void setCurrentPage(int index);
    int currentPage() const;
    QStringList pageTitles() const;

Q_SIGNALS:
    void currentPageChanged(int index);
    void settingsRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateIcons();

    QLabel* m_logo;
    QListWidget* m_list;
    QToolButton* m_settings;
    QStringList m_iconNames;
};

} // namespace aiops::widgets
