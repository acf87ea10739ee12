#include "widgets/InstructionsPage.h"

#include "core/controller/AgentService.h"
#include "models/ModelRoles.h"
#include "widgets/Card.h"
#include "widgets/EmptyState.h"
#include "widgets/PageHeader.h"
#include "widgets/StatusDelegate.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace aiops::widgets {

using agents::InstructionRecord;

namespace {

constexpr int kInstructionIdRole = models::SearchTextRole + 100;

void colorize(QLabel* label, const QColor& color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

QStandardItem* cell(const QString& text, const QVariant& sort)
{
    auto* item = new QStandardItem(text);
    item->setEditable(false);
    item->setData(sort, models::SortRole);
    return item;
}

} // namespace

InstructionsPage::InstructionsPage(controller::AgentService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_model(new QStandardItemModel(0, 3, this))
{
    m_model->setSortRole(models::SortRole);
    m_model->setHorizontalHeaderLabels({ tr("Name"), tr("Tags"), tr("Status") });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    m_newAction = new QAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("New instruction"), this);
    m_newAction->setObjectName(QStringLiteral("newInstructionAction"));
    m_newAction->setShortcut(QKeySequence::New); // dispatched by keyPressEvent (see event())
    connect(m_newAction, &QAction::triggered, this, &InstructionsPage::newInstruction);
    m_saveAction = new QAction(tr("Save"), this);
    m_saveAction->setObjectName(QStringLiteral("saveInstructionAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_saveAction, &QAction::triggered, this, &InstructionsPage::save);
    addAction(m_saveAction);

    m_header = new PageHeader(tr("Instructions"), {}, this);
    m_newButton = new QPushButton(tr("New instruction"), this);
    m_newButton->setObjectName(QStringLiteral("newInstructionButton"));
    m_newButton->setToolTip(tr("Write a new instruction template (Ctrl+N)"));
    Theme::makePrimary(m_newButton, QStringLiteral("add"));
    connect(m_newButton, &QPushButton::clicked, this, &InstructionsPage::newInstruction);
    m_header->addAction(m_newButton);
    layout->addWidget(m_header);

    const Theme::MessageBar bar = Theme::messageBar(this, QStringLiteral("instructionsMessage"));
    m_messageBox = bar.box;
    m_messageIcon = bar.icon;
    m_message = bar.text;
    layout->addWidget(m_messageBox);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_empty = new EmptyState(QStringLiteral("empty-instructions"), m_stack);
    m_empty->setTitle(tr("No instructions yet — write the first one"));
    m_empty->setMessage(tr("An instruction is a reusable system prompt with guidelines. Agents use one to know "
                           "their role, tone and rules."));
    m_empty->setAction(tr("New instruction"), QStringLiteral("add"));
    connect(m_empty, &EmptyState::actionTriggered, this, &InstructionsPage::newInstruction);
    m_stack->addWidget(m_empty);

    auto* splitter = new QSplitter(Qt::Horizontal, m_stack);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::kSpacingM);
    m_stack->addWidget(splitter);

    auto* listCard = new Card(splitter);
    auto* listLayout = new QVBoxLayout(listCard);
    listLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    m_table = new QTableView(listCard);
    m_table->setObjectName(QStringLiteral("instructionsTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(ActiveColumn, new StatusDelegate(m_table));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 22);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TagsColumn, QHeaderView::Stretch);
    listLayout->addWidget(m_table);

    m_deleteAction = new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Delete…"), this);
    m_deleteAction->setObjectName(QStringLiteral("deleteInstructionAction"));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_deleteAction->setToolTip(tr("Delete the instruction (Delete)"));
    connect(m_deleteAction, &QAction::triggered, this, &InstructionsPage::deleteSelected);
    m_table->addAction(m_deleteAction);

    // Editor.
    auto* editorCard = new Card(splitter);
    auto* editorLayout = new QVBoxLayout(editorCard);
    editorLayout->setContentsMargins(1, 1, 1, 1);
    m_editorStack = new QStackedWidget(editorCard);
    editorLayout->addWidget(m_editorStack);
    auto* placeholder = new QLabel(tr("Select an instruction to edit it, or create a new one."), m_editorStack);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL);
    m_captions.append(placeholder);
    m_editorStack->addWidget(placeholder);

    QWidget* editor = Theme::addScrollPage(m_editorStack);
    auto* content = new QVBoxLayout(editor);
    content->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL);
    content->setSpacing(Theme::kSpacingM);

    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(Theme::kSpacingM);
    m_editorTitle = new QLabel(editor);
    m_editorTitle->setObjectName(QStringLiteral("instructionTitle"));
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setWeight(QFont::DemiBold);
    m_editorTitle->setFont(titleFont);
    m_editorTitle->setTextFormat(Qt::PlainText);
    titleRow->addWidget(m_editorTitle);
    m_dirty = new QLabel(tr("Unsaved changes"), editor);
    m_dirty->setObjectName(QStringLiteral("instructionDirty"));
    titleRow->addWidget(m_dirty);
    titleRow->addStretch(1);
    auto* deleteButton = new QToolButton(editor);
    deleteButton->setDefaultAction(m_deleteAction);
    deleteButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    titleRow->addWidget(deleteButton);
    content->addLayout(titleRow);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setHorizontalSpacing(Theme::kSpacingM);
    form->setVerticalSpacing(Theme::kSpacingS);
    m_name = new QLineEdit(editor);
    m_name->setObjectName(QStringLiteral("instructionName"));
    m_name->setPlaceholderText(tr("e.g. Kubernetes on-call assistant"));
    m_name->setMaxLength(kNameLimit);
    form->addRow(tr("&Name"), m_name);
    m_description = new QLineEdit(editor);
    m_description->setObjectName(QStringLiteral("instructionDescription"));
    m_description->setPlaceholderText(tr("What the instruction is for (optional)"));
    form->addRow(tr("&Description"), m_description);
    m_tags = new QLineEdit(editor);
    m_tags->setObjectName(QStringLiteral("instructionTags"));
    m_tags->setPlaceholderText(tr("Comma-separated, e.g. ops, kubernetes"));
    form->addRow(tr("&Tags"), m_tags);
    m_active = new QCheckBox(tr("A&ctive: agents can be given this instruction"), editor);
    m_active->setObjectName(QStringLiteral("instructionActive"));
    form->addRow(QString(), m_active);
    content->addLayout(form);

    auto* promptHeader = new QHBoxLayout;
    auto* promptTitle = Theme::sectionTitle(tr("System &prompt"), editor, 1.0);
    promptHeader->addWidget(promptTitle);
    promptHeader->addStretch(1);
    m_count = new QLabel(editor);
    m_count->setObjectName(QStringLiteral("promptCount"));
    promptHeader->addWidget(m_count);
    content->addLayout(promptHeader);
    m_prompt = new QPlainTextEdit(editor);
    m_prompt->setObjectName(QStringLiteral("instructionPrompt"));
    m_prompt->setPlaceholderText(tr("You are … Describe the agent's role, what it may do and how it answers."));
    m_prompt->setTabChangesFocus(true);
    m_prompt->setMinimumHeight(160);
    m_prompt->setAccessibleName(tr("System prompt"));
    promptTitle->setBuddy(m_prompt);
    content->addWidget(m_prompt, 2);

    auto* guidelinesHeader = new QHBoxLayout;
    auto* guidelinesTitle = Theme::sectionTitle(tr("&Guidelines"), editor, 1.0);
    guidelinesHeader->addWidget(guidelinesTitle);
    guidelinesHeader->addStretch(1);
    m_addGuideline = new QAction(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("Add guideline"), this);
    m_addGuideline->setObjectName(QStringLiteral("addGuidelineAction"));
    connect(m_addGuideline, &QAction::triggered, this, [this] { addGuideline(); });
    m_removeGuideline
        = new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Remove guideline"), this);
    m_removeGuideline->setObjectName(QStringLiteral("removeGuidelineAction"));
    m_removeGuideline->setShortcut(QKeySequence::Delete);
    m_removeGuideline->setShortcutContext(Qt::WidgetShortcut);
    connect(m_removeGuideline, &QAction::triggered, this, &InstructionsPage::removeGuideline);
    for (QAction* action : { m_addGuideline, m_removeGuideline })
        guidelinesHeader->addWidget(Theme::toolButton(action, editor));
    content->addLayout(guidelinesHeader);
    m_guidelines = new QListWidget(editor);
    m_guidelines->setObjectName(QStringLiteral("instructionGuidelines"));
    m_guidelines->setAccessibleName(tr("Guidelines"));
    m_guidelines->setToolTip(tr("One rule per line; double-click or press F2 to edit"));
    m_guidelines->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                  | QAbstractItemView::SelectedClicked);
    m_guidelines->setMinimumHeight(110);
    m_guidelines->addAction(m_removeGuideline);
    guidelinesTitle->setBuddy(m_guidelines);
    content->addWidget(m_guidelines, 1);

    m_fieldError = new QLabel(editor);
    m_fieldError->setObjectName(QStringLiteral("instructionError"));
    m_fieldError->setWordWrap(true);
    m_fieldError->setTextFormat(Qt::PlainText);
    m_fieldError->setVisible(false);
    content->addWidget(m_fieldError);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_save = new QPushButton(tr("Save"), editor);
    m_save->setObjectName(QStringLiteral("saveInstruction"));
    m_save->setToolTip(tr("Save the instruction (Ctrl+S)"));
    Theme::makePrimary(m_save, QStringLiteral("check"));
    connect(m_save, &QPushButton::clicked, this, &InstructionsPage::save);
    buttons->addWidget(m_save);
    content->addLayout(buttons);

    listCard->setMinimumWidth(260);
    editorCard->setMinimumWidth(420);
    splitter->addWidget(listCard);
    splitter->addWidget(editorCard);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 360, 640 });

    for (QLineEdit* edit : { m_name, m_description, m_tags })
        connect(edit, &QLineEdit::textChanged, this, &InstructionsPage::updateState);
    connect(m_active, &QCheckBox::toggled, this, &InstructionsPage::updateState);
    connect(m_prompt, &QPlainTextEdit::textChanged, this, &InstructionsPage::updateState);
    connect(m_guidelines->model(), &QAbstractItemModel::dataChanged, this, &InstructionsPage::updateState);
    connect(m_guidelines->model(), &QAbstractItemModel::rowsRemoved, this, &InstructionsPage::updateState);
    connect(m_guidelines, &QListWidget::currentRowChanged, this, &InstructionsPage::updateState);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &InstructionsPage::onSelectionChanged);
    connect(m_service, &controller::AgentService::instructionsChanged, this, &InstructionsPage::reload);

    reload();
    load(std::nullopt);
    updateColors();
}

