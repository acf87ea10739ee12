#include "widgets/SafetyPage.h"

#include "core/safety/SafetyService.h"
#include "models/GuardrailModel.h"
#include "models/GuardrailViolationModel.h"
#include "models/PiiDetectionModel.h"
#include "models/PiiPatternModel.h"
#include "widgets/PageHeader.h"
#include "widgets/SafetyDetectionsTab.h"
#include "widgets/SafetyGuardrailsTab.h"
#include "widgets/SafetyPatternsTab.h"
#include "widgets/SafetyReviewTab.h"
#include "widgets/SafetyViolationsTab.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QButtonGroup>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

SafetyPage::SafetyPage(safety::SafetyService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_patterns(new models::PiiPatternModel(service, this))
    , m_guardrails(new models::GuardrailModel(service, this))
    , m_detections(new models::PiiDetectionModel(service, this))
    , m_violations(new models::GuardrailViolationModel(service, models::GuardrailViolationModel::Source::Log, this))
    , m_escalations(
          new models::GuardrailViolationModel(service, models::GuardrailViolationModel::Source::Escalations, this))
    , m_header(new PageHeader(tr("Safety"), {}, this))
    , m_primary(new QPushButton(this))
    , m_segments(new QButtonGroup(this))
    , m_message(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_patternsTab(new SafetyPatternsTab(service, m_patterns, m_stack))
    , m_guardrailsTab(new SafetyGuardrailsTab(service, m_guardrails, m_stack))
    , m_detectionsTab(new SafetyDetectionsTab(m_detections, m_patterns, m_stack))
    , m_violationsTab(new SafetyViolationsTab(m_violations, m_guardrails, m_stack))
    , m_reviewTab(new SafetyReviewTab(service, m_escalations, m_stack))
{
    Q_ASSERT(m_service);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    m_primary->setObjectName(QStringLiteral("safetyPrimaryButton"));
    Theme::makePrimary(m_primary, QStringLiteral("add"));
    connect(m_primary, &QPushButton::clicked, this, [this] {
        if (currentSection() == Section::Guardrails)
            m_guardrailsTab->addAction()->trigger();
        else
            m_patternsTab->addAction()->trigger();
    });
    m_header->addAction(m_primary);
    layout->addWidget(m_header);

    // Segmented control: one checkable button per section.
    auto* bar = new QHBoxLayout;
    bar->setSpacing(Theme::kSpacingM);
    auto* segments = new QFrame(this);
    segments->setObjectName(QStringLiteral("safetySections"));
    auto* segmentLayout = new QHBoxLayout(segments);
    segmentLayout->setContentsMargins(3, 3, 3, 3);
    segmentLayout->setSpacing(2);
    const QList<QPair<Section, QString>> sections {
        { Section::Patterns, tr("Patterns") },     { Section::Guardrails, tr("Guardrails") },
        { Section::Detections, tr("Detections") }, { Section::Violations, tr("Violations") },
        { Section::Review, tr("Review queue") },
    };
    for (const auto& [section, title] : sections) {
        auto* button = new QToolButton(segments);
        button->setText(title);
        button->setCheckable(true);
        button->setFocusPolicy(Qt::StrongFocus);
        button->setCursor(Qt::PointingHandCursor);
        m_segments->addButton(button, int(section));
        segmentLayout->addWidget(button);
    }
    m_segments->setExclusive(true);
    bar->addWidget(segments);
    bar->addStretch(1);
    m_message->setObjectName(QStringLiteral("safetyMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setVisible(false);
    bar->addWidget(m_message);
    layout->addLayout(bar);

    m_stack->addWidget(m_patternsTab);
    m_stack->addWidget(m_guardrailsTab);
    m_stack->addWidget(m_detectionsTab);
    m_stack->addWidget(m_violationsTab);
    m_stack->addWidget(m_reviewTab);
    layout->addWidget(m_stack, 1);

    auto* add = new QAction(this);
    add->setShortcut(QKeySequence(Qt::Key_Insert));
    add->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(add, &QAction::triggered, m_primary, [this] {
        if (m_primary->isVisible())
            m_primary->click();
    });
    addAction(add);
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, &SafetyPage::focusFilter);
    addAction(find);
    auto* next = new QAction(this);
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    next->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QAction::triggered, this, [this] {
        showSection(Section((m_stack->currentIndex() + 1) % m_stack->count()));
    });
    addAction(next);
    auto* previous = new QAction(this);
    previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    previous->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(previous, &QAction::triggered, this, [this] {
        showSection(Section((m_stack->currentIndex() + m_stack->count() - 1) % m_stack->count()));
    });
    addAction(previous);

    m_messageTimer.setSingleShot(true);
    m_messageTimer.setInterval(kMessageTimeoutMs);
    connect(&m_messageTimer, &QTimer::timeout, m_message, &QLabel::hide);
    connect(m_segments, &QButtonGroup::idClicked, this, [this](int id) { showSection(Section(id)); });
    connect(m_patternsTab, &SafetyPatternsTab::message, this, &SafetyPage::showMessage);
    connect(m_guardrailsTab, &SafetyGuardrailsTab::message, this, &SafetyPage::showMessage);
    connect(m_reviewTab, &SafetyReviewTab::message, this, &SafetyPage::showMessage);
    // The add button follows its section's add action (disabled, with the reason, when not allowed).
    for (QAction* action : { m_patternsTab->addAction(), m_guardrailsTab->addAction() })
        connect(action, &QAction::changed, this, [this] { onSectionChanged(m_stack->currentIndex()); });
    for (QAbstractItemModel* model : { static_cast<QAbstractItemModel*>(m_patterns),
                                       static_cast<QAbstractItemModel*>(m_guardrails),
                                       static_cast<QAbstractItemModel*>(m_escalations) }) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &SafetyPage::updateSummary);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &SafetyPage::updateSummary);
        connect(model, &QAbstractItemModel::modelReset, this, &SafetyPage::updateSummary);
        connect(model, &QAbstractItemModel::dataChanged, this, &SafetyPage::updateSummary);
    }

    updateSegmentStyle();
    showSection(Section::Patterns);
    updateSummary();
}

