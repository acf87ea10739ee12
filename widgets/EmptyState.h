#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace aiops::widgets {

// What a page shows where it has no data: an illustration, a title, one helpful sentence and,
// optionally, the button that fixes it.
class EmptyState final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyState)
public:
    explicit EmptyState(const QString& iconName, QWidget* parent = nullptr);
    ~EmptyState() override;

    void setTitle(const QString& title);
    void setMessage(const QString& message);
    // Shows a button; actionTriggered() is emitted when it is clicked.
    void setAction(const QString& text, const QString& iconName = {});
    QPushButton* actionButton() const { return m_button; }
    // Smaller art and margins, for empty states inside a card.
    void setCompact(bool compact);

Q_SIGNALS:
    void actionTriggered();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateIcons();

    QString m_iconName;
    QString m_actionIconName;
    int m_iconSize = 96;
    QLabel* m_image;
    QLabel* m_title;
    QLabel* m_message;
    QPushButton* m_button;
};

} // namespace aiops::widgets
