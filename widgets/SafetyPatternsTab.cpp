#include "widgets/SafetyPatternsTab.h"

#include "core/safety/SafetyService.h"
#include "models/PiiPatternModel.h"
#include "models/SafetyRoles.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/SafetyPatternDialog.h"
#include "widgets/SafetyTableView.h"
#include "widgets/SafetyTester.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

namespace {

std::optional<safety::PiiPattern>
editInDialog(QWidget* parent, const safety::PiiPattern& initial, const QStringList& takenNames)
{
    SafetyPatternDialog dialog(initial, takenNames, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.pattern();
}

bool confirmDeletion(QWidget* parent, const QString& name)
{
    return Theme::confirmDestructive(parent,
                                     SafetyPatternsTab::tr("Delete pattern"),
                                     SafetyPatternsTab::tr("Delete the pattern “%1”?").arg(name),
                                     SafetyPatternsTab::tr("Messages are no longer checked for it. Detections already "
                                                           "logged keep their record."),
                                     SafetyPatternsTab::tr("Delete"));
}

} // namespace

SafetyPatternsTab::SafetyPatternsTab(safety::SafetyService* service, models::PiiPatternModel* model, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(model)
    , m_editor(editInDialog)
    , m_confirmDelete(confirmDeletion)
    , m_filterEdit(new QLineEdit(this))
    , m_tableStack(nullptr)
    , m_table(nullptr)
    , m_noMatch(nullptr)
    , m_tester(new SafetyTester(&service->pii(), this))
    , m_addAction(new QAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("Add pattern…"), this))
    , m_editAction(new QAction(Theme::paletteIcon(QStringLiteral("rename"), palette()), tr("Edit…"), this))
    , m_deleteAction(new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Delete…"), this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::kSpacingM);
    layout->addWidget(splitter);

    // Patterns.
    auto* tableCard = new Card(splitter);
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingS);
    tableLayout->setSpacing(Theme::kSpacingS);
    auto* toolbar = new QHBoxLayout;
    toolbar->setSpacing(Theme::kSpacingS);
    toolbar->addWidget(Theme::sectionTitle(tr("PII patterns"), tableCard));
    toolbar->addStretch(1);
    m_filterEdit->setPlaceholderText(tr("Filter patterns (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->addAction(Theme::paletteIcon(QStringLiteral("search"), palette()), QLineEdit::LeadingPosition);
    m_filterEdit->setMinimumWidth(200);
    m_filterEdit->setAccessibleName(tr("Filter patterns"));
    toolbar->addWidget(m_filterEdit);
    toolbar->addWidget(Theme::toolButton(m_editAction, tableCard));
    toolbar->addWidget(Theme::toolButton(m_deleteAction, tableCard));
    tableLayout->addLayout(toolbar);

    m_tableStack = new QStackedWidget(tableCard);
    m_table = new SafetyTableView(m_tableStack);
    m_table->setObjectName(QStringLiteral("patternsTable"));
    m_table->setSourceModel(
        m_model, models::PiiPatternModel::NameColumn, Qt::AscendingOrder, models::PiiPatternModel::SeverityColumn);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(models::PiiPatternModel::NameColumn, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("PII patterns"));
    m_tableStack->addWidget(m_table);
    m_noMatch = new EmptyState(QStringLiteral("search"), m_tableStack);
    m_noMatch->setCompact(true);
    m_noMatch->setTitle(tr("No patterns match the filter"));
    m_noMatch->setMessage(tr("Try another name or category."));
    m_noMatch->setAction(tr("Clear filter"));
    connect(m_noMatch, &EmptyState::actionTriggered, m_filterEdit, &QLineEdit::clear);
    m_tableStack->addWidget(m_noMatch);
    tableLayout->addWidget(m_tableStack, 1);

    // Live tester.
    auto* testerCard = new Card(splitter);
    auto* testerLayout = new QVBoxLayout(testerCard);
    testerLayout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingL);
    testerLayout->setSpacing(Theme::kSpacingS);
    testerLayout->addWidget(Theme::sectionTitle(tr("Live tester"), testerCard));
    auto* hint = new QLabel(tr("Type a message: what the active patterns find is highlighted, and below is the text "
                               "that would be stored. Nothing typed here is logged. (Ctrl+T)"),
                            testerCard);
    hint->setWordWrap(true);
    QPalette subtle = hint->palette();
    subtle.setColor(QPalette::WindowText, Theme::subtleText(palette()));
    hint->setPalette(subtle);
    testerLayout->addWidget(hint);
    m_tester->setCompact(false);
    testerLayout->addWidget(m_tester, 1);

    splitter->addWidget(tableCard);
    splitter->addWidget(testerCard);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    tableCard->setMinimumWidth(420);
    testerCard->setMinimumWidth(300);

    // Actions and shortcuts (active while this section is shown).
    m_addAction->setToolTip(tr("Add a custom PII pattern (Ins)"));
    m_editAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_editAction->setToolTip(tr("Edit the selected pattern (F2)"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    // Insert (add) and Ctrl+F (filter) belong to the page, which routes them to the shown section.
    for (QAction* action : { m_editAction, m_deleteAction }) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        QWidget::addAction(action);
    }
    auto* focusTester = new QAction(this);
    focusTester->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    focusTester->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(
        focusTester, &QAction::triggered, m_tester, [this] { m_tester->input()->setFocus(Qt::ShortcutFocusReason); });
    QWidget::addAction(focusTester);

    connect(m_addAction, &QAction::triggered, this, &SafetyPatternsTab::onAddTriggered);
    connect(m_editAction, &QAction::triggered, this, &SafetyPatternsTab::onEditTriggered);
    connect(m_deleteAction, &QAction::triggered, this, &SafetyPatternsTab::onDeleteTriggered);
    connect(m_table, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() != models::PiiPatternModel::ActiveColumn)
            onEditTriggered();
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, &SafetyPatternsTab::onContextMenuRequested);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &SafetyPatternsTab::updateActions);
    connect(m_filterEdit, &QLineEdit::textChanged, m_table, &SafetyTableView::setFilterText);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &SafetyPatternsTab::onRowsChanged);
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_model, signal, this, &SafetyPatternsTab::onRowsChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SafetyPatternsTab::onRowsChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &SafetyPatternsTab::updateActions);
    // The engine recompiles on every pattern change; rescan the sample with the new set.
    connect(m_service, &safety::SafetyService::patternsChanged, m_tester, &SafetyTester::refresh);
    connect(m_model, &models::PiiPatternModel::operationFailed, this, [this](const QString& error) {
        Q_EMIT message(tr("Could not change the pattern: %1").arg(error), true);
    });
    onRowsChanged();
}

