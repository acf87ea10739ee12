#pragma once

#include "core/safety/SafetyTypes.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace aiops::safety {
class PiiEngine;
}

namespace aiops::widgets {

class SafetyTester;

// Adds or edits a PII pattern. The pattern is validated as the user types (RE2 syntax, required
// fields, a name not taken yet): the error shows under the fields and OK stays disabled until it is
// fixed. A sample box highlights what the pattern matches before it is saved. A built-in pattern keeps
// its name and expression; its severity, redaction and action can change.
class SafetyPatternDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyPatternDialog)
public:
    // `takenNames`: names of the other patterns (compared case-insensitively).
    SafetyPatternDialog(const safety::PiiPattern& initial, const QStringList& takenNames, QWidget* parent = nullptr);
    ~SafetyPatternDialog() override;

    safety::PiiPattern pattern() const;
    bool isNew() const { return m_initial.patternId.isEmpty(); }
    QString errorText() const; // empty while the pattern is valid

    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* regexEdit() const { return m_regex; }
    QCheckBox* caseInsensitiveBox() const { return m_caseInsensitive; }
    QComboBox* categoryBox() const { return m_category; }
    QComboBox* severityBox() const { return m_severity; }
    QComboBox* methodBox() const { return m_method; }
    QLineEdit* maskCharEdit() const { return m_maskChar; }
    QCheckBox* preserveLengthBox() const { return m_preserveLength; }
    QComboBox* actionBox() const { return m_action; }
    QCheckBox* activeBox() const { return m_active; }
    QPushButton* okButton() const { return m_ok; }
    SafetyTester* tester() const { return m_tester; }

private:
    void validate();

    safety::PiiPattern m_initial;
    QStringList m_takenNames;
    std::unique_ptr<safety::PiiEngine> m_engine; // this pattern alone, for the sample box
    QLineEdit* m_name;
    QLineEdit* m_regex;
    QCheckBox* m_caseInsensitive;
    QComboBox* m_category;
    QComboBox* m_severity;
    QComboBox* m_method;
    QLineEdit* m_maskChar;
    QCheckBox* m_preserveLength;
    QComboBox* m_action;
    QCheckBox* m_active;
    QLabel* m_error;
    SafetyTester* m_tester;
    QPushButton* m_ok;
};

} // namespace aiops::widgets
