#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;

namespace aiops::widgets {

// Title and subtitle at the top of a page, with room on the right for the page's main actions.
class PageHeader final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageHeader)
public:
    PageHeader(const QString& title, const QString& subtitle, QWidget* parent = nullptr);
    ~PageHeader() override;

    void setSubtitle(const QString& subtitle);
    void addAction(QWidget* widget);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateColors();

    QLabel* m_title;
    QLabel* m_subtitle;
    QHBoxLayout* m_actions;
};

} // namespace aiops::widgets
