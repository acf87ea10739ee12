#include "widgets/SafetyGuardrailsTab.h"

#include "core/safety/SafetyService.h"
#include "models/GuardrailModel.h"
#include "models/SafetyRoles.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/SafetyGuardrailDialog.h"
#include "widgets/SafetyTableView.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

std::optional<safety::Guardrail>
editInDialog(QWidget* parent, const safety::Guardrail& initial, const QStringList& takenNames)
{
    SafetyGuardrailDialog dialog(initial, takenNames, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.guardrail();
}

bool confirmDeletion(QWidget* parent, const QString& name)
{
    return Theme::confirmDestructive(
        parent,
        SafetyGuardrailsTab::tr("Delete guardrail"),
        SafetyGuardrailsTab::tr("Delete the guardrail “%1”?").arg(name),
        SafetyGuardrailsTab::tr("Messages are no longer checked against it. Violations already "
                                "logged keep their record."),
        SafetyGuardrailsTab::tr("Delete"));
}

QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    for (const QJsonValue& item : value.toArray())
        list.append(item.toString());
    return list;
}

QJsonValue jsonList(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

SafetyGuardrailsTab::SafetyGuardrailsTab(safety::SafetyService* service, models::GuardrailModel* model, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(model)
    , m_editor(editInDialog)
    , m_confirmDelete(confirmDeletion)
    , m_stack(new QStackedWidget(this))
    , m_empty(new EmptyState(QStringLiteral("empty-safety"), m_stack))
    , m_filterEdit(nullptr)
    , m_tableStack(nullptr)
    , m_table(nullptr)
    , m_noMatch(nullptr)
    , m_details(nullptr)
    , m_addAction(new QAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("Add guardrail…"), this))
    , m_editAction(new QAction(Theme::paletteIcon(QStringLiteral("rename"), palette()), tr("Edit…"), this))
    , m_deleteAction(new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Delete…"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    m_empty->setTitle(tr("No guardrails yet — click Add guardrail…"));
    m_empty->setMessage(tr("A guardrail checks chat messages before users or agents see them: blocked keywords, "
                           "allowed topics, a toxicity limit, or medical and legal advice. It can block, warn, "
                           "rephrase or hold a message for review."));
    m_empty->setAction(tr("Add guardrail…"), QStringLiteral("add"));
    connect(m_empty, &EmptyState::actionTriggered, m_addAction, &QAction::trigger);
    m_stack->addWidget(m_empty);

    auto* card = new Card(m_stack);
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingM);
    cardLayout->setSpacing(Theme::kSpacingS);
    auto* toolbar = new QHBoxLayout;
    toolbar->setSpacing(Theme::kSpacingS);
    toolbar->addWidget(Theme::sectionTitle(tr("Guardrails"), card));
    toolbar->addStretch(1);
    m_filterEdit = Theme::searchField(tr("Filter guardrails (Ctrl+F)"), 220, card, tr("Filter guardrails"));
    toolbar->addWidget(m_filterEdit);
    toolbar->addWidget(Theme::toolButton(m_editAction, card));
    toolbar->addWidget(Theme::toolButton(m_deleteAction, card));
    cardLayout->addLayout(toolbar);

    m_tableStack = new QStackedWidget(card);
    m_table = new SafetyTableView(m_tableStack);
    m_table->setObjectName(QStringLiteral("guardrailsTable"));
    m_table->setSourceModel(
        m_model, models::GuardrailModel::NameColumn, Qt::AscendingOrder, models::GuardrailModel::SeverityColumn);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(models::GuardrailModel::NameColumn, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Guardrails"));
    m_tableStack->addWidget(m_table);
    m_noMatch = new EmptyState(QStringLiteral("search"), m_tableStack);
    m_noMatch->setCompact(true);
    m_noMatch->setTitle(tr("No guardrails match the filter"));
    m_noMatch->setMessage(tr("Try another name or type."));
    m_noMatch->setAction(tr("Clear filter"));
    connect(m_noMatch, &EmptyState::actionTriggered, m_filterEdit, &QLineEdit::clear);
    m_tableStack->addWidget(m_noMatch);
    cardLayout->addWidget(m_tableStack, 1);

    m_details = new QLabel(card);
    m_details->setObjectName(QStringLiteral("guardrailDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setContentsMargins(0, Theme::kSpacingS, 0, 0);
    QPalette subtle = m_details->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    m_details->setPalette(subtle);
    cardLayout->addWidget(m_details);
    m_stack->addWidget(card);

    m_addAction->setToolTip(tr("Add a guardrail (Ins)"));
    m_editAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_editAction->setToolTip(tr("Edit the selected guardrail (F2)"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setToolTip(tr("Delete the selected guardrail (Del)"));
    // Insert (add) and Ctrl+F (filter) belong to the page, which routes them to the shown section.
    for (QAction* action : { m_editAction, m_deleteAction }) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        QWidget::addAction(action);
    }

    connect(m_addAction, &QAction::triggered, this, &SafetyGuardrailsTab::onAddTriggered);
    connect(m_editAction, &QAction::triggered, this, &SafetyGuardrailsTab::onEditTriggered);
    connect(m_deleteAction, &QAction::triggered, this, &SafetyGuardrailsTab::onDeleteTriggered);
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() != models::GuardrailModel::ActiveColumn)
            onEditTriggered();
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, &SafetyGuardrailsTab::onContextMenuRequested);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SafetyGuardrailsTab::updateSelection);
    connect(m_filterEdit, &QLineEdit::textChanged, m_table, &SafetyTableView::setFilterText);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &SafetyGuardrailsTab::onRowsChanged);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_model, signal, this, &SafetyGuardrailsTab::onRowsChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SafetyGuardrailsTab::onRowsChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SafetyGuardrailsTab::updateSelection);
    connect(m_model, &models::GuardrailModel::operationFailed, this, [this](const QString& error) {
        Q_EMIT message(tr("Could not change the guardrail: %1").arg(error), true);
    });
    onRowsChanged();
}

