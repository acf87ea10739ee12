#pragma once

#include <QFrame>

namespace aiops::widgets {

// A rounded panel in the palette's base colour with a hairline border; pages group content in cards.
class Card : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Card)
public:
    explicit Card(QWidget* parent = nullptr);
    ~Card() override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

} // namespace aiops::widgets
