#include "widgets/SafetyViolationsTab.h"

#include "models/GuardrailModel.h"
#include "models/GuardrailViolationModel.h"
#include "models/SafetyFormat.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/SafetyTableView.h"
#include "widgets/Theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace aiops::widgets {

SafetyViolationsTab::SafetyViolationsTab(models::GuardrailViolationModel* model,
                                         models::GuardrailModel* guardrails,
                                         QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_guardrails(guardrails)
    , m_guardrail(new QComboBox(this))
    , m_action(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_tableStack(nullptr)
    , m_table(nullptr)
    , m_empty(nullptr)
    , m_noMatch(nullptr)
    , m_details(nullptr)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingM);

    auto* filters = new QHBoxLayout;
    filters->setSpacing(Theme::kSpacingS);
    m_guardrail->setAccessibleName(tr("Guardrail filter"));
    m_guardrail->setMinimumContentsLength(18);
    m_guardrail->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    filters->addWidget(m_guardrail);
    m_action->addItem(tr("All actions"), QString());
    for (const QString& action : models::SafetyFormat::violationActions())
        m_action->addItem(models::SafetyFormat::violationActionText(action), action);
    m_action->setAccessibleName(tr("Action filter"));
    filters->addWidget(m_action);
    filters->addStretch(1);
    QPalette subtle = m_count->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_count->setPalette(subtle);
    filters->addWidget(m_count);
    layout->addLayout(filters);

    auto* card = new Card(this);
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    cardLayout->setSpacing(Theme::kSpacingS);
    m_tableStack = new QStackedWidget(card);
    m_table = new SafetyTableView(m_tableStack);
    m_table->setObjectName(QStringLiteral("violationsTable"));
    m_table->setSourceModel(m_model, models::GuardrailViolationModel::TimeColumn, Qt::DescendingOrder);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(models::GuardrailViolationModel::TextColumn,
                                                      QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Guardrail violations"));
    m_tableStack->addWidget(m_table);
    m_empty = new EmptyState(QStringLiteral("empty-safety"), m_tableStack);
    m_empty->setCompact(true);
    m_empty->setTitle(tr("No guardrail violations"));
    m_empty->setMessage(tr("Messages that a guardrail blocks, warns about, rephrases or escalates are logged here."));
    m_tableStack->addWidget(m_empty);
    m_noMatch = new EmptyState(QStringLiteral("search"), m_tableStack);
    m_noMatch->setCompact(true);
    m_noMatch->setTitle(tr("No violations match the filters"));
    m_noMatch->setMessage(tr("Try another guardrail or action."));
    m_noMatch->setAction(tr("Clear filters"));
    connect(m_noMatch, &EmptyState::actionTriggered, this, [this] {
        m_guardrail->setCurrentIndex(0);
        m_action->setCurrentIndex(0);
    });
    m_tableStack->addWidget(m_noMatch);
    cardLayout->addWidget(m_tableStack, 1);
    m_details = new QLabel(card);
    m_details->setObjectName(QStringLiteral("violationDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setContentsMargins(Theme::kSpacingL, 0, Theme::kSpacingL, Theme::kSpacingS);
    cardLayout->addWidget(m_details);
    layout->addWidget(card, 1);

    onGuardrailsChanged();
    connect(m_guardrail, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setGuardrailId(m_guardrail->currentData().toString());
        onRowsChanged();
    });
    connect(m_action, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setActionTaken(m_action->currentData().toString());
        onRowsChanged();
    });
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_model, signal, this, &SafetyViolationsTab::onRowsChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SafetyViolationsTab::onRowsChanged);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_guardrails, signal, this, &SafetyViolationsTab::onGuardrailsChanged);
    connect(m_guardrails, &QAbstractItemModel::modelReset, this, &SafetyViolationsTab::onGuardrailsChanged);
    connect(m_guardrails, &QAbstractItemModel::dataChanged, this, &SafetyViolationsTab::onGuardrailsChanged);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &SafetyViolationsTab::onSelectionChanged);
    onRowsChanged();
}

SafetyViolationsTab::~SafetyViolationsTab() = default;

QWidget* SafetyViolationsTab::filterWidget() const
{
    return m_guardrail;
}

bool SafetyViolationsTab::isShowingEmptyState() const
{
    return m_tableStack->currentWidget() == m_empty;
}

QString SafetyViolationsTab::detailsText() const
{
    return m_details->text();
}

void SafetyViolationsTab::onRowsChanged()
{
    const int rows = m_model->rowCount();
    if (!m_model->lastError().isEmpty())
        m_count->setText(tr("Could not load violations: %1").arg(m_model->lastError()));
    else if (rows >= models::GuardrailViolationModel::kRowLimit)
        m_count->setText(tr("Latest %n violation(s)", nullptr, rows));
    else
        m_count->setText(tr("%n violation(s)", nullptr, rows));
    m_tableStack->setCurrentWidget(rows > 0                    ? static_cast<QWidget*>(m_table)
                                       : m_model->isFiltered() ? static_cast<QWidget*>(m_noMatch)
                                                               : static_cast<QWidget*>(m_empty));
    onSelectionChanged();
}

void SafetyViolationsTab::onGuardrailsChanged()
{
    const QString current = m_guardrail->currentData().toString();
    QList<QPair<QString, QString>> items;
    for (const auto& g : m_guardrails->guardrails())
        items.append({ g.name, g.guardrailId });
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
        return a.first.localeAwareCompare(b.first) < 0;
    });
    const QSignalBlocker blocker(m_guardrail);
    m_guardrail->clear();
    m_guardrail->addItem(tr("All guardrails"), QString());
    for (const auto& [name, id] : items)
        m_guardrail->addItem(name, id);
    m_guardrail->setCurrentIndex(std::max(0, m_guardrail->findData(current)));
}

void SafetyViolationsTab::onSelectionChanged()
{
    const auto violation = m_model->violationAt(m_table->selectedSourceRow());
    m_details->setVisible(violation.has_value());
    if (!violation) {
        m_details->clear();
        return;
    }
    QStringList lines;
    lines << tr("%1 · %2 · confidence %3")
                 .arg(m_model->guardrailName(violation->guardrailId),
                      models::SafetyFormat::violationActionText(violation->actionTaken),
                      models::SafetyFormat::confidence(violation->confidence));
    if (!violation->detectedIssue.isEmpty())
        lines << tr("Issue: %1").arg(violation->detectedIssue);
    lines << tr("Message: %1").arg(violation->originalText);
    if (!violation->modifiedText.isEmpty())
        lines << tr("Sent as: %1").arg(violation->modifiedText);
    m_details->setText(lines.join(QLatin1Char('\n')));
}

} // namespace aiops::widgets