InstructionsPage::~InstructionsPage() = default;

void InstructionsPage::reload()
{
    const QList<InstructionRecord> all = m_service->instructions();
    const QString selected = m_loaded.instructionId;
    {
        const QSignalBlocker blocker(m_table->selectionModel());
        m_model->removeRows(0, m_model->rowCount());
        for (const InstructionRecord& instruction : all) {
            if (instruction.isDeleted)
                continue;
            auto* name = cell(instruction.name, instruction.name.toLower());
            name->setData(instruction.instructionId, kInstructionIdRole);
            name->setToolTip(instruction.description);
            const QString tags = instruction.tags.join(QStringLiteral(", "));
            auto* status = cell(instruction.isActive ? tr("Active") : tr("Inactive"), instruction.isActive ? 0 : 1);
            status->setData(instruction.isActive ? QStringLiteral("online") : QStringLiteral("stopped"),
                            models::StatusRole);
            m_model->appendRow({ name, cell(tags, tags.toLower()), status });
        }
        m_model->sort(m_table->horizontalHeader()->sortIndicatorSection(),
                      m_table->horizontalHeader()->sortIndicatorOrder());
        if (!selected.isEmpty())
            selectInstruction(selected);
    }
    const int count = m_model->rowCount();
    m_subtitle = count == 0 ? tr("Reusable system prompts and guidelines for agents")
                            : tr("%n instruction template(s)", nullptr, count);
    m_header->setSubtitle(m_subtitle);

    if (!selected.isEmpty()) {
        std::optional<InstructionRecord> current;
        for (const InstructionRecord& instruction : all) {
            if (instruction.instructionId == selected && !instruction.isDeleted)
                current = instruction;
        }
        if (!current)
            load(std::nullopt); // deleted elsewhere
        else if (!hasUnsavedChanges() && !(*current == m_loaded))
            load(current); // changed elsewhere, nothing of ours to lose
        else
            m_loaded = *current;
    }
    updateState();
}