SafetyGuardrailsTab::~SafetyGuardrailsTab() = default;

void SafetyGuardrailsTab::setGuardrailEditor(GuardrailEditor editor)
{
    m_editor = std::move(editor);
}

void SafetyGuardrailsTab::setDeleteConfirmation(DeleteConfirmation confirm)
{
    m_confirmDelete = std::move(confirm);
}

QWidget* SafetyGuardrailsTab::filterWidget() const
{
    return isShowingEmptyState() ? m_empty->actionButton() : static_cast<QWidget*>(m_filterEdit);
}

QString SafetyGuardrailsTab::selectedGuardrailId() const
{
    const int row = m_table->selectedSourceRow();
    return row < 0 ? QString() : m_model->index(row, 0).data(models::SafetyIdRole).toString();
}

bool SafetyGuardrailsTab::selectGuardrail(const QString& guardrailId)
{
    return m_table->selectSourceRow(m_model->rowOf(guardrailId));
}

bool SafetyGuardrailsTab::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

QString SafetyGuardrailsTab::detailsText() const
{
    return m_details->text();
}

QStringList SafetyGuardrailsTab::namesExcept(const QString& guardrailId) const
{
    QStringList names;
    for (const safety::Guardrail& g : m_model->guardrails()) {
        if (g.guardrailId != guardrailId)
            names.append(g.name);
    }
    return names;
}

void SafetyGuardrailsTab::onAddTriggered()
{
    safety::Guardrail initial;
    initial.type = QStringLiteral("content-filter");
    const auto guardrail = m_editor(this, initial, namesExcept({}));
    if (!guardrail)
        return;
    const auto created = m_service->createGuardrail(*guardrail);
    if (!created) {
        Q_EMIT message(tr("Could not add the guardrail: %1").arg(created.error().message), true);
        return;
    }
    m_model->refresh();
    m_filterEdit->clear();
    selectGuardrail(created->guardrailId);
    Q_EMIT message(tr("Guardrail “%1” added.").arg(created->name), false);
}

