#pragma once

#include "core/agents/AgentTypes.h"

#include <QWidget>
#include <optional>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;

namespace aiops::controller {
class AgentService;
}

namespace aiops::widgets {

class EmptyState;
class PageHeader;

// Instruction templates agents start from: a list (name, tags, active) and an editor for the
// selected or a new one (name, description, system prompt with its length against the limit,
// guidelines as an editable list, tags, active). Saves through AgentService::saveInstruction() and
// deletes after a confirmation; the service's errors (a Conflict while agents use it) are shown
// above the list.
class InstructionsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstructionsPage)
public:
    static constexpr int kPromptLimit = 10000;
    static constexpr int kNameLimit = 255;
    static constexpr int kDescriptionLimit = 500;
    enum Column { NameColumn, TagsColumn, ActiveColumn };

    explicit InstructionsPage(controller::AgentService* service, QWidget* parent = nullptr);
    ~InstructionsPage() override;

    QString selectedInstructionId() const;
    bool selectInstruction(const QString& instructionId);
    // What the editor holds, with the id and bookkeeping of the instruction it edits.
    agents::InstructionRecord editorRecord() const;
    bool isEditingNew() const { return m_editing && m_loaded.instructionId.isEmpty(); }
    bool hasUnsavedChanges() const;
    // Readable problems of the editor's fields ("" when it can be saved).
    QString validationError() const;

    QTableView* table() const { return m_table; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* descriptionEdit() const { return m_description; }
    QLineEdit* tagsEdit() const { return m_tags; }
    QCheckBox* activeCheck() const { return m_active; }
    QPlainTextEdit* promptEdit() const { return m_prompt; }
    QLabel* promptCountLabel() const { return m_count; }
    QListWidget* guidelinesList() const { return m_guidelines; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* newButton() const { return m_newButton; }
    QPushButton* emptyStateNewButton() const;
    QAction* newAction() const { return m_newAction; }
    QAction* saveAction() const { return m_saveAction; }
    QAction* deleteAction() const { return m_deleteAction; }
    QAction* addGuidelineAction() const { return m_addGuideline; }
    QAction* removeGuidelineAction() const { return m_removeGuideline; }
    bool isShowingEmptyState() const;
    bool isShowingEditor() const;
    QString subtitle() const { return m_subtitle; }
    QString messageText() const; // the last error shown above the list, "" when none
    QString fieldError() const; // the editor's inline error, "" when none

public Q_SLOTS:
    void newInstruction(); // an empty editor for a new template (asks before dropping unsaved edits)
    bool save(); // validates, saves; false when it did not
    void deleteSelected(); // asks first
    void addGuideline(const QString& text = {});
    void removeGuideline();

protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void reload();
    void onSelectionChanged();
    bool confirmDiscard(); // true when there is nothing to lose or the user lets it go
    void load(const std::optional<agents::InstructionRecord>& instruction);
    void updateCount();
    void updateState();
    void showMessage(const QString& text);
    void updateColors();

    controller::AgentService* m_service;
    QStandardItemModel* m_model;
    QString m_subtitle;
    agents::InstructionRecord m_loaded; // what the editor started from
    bool m_editing = false;
    bool m_attempted = false;

    PageHeader* m_header = nullptr;
    QPushButton* m_newButton = nullptr;
    QWidget* m_messageBox = nullptr;
    QLabel* m_messageIcon = nullptr;
    QLabel* m_message = nullptr;
    QStackedWidget* m_stack = nullptr;
    EmptyState* m_empty = nullptr;
    QTableView* m_table = nullptr;
    QStackedWidget* m_editorStack = nullptr;
    QLabel* m_editorTitle = nullptr;
    QLabel* m_dirty = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_description = nullptr;
    QLineEdit* m_tags = nullptr;
    QCheckBox* m_active = nullptr;
    QPlainTextEdit* m_prompt = nullptr;
    QLabel* m_count = nullptr;
    QListWidget* m_guidelines = nullptr;
    QLabel* m_fieldError = nullptr;
    QPushButton* m_save = nullptr;
    QList<QLabel*> m_captions;
    QAction* m_newAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_addGuideline = nullptr;
    QAction* m_removeGuideline = nullptr;
};

} // namespace aiops::widgets