QString InstructionsPage::selectedInstructionId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(kInstructionIdRole).toString();
}

bool InstructionsPage::selectInstruction(const QString& instructionId)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, NameColumn);
        if (index.data(kInstructionIdRole).toString() != instructionId)
            continue;
        // One change of selection (select() and setCurrentIndex() would each report one).
        m_table->selectionModel()->setCurrentIndex(index,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index);
        return true;
    }
    return false;
}

bool InstructionsPage::confirmDiscard()
{
    if (!hasUnsavedChanges())
        return true;
    const QString name = m_name->text().trimmed().isEmpty() ? tr("the new instruction") : m_name->text().trimmed();
    return Theme::confirmDestructive(this,
                                     tr("Discard changes"),
                                     tr("Discard your changes to “%1”?").arg(name),
                                     tr("They have not been saved."),
                                     tr("Discard"));
}

void InstructionsPage::onSelectionChanged()
{
    const QString id = selectedInstructionId();
    if (id != m_loaded.instructionId && !confirmDiscard()) {
        // Stay on what is being edited.
        const QSignalBlocker blocker(m_table->selectionModel());
        if (m_loaded.instructionId.isEmpty()) {
            m_table->clearSelection();
            m_table->setCurrentIndex({});
        } else {
            selectInstruction(m_loaded.instructionId);
        }
        return;
    }
    if (id.isEmpty()) {
        if (!isEditingNew())
            load(std::nullopt);
        return;
    }
    for (const InstructionRecord& instruction : m_service->instructions()) {
        if (instruction.instructionId == id) {
            load(instruction);
            return;
        }
    }
}

