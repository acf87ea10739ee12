#include "widgets/SafetyReviewTab.h"

#include "core/safety/SafetyService.h"
#include "models/GuardrailViolationModel.h"
#include "models/SafetyFormat.h"
#include "models/SafetyRoles.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/SafetyTableView.h"
#include "widgets/Theme.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace aiops::widgets {

SafetyReviewTab::SafetyReviewTab(safety::SafetyService* service,
                                 models::GuardrailViolationModel* escalations,
                                 QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(escalations)
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(QStringLiteral("check"), m_stack))
    , m_table(nullptr)
    , m_heading(nullptr)
    , m_issue(nullptr)
    , m_message(nullptr)
    , m_approve(nullptr)
    , m_reject(nullptr)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_empty->setTitle(tr("Nothing to review"));
    m_empty->setMessage(tr("When a guardrail with the Escalate action catches a message, the message waits here "
                           "until you approve or reject it."));
    m_stack->addWidget(m_empty);

    auto* splitter = new QSplitter(Qt::Horizontal, m_stack);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::kSpacingM);

    auto* tableCard = new Card(splitter);
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    m_table = new SafetyTableView(tableCard);
    m_table->setObjectName(QStringLiteral("reviewTable"));
    m_table->setSourceModel(m_model, models::GuardrailViolationModel::TimeColumn, Qt::AscendingOrder);
    for (const int column : { models::GuardrailViolationModel::TypeColumn,
                              models::GuardrailViolationModel::ActionColumn,
                              models::GuardrailViolationModel::ConfidenceColumn })
        m_table->setColumnHidden(column, true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(models::GuardrailViolationModel::TextColumn,
                                                      QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Messages waiting for review"));
    tableLayout->addWidget(m_table);

    auto* detailCard = new Card(splitter);
    auto* detailLayout = new QVBoxLayout(detailCard);
    detailLayout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingL);
    detailLayout->setSpacing(Theme::kSpacingS);
    m_heading = new QLabel(detailCard);
    QFont headingFont = m_heading->font();
    headingFont.setWeight(QFont::DemiBold);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.1);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    detailLayout->addWidget(m_heading);
    m_issue = new QLabel(detailCard);
    m_issue->setWordWrap(true);
    m_issue->setTextFormat(Qt::PlainText);
    QPalette subtle = m_issue->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_issue->setPalette(subtle);
    detailLayout->addWidget(m_issue);
    m_message = new QPlainTextEdit(detailCard);
    m_message->setObjectName(QStringLiteral("reviewMessage"));
    m_message->setReadOnly(true);
    m_message->setTabChangesFocus(true);
    m_message->setAccessibleName(tr("Escalated message"));
    detailLayout->addWidget(m_message, 1);
    auto* hint = new QLabel(
        tr("Approve marks the message as acceptable; Reject confirms the violation. The decision is recorded in "
           "the violations log."),
        detailCard);
    hint->setWordWrap(true);
    hint->setPalette(subtle);
    detailLayout->addWidget(hint);
    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(Theme::kSpacingS);
    buttons->addStretch(1);
    m_reject = new QPushButton(Theme::paletteIcon(QStringLiteral("reject"), palette()), tr("&Reject"), detailCard);
    m_reject->setObjectName(QStringLiteral("rejectButton"));
    buttons->addWidget(m_reject);
    m_approve = new QPushButton(tr("&Approve"), detailCard);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    Theme::makePrimary(m_approve, QStringLiteral("check"));
    buttons->addWidget(m_approve);
    detailLayout->addLayout(buttons);

    splitter->addWidget(tableCard);
    splitter->addWidget(detailCard);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    tableCard->setMinimumWidth(360);
    detailCard->setMinimumWidth(300);
    m_stack->addWidget(splitter);

    connect(m_approve, &QPushButton::clicked, this, [this] { resolve(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { resolve(false); });
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_model, signal, this, &SafetyReviewTab::onRowsChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SafetyReviewTab::onRowsChanged);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SafetyReviewTab::onSelectionChanged);
    onRowsChanged();
}

SafetyReviewTab::~SafetyReviewTab() = default;

bool SafetyReviewTab::selectViolation(const QString& violationId)
{
    return m_table->selectSourceRow(m_model->rowOf(violationId));
}

QString SafetyReviewTab::selectedViolationId() const
{
    const int row = m_table->selectedSourceRow();
    return row < 0 ? QString() : m_model->index(row, 0).data(models::SafetyIdRole).toString();
}

QWidget* SafetyReviewTab::filterWidget() const
{
    return isShowingEmptyState() ? static_cast<QWidget*>(m_empty) : static_cast<QWidget*>(m_table);
}

bool SafetyReviewTab::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

void SafetyReviewTab::onRowsChanged()
{
    const bool empty = m_model->rowCount() == 0;
    m_stack->setCurrentIndex(empty ? 0 : 1);
    if (!empty && selectedViolationId().isEmpty())
        m_table->selectRow(0);
    onSelectionChanged();
}

void SafetyReviewTab::onSelectionChanged()
{
    const auto violation = m_model->violationAt(m_table->selectedSourceRow());
    m_approve->setEnabled(violation.has_value());
    m_reject->setEnabled(violation.has_value());
    if (!violation) {
        m_heading->setText(tr("Select a message to review"));
        m_issue->clear();
        m_message->clear();
        return;
    }
    m_heading->setText(tr("Escalated by “%1”").arg(m_model->guardrailName(violation->guardrailId)));
    QStringList facts;
    facts << models::SafetyFormat::timestamp(violation->detectedAt);
    if (!violation->detectedIssue.isEmpty())
        facts << violation->detectedIssue;
    facts << tr("confidence %1").arg(models::SafetyFormat::confidence(violation->confidence));
    if (!violation->conversationId.isEmpty())
        facts << tr("conversation %1").arg(violation->conversationId);
    m_issue->setText(facts.join(QStringLiteral(" · ")));
    m_message->setPlainText(violation->originalText);
}

void SafetyReviewTab::resolve(bool approved)
{
    const QString id = selectedViolationId();
    if (id.isEmpty())
        return;
    const int row = m_table->selectionModel()->selectedRows().value(0).row();
    const auto resolved = m_service->resolveEscalation(id, approved);
    if (!resolved) {
        Q_EMIT message(tr("Could not resolve the escalation: %1").arg(resolved.error().message), true);
        return;
    }
    m_model->refresh();
    if (m_table->model()->rowCount() > 0)
        m_table->selectRow(std::min(row, m_table->model()->rowCount() - 1));
    Q_EMIT message(approved ? tr("Message approved.") : tr("Message rejected."), false);
}

} // namespace aiops::widgets