SafetyPatternsTab::~SafetyPatternsTab() = default;

void SafetyPatternsTab::setPatternEditor(PatternEditor editor)
{
    m_editor = std::move(editor);
}

void SafetyPatternsTab::setDeleteConfirmation(DeleteConfirmation confirm)
{
    m_confirmDelete = std::move(confirm);
}

QWidget* SafetyPatternsTab::filterWidget() const
{
    return m_filterEdit;
}

QString SafetyPatternsTab::selectedPatternId() const
{
    const int row = m_table->selectedSourceRow();
    return row < 0 ? QString() : m_model->index(row, 0).data(models::SafetyIdRole).toString();
}

bool SafetyPatternsTab::selectPattern(const QString& patternId)
{
    return m_table->selectSourceRow(m_model->rowOf(patternId));
}

QStringList SafetyPatternsTab::namesExcept(const QString& patternId) const
{
    QStringList names;
    for (const safety::PiiPattern& p : m_model->patterns()) {
        if (p.patternId != patternId)
            names.append(p.name);
    }
    return names;
}

void SafetyPatternsTab::onAddTriggered()
{
    safety::PiiPattern initial;
    initial.category = QStringLiteral("identity");
    const auto pattern = m_editor(this, initial, namesExcept({}));
    if (!pattern)
        return;
    const auto created = m_service->createPattern(*pattern);
    if (!created) {
        Q_EMIT message(tr("Could not add the pattern: %1").arg(created.error().message), true);
        return;
    }
    m_model->refresh();
    m_filterEdit->clear();
    selectPattern(created->patternId);
    m_tester->refresh();
    Q_EMIT message(tr("Pattern “%1” added.").arg(created->name), false);
}

void SafetyPatternsTab::onEditTriggered()
{
    const auto current = m_model->patternAt(m_model->rowOf(selectedPatternId()));
    if (!current)
        return;
    const auto edited = m_editor(this, *current, namesExcept(current->patternId));
    if (!edited)
        return;
    QJsonObject changes;
    auto change = [&changes](const char* key, const QJsonValue& before, const QJsonValue& after) {
        if (before != after)
            changes.insert(QLatin1String(key), after);
    };
    if (!current->builtIn) {
        change("name", current->name, edited->name);
        change("regex", current->regex, edited->regex);
        change("flags", current->flags, edited->flags);
    }
    change("category", current->category, edited->category);
    change("severity", current->severity, edited->severity);
    change("redactionMethod", current->redactionMethod, edited->redactionMethod);
    change("maskChar", current->maskChar, edited->maskChar);
    change("preserveLength", current->preserveLength, edited->preserveLength);
    change("action", current->action, edited->action);
    change("isActive", current->isActive, edited->isActive);
    if (changes.isEmpty())
        return;
    const auto updated = m_service->updatePattern(current->patternId, changes);
    if (!updated) {
        Q_EMIT message(tr("Could not save the pattern: %1").arg(updated.error().message), true);
        return;
    }
    m_model->refresh();
    m_tester->refresh();
    Q_EMIT message(tr("Pattern “%1” saved.").arg(updated->name), false);
}

void SafetyPatternsTab::onDeleteTriggered()
{
    const auto current = m_model->patternAt(m_model->rowOf(selectedPatternId()));
    if (!current || current->builtIn)
        return;
    if (!m_confirmDelete(this, current->name))
        return;
    const auto deleted = m_service->deletePattern(current->patternId);
    if (!deleted) {
        Q_EMIT message(tr("Could not delete the pattern: %1").arg(deleted.error().message), true);
        return;
    }
    m_model->refresh();
    m_tester->refresh();
    Q_EMIT message(tr("Pattern “%1” deleted.").arg(current->name), false);
}

void SafetyPatternsTab::onRowsChanged()
{
    m_tableStack->setCurrentWidget(m_model->rowCount() > 0 && m_table->proxy()->rowCount() == 0
                                       ? static_cast<QWidget*>(m_noMatch)
                                       : static_cast<QWidget*>(m_table));
    updateActions();
}

void SafetyPatternsTab::updateActions()
{
    const auto current = m_model->patternAt(m_model->rowOf(selectedPatternId()));
    m_editAction->setEnabled(current.has_value());
    m_deleteAction->setEnabled(current && !current->builtIn);
    m_deleteAction->setToolTip(current && current->builtIn ? tr("Built-in patterns can be deactivated but not deleted")
                                                           : tr("Delete the selected pattern (Del)"));
}

void SafetyPatternsTab::onContextMenuRequested(const QPoint& pos)
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
