#pragma once

#include <QTimer>
#include <QWidget>

class QAbstractButton;
class QButtonGroup;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace aiops::safety {
class SafetyService;
}
namespace aiops::models {
class GuardrailModel;
class GuardrailViolationModel;
class PiiDetectionModel;
class PiiPatternModel;
} // namespace aiops::models

namespace aiops::widgets {

class PageHeader;
class SafetyDetectionsTab;
class SafetyGuardrailsTab;
class SafetyPatternsTab;
class SafetyReviewTab;
class SafetyViolationsTab;

// PII redaction and guardrails: the patterns with a live tester, the guardrails, the detection and
// violation logs, and the queue of escalated messages. Sections are switched with the segmented
// control under the header (Ctrl+PgUp / Ctrl+PgDown).
class SafetyPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyPage)
public:
    enum class Section { Patterns, Guardrails, Detections, Violations, Review };

    static constexpr int kMessageTimeoutMs = 8000;

    explicit SafetyPage(safety::SafetyService* service, QWidget* parent = nullptr);
    ~SafetyPage() override;

    void showSection(Section section);
    Section currentSection() const;

    SafetyPatternsTab* patternsTab() const { return m_patternsTab; }
    SafetyGuardrailsTab* guardrailsTab() const { return m_guardrailsTab; }
    SafetyDetectionsTab* detectionsTab() const { return m_detectionsTab; }
    SafetyViolationsTab* violationsTab() const { return m_violationsTab; }
    SafetyReviewTab* reviewTab() const { return m_reviewTab; }
    models::PiiPatternModel* patternModel() const { return m_patterns; }
    models::GuardrailModel* guardrailModel() const { return m_guardrails; }
    models::PiiDetectionModel* detectionModel() const { return m_detections; }
    models::GuardrailViolationModel* violationModel() const { return m_violations; }
    models::GuardrailViolationModel* escalationModel() const { return m_escalations; }
    QAbstractButton* sectionButton(Section section) const;
    QString subtitleText() const;
    QString messageText() const; // the last feedback line, empty once it timed out

public Q_SLOTS:
    void showMessage(const QString& text, bool error);
    // Ctrl+F: moves the focus to the shown section's filter.
    void focusFilter();

protected:
    void changeEvent(QEvent* event) override;

private:
    void onSectionChanged(int index);
    void updateSummary();
    void updateSegmentStyle();

    safety::SafetyService* m_service;
    models::PiiPatternModel* m_patterns;
    models::GuardrailModel* m_guardrails;
    models::PiiDetectionModel* m_detections;
    models::GuardrailViolationModel* m_violations;
    models::GuardrailViolationModel* m_escalations;
    PageHeader* m_header;
    QPushButton* m_primary;
    QButtonGroup* m_segments;
    QLabel* m_message;
    QStackedWidget* m_stack;
    SafetyPatternsTab* m_patternsTab;
    SafetyGuardrailsTab* m_guardrailsTab;
    SafetyDetectionsTab* m_detectionsTab;
    SafetyViolationsTab* m_violationsTab;
    SafetyReviewTab* m_reviewTab;
    QTimer m_messageTimer;
    QString m_subtitle;
};

} // namespace aiops::widgets