void SafetyGuardrailsTab::onEditTriggered()
{
    const auto current = m_model->guardrailAt(m_model->rowOf(selectedGuardrailId()));
    if (!current)
        return;
    const auto edited = m_editor(this, *current, namesExcept(current->guardrailId));
    if (!edited)
        return;
    QJsonObject changes;
    auto change = [&changes](const char* key, const QJsonValue& before, const QJsonValue& after) {
        if (before != after)
            changes.insert(QLatin1String(key), after);
    };
    change("name", current->name, edited->name);
    change("description", current->description, edited->description);
    change("type", current->type, edited->type);
    change("config", current->config, edited->config);
    change("action", current->action, edited->action);
    change("blockMessage", current->blockMessage, edited->blockMessage);
    change("appliesTo", jsonList(current->appliesTo), jsonList(edited->appliesTo));
    change("agentIds", jsonList(current->agentIds), jsonList(edited->agentIds));
    change("severity", current->severity, edited->severity);
    change("isActive", current->isActive, edited->isActive);
    if (changes.isEmpty())
        return;
    const auto updated = m_service->updateGuardrail(current->guardrailId, changes);
    if (!updated) {
        Q_EMIT message(tr("Could not save the guardrail: %1").arg(updated.error().message), true);
        return;
    }
    m_model->refresh();
    updateSelection();
    Q_EMIT message(tr("Guardrail “%1” saved.").arg(updated->name), false);
}

void SafetyGuardrailsTab::onDeleteTriggered()
{
    const auto current = m_model->guardrailAt(m_model->rowOf(selectedGuardrailId()));
    if (!current)
        return;
    if (!m_confirmDelete(this, current->name))
        return;
    const auto deleted = m_service->deleteGuardrail(current->guardrailId);
    if (!deleted) {
        Q_EMIT message(tr("Could not delete the guardrail: %1").arg(deleted.error().message), true);
        return;
    }
    m_model->refresh();
    Q_EMIT message(tr("Guardrail “%1” deleted.").arg(current->name), false);
}

void SafetyGuardrailsTab::onRowsChanged()
{
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget*>(m_empty) : m_stack->widget(1));
    m_tableStack->setCurrentWidget(m_model->rowCount() > 0 && m_table->proxy()->rowCount() == 0
                                       ? static_cast<QWidget*>(m_noMatch)
                                       : static_cast<QWidget*>(m_table));
    if (m_model->rowCount() > 0 && selectedGuardrailId().isEmpty() && m_table->proxy()->rowCount() > 0)
        m_table->selectRow(0);
    updateSelection();
}

void SafetyGuardrailsTab::updateSelection()
{
    const auto current = m_model->guardrailAt(m_model->rowOf(selectedGuardrailId()));
    m_editAction->setEnabled(current.has_value());
    m_deleteAction->setEnabled(current.has_value());
    if (!current) {
        m_details->setText(tr("Select a guardrail to see what it checks."));
        return;
    }
    QStringList lines;
    if (!current->description.isEmpty())
        lines << current->description;
    const QStringList keywords = stringList(current->config.value(QStringLiteral("blockedKeywords")));
    const QStringList topics = stringList(current->config.value(QStringLiteral("allowedTopics")));
    if (!keywords.isEmpty())
        lines << tr("Blocked keywords: %1").arg(keywords.join(QStringLiteral(", ")));
    if (!topics.isEmpty())
        lines << tr("Allowed topics: %1").arg(topics.join(QStringLiteral(", ")));
    if (current->config.contains(QStringLiteral("maxToxicity")))
        lines << tr("Maximum toxicity: %1")
                     .arg(QLocale().toString(current->config.value(QStringLiteral("maxToxicity")).toDouble(), 'f', 2));
    if (!current->blockMessage.isEmpty())
        lines << tr("Message to the user: %1").arg(current->blockMessage);
    m_details->setText(lines.join(QLatin1Char('\n')));
}

void SafetyGuardrailsTab::onContextMenuRequested(const QPoint& pos)
{
    if (!m_table->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_editAction);
    menu.addSeparator();
    menu.addAction(m_deleteAction);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace aiops::widgets