SafetyPage::~SafetyPage() = default;

void SafetyPage::showSection(Section section)
{
    const int index = int(section);
    if (QAbstractButton* button = m_segments->button(index))
        button->setChecked(true);
    m_stack->setCurrentIndex(index);
    onSectionChanged(index);
}

SafetyPage::Section SafetyPage::currentSection() const
{
    return Section(m_stack->currentIndex());
}

QAbstractButton* SafetyPage::sectionButton(Section section) const
{
    return m_segments->button(int(section));
}

QString SafetyPage::subtitleText() const
{
    return m_subtitle;
}

QString SafetyPage::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void SafetyPage::showMessage(const QString& text, bool error)
{
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText, error ? Theme::errorText(palette()) : Theme::subtleText(palette()));
    m_message->setPalette(p);
    m_message->setText(text);
    m_message->setToolTip(text);
    m_message->show();
    m_messageTimer.start();
}

void SafetyPage::focusFilter()
{
    QWidget* target = nullptr;
    switch (currentSection()) {
    case Section::Patterns: target = m_patternsTab->filterWidget(); break;
    case Section::Guardrails: target = m_guardrailsTab->filterWidget(); break;
    case Section::Detections: target = m_detectionsTab->filterWidget(); break;
    case Section::Violations: target = m_violationsTab->filterWidget(); break;
    case Section::Review: target = m_reviewTab->filterWidget(); break;
    }
    if (!target)
        return;
    target->setFocus(Qt::ShortcutFocusReason);
    if (auto* edit = qobject_cast<QLineEdit*>(target))
        edit->selectAll();
}

void SafetyPage::onSectionChanged(int index)
{
    const Section section = Section(index);
    m_primary->setVisible(section == Section::Patterns || section == Section::Guardrails);
    m_primary->setText(section == Section::Guardrails ? tr("Add guardrail…") : tr("Add pattern…"));
    QAction* add = section == Section::Guardrails ? m_guardrailsTab->addAction() : m_patternsTab->addAction();
    m_primary->setToolTip(add->toolTip());
    m_primary->setEnabled(add->isEnabled());
}

void SafetyPage::updateSummary()
{
    const int patterns = m_patterns->rowCount();
    const int active = m_patterns->activeCount();
    const int guardrails = m_guardrails->rowCount();
    const int pending = m_escalations->rowCount();
    QStringList parts;
    parts << tr("%1 of %n PII pattern(s) active", nullptr, patterns).arg(active);
    parts << tr("%n guardrail(s)", nullptr, guardrails);
    if (pending > 0)
        parts << tr("%n message(s) to review", nullptr, pending);
    m_subtitle = parts.join(QStringLiteral(" · "));
    m_header->setSubtitle(m_subtitle);
    if (QAbstractButton* review = m_segments->button(int(Section::Review)))
        review->setText(pending > 0 ? tr("Review queue (%1)").arg(pending) : tr("Review queue"));
}

void SafetyPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateSegmentStyle();
}

void SafetyPage::updateSegmentStyle()
{
    const QPalette p = palette();
    const QColor track = Theme::sidebarBackground(p);
    const QColor border = Theme::cardBorder(p);
    const QColor selected = p.color(QPalette::Base);
    QColor hover = p.color(QPalette::WindowText);
    hover.setAlphaF(0.06f);
    const QColor focus = Theme::accentColor(p);
    auto rgba = [](const QColor& c) {
        return QStringLiteral("rgba(%1, %2, %3, %4)").arg(c.red()).arg(c.green()).arg(c.blue()).arg(c.alphaF());
    };
    findChild<QFrame*>(QStringLiteral("safetySections"))
        ->setStyleSheet(
            QStringLiteral("QFrame#safetySections { background: %1; border: 1px solid %2; border-radius: 8px; }"
                           "QFrame#safetySections QToolButton { border: 1px solid transparent; "
                           " border-radius: 6px; padding: 5px 14px; background: transparent; color: %5; }"
                           "QFrame#safetySections QToolButton:hover:!checked { background: %3; }"
                           "QFrame#safetySections QToolButton:checked { background: %4; border-color: %2;"
                           " font-weight: 600; }"
                           "QFrame#safetySections QToolButton:focus { border-color: %6; }")
                .arg(rgba(track),
                     rgba(border),
                     rgba(hover),
                     rgba(selected),
                     p.color(QPalette::WindowText).name(),
                     focus.name()));
}

} // namespace aiops::widgets