void InstructionsPage::load(const std::optional<InstructionRecord>& instruction)
{
    m_attempted = false;
    m_editing = instruction.has_value();
    m_loaded = instruction.value_or(InstructionRecord {});
    {
        const QSignalBlocker b1(m_name), b2(m_description), b3(m_tags), b4(m_active), b5(m_prompt),
            b6(m_guidelines->model());
        m_name->setText(m_loaded.name);
        m_description->setText(m_loaded.description);
        m_tags->setText(m_loaded.tags.join(QStringLiteral(", ")));
        m_active->setChecked(m_loaded.isActive);
        m_prompt->setPlainText(m_loaded.systemPrompt);
        m_guidelines->clear();
        for (const QString& guideline : std::as_const(m_loaded.guidelines)) {
            auto* item = new QListWidgetItem(guideline, m_guidelines);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
    }
    m_guidelines->reset();
    m_editorStack->setCurrentIndex(m_editing ? 1 : 0);
    m_stack->setCurrentIndex(m_model->rowCount() == 0 && !m_editing ? 0 : 1);
    updateState();
}

void InstructionsPage::newInstruction()
{
    if (!m_newAction->isEnabled())
        return;
    if (!confirmDiscard())
        return;
    {
        const QSignalBlocker blocker(m_table->selectionModel());
        m_table->clearSelection();
        m_table->setCurrentIndex({});
    }
    InstructionRecord draft;
    draft.isActive = true;
    load(draft);
    m_name->setFocus(Qt::OtherFocusReason);
}

InstructionRecord InstructionsPage::editorRecord() const
{
    InstructionRecord r = m_loaded;
    r.name = m_name->text().trimmed();
    r.description = m_description->text().trimmed();
    r.systemPrompt = m_prompt->toPlainText();
    r.isActive = m_active->isChecked();
    r.guidelines.clear();
    for (int i = 0; i < m_guidelines->count(); ++i) {
        const QString text = m_guidelines->item(i)->text().trimmed();
        if (!text.isEmpty())
            r.guidelines.append(text);
    }
    r.tags.clear();
    for (const QString& tag : m_tags->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString t = tag.trimmed();
        if (!t.isEmpty() && !r.tags.contains(t))
            r.tags.append(t);
    }
    return r;
}

bool InstructionsPage::hasUnsavedChanges() const
{
    return m_editing && !(editorRecord() == m_loaded);
}

QString InstructionsPage::validationError() const
{
    const InstructionRecord r = editorRecord();
    if (r.name.isEmpty())
        return tr("Give the instruction a name.");
    if (r.name.size() > kNameLimit)
        return tr("Keep the name under %1 characters.").arg(kNameLimit);
    if (r.description.size() > kDescriptionLimit)
        return tr("Keep the description under %1 characters (now %2).")
            .arg(kDescriptionLimit)
            .arg(r.description.size());
    if (r.systemPrompt.trimmed().isEmpty())
        return tr("Write the system prompt.");
    if (r.systemPrompt.size() > kPromptLimit)
        return tr("The system prompt has %1 characters; the limit is %2.")
            .arg(QLocale().toString(r.systemPrompt.size()), QLocale().toString(kPromptLimit));
    return {};
}

QString InstructionsPage::fieldError() const
{
    return m_fieldError->isHidden() ? QString() : m_fieldError->text();
}

bool InstructionsPage::save()
{
    if (!m_editing || !m_save->isEnabled())
        return false;
    m_attempted = true;
    const QString problem = validationError();
    updateState();
    if (!problem.isEmpty()) {
        if (editorRecord().name.isEmpty())
            m_name->setFocus(Qt::OtherFocusReason);
        else
            m_prompt->setFocus(Qt::OtherFocusReason);
        return false;
    }
    const InstructionRecord record = editorRecord();
    auto result = m_service->saveInstruction(record);
    if (!result) {
        const Error& error = result.error();
        showMessage(error.code == ErrorCode::Conflict
                        ? tr("Could not save “%1”: %2 Reload it and try again.").arg(record.name, error.message)
                        : tr("Could not save “%1”: %2").arg(record.name, error.message));
        return false;
    }
    m_messageBox->setVisible(false);
    load(*result);
    reload();
    selectInstruction(result->instructionId);
    return true;
}

void InstructionsPage::deleteSelected()
{
    if (!m_editing || isEditingNew() || !m_deleteAction->isEnabled())
        return;
    const InstructionRecord record = m_loaded;
    const bool confirmed = Theme::confirmDestructive(this,
                                                     tr("Delete instruction"),
                                                     tr("Delete “%1”?").arg(record.name),
                                                     tr("Agents that use it must be given another instruction "
                                                        "first; the service refuses while any does."),
                                                     tr("Delete"));
    if (!confirmed)
        return;
    if (auto result = m_service->removeInstruction(record.instructionId); !result) {
        const Error& error = result.error();
        showMessage(error.code == ErrorCode::Conflict
                        ? tr("Could not delete “%1”: %2 Give those agents another instruction first.")
                              .arg(record.name, error.message)
                        : tr("Could not delete “%1”: %2").arg(record.name, error.message));
        return;
    }
    m_messageBox->setVisible(false);
}

void InstructionsPage::addGuideline(const QString& text)
{
    if (!m_editing)
        return;
    auto* item = new QListWidgetItem(text, m_guidelines);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_guidelines->setCurrentItem(item);
    if (text.isEmpty() && m_guidelines->isVisible())
        m_guidelines->editItem(item);
    updateState();
}

void InstructionsPage::removeGuideline()
{
    const int row = m_guidelines->currentRow();
    if (row < 0)
        return;
    delete m_guidelines->takeItem(row);
    updateState();
}

void InstructionsPage::updateCount()
{
    const qsizetype length = m_prompt->toPlainText().size();
    const QLocale locale;
    m_count->setText(tr("%1 / %2 characters").arg(locale.toString(length), locale.toString(kPromptLimit)));
    colorize(m_count, length > kPromptLimit ? Theme::errorText(palette()) : Theme::subtleText(palette()));
}

void InstructionsPage::updateState()
{
    updateCount();
    const bool dirty = hasUnsavedChanges();
    const bool isNew = isEditingNew();
    const QString name = m_name->text().trimmed();
    m_editorTitle->setText(isNew ? (name.isEmpty() ? tr("New instruction") : name) : m_loaded.name);
    m_dirty->setVisible(m_editing && (dirty || isNew));
    m_dirty->setText(isNew ? tr("Not saved yet") : tr("Unsaved changes"));
    m_save->setEnabled(m_editing && (dirty || isNew));
    m_saveAction->setEnabled(m_save->isEnabled());
    m_deleteAction->setEnabled(m_editing && !isNew);
    m_removeGuideline->setEnabled(m_guidelines->currentRow() >= 0);
    m_addGuideline->setEnabled(m_editing);
    const QString problem = m_attempted ? validationError() : QString();
    m_fieldError->setText(problem);
    m_fieldError->setVisible(!problem.isEmpty());
}

bool InstructionsPage::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

bool InstructionsPage::isShowingEditor() const
{
    return m_stack->currentWidget() != m_empty && m_editorStack->currentIndex() == 1;
}

QPushButton* InstructionsPage::emptyStateNewButton() const
{
    return m_empty->actionButton();
}

QString InstructionsPage::messageText() const
{
    return m_messageBox->isHidden() ? QString() : m_message->text();
}

void InstructionsPage::showMessage(const QString& text)
{
    m_message->setText(text);
    m_messageBox->setVisible(true);
    updateColors();
}

bool InstructionsPage::event(QEvent* event)
{
    // File → Add node… owns Ctrl+N for the whole window; while this page has the focus, Ctrl+N
    // starts a new instruction instead (the key press then reaches keyPressEvent).
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (QKeySequence(key->keyCombination()) == m_newAction->shortcut()) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void InstructionsPage::keyPressEvent(QKeyEvent* event)
{
    if (QKeySequence(event->keyCombination()) == m_newAction->shortcut()) {
        if (m_newAction->isEnabled())
            m_newAction->trigger();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void InstructionsPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void InstructionsPage::updateColors()
{
    const QColor subtle = Theme::subtleText(palette());
    const QColor error = Theme::errorText(palette());
    for (QLabel* label : std::as_const(m_captions))
        colorize(label, subtle);
    colorize(m_dirty, Theme::warningText(palette()));
    colorize(m_message, error);
    m_messageIcon->setPixmap(Theme::icon(QStringLiteral("alert"), error).pixmap(16, 16));
    colorize(m_fieldError, error);
    updateCount();
}

} // namespace aiops::widgets
