#pragma once

#include "core/controller/DeploymentService.h"

#include <QDialog>
#include <QHash>
#include <QTimer>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QToolButton;
class QTreeWidget;
class QVBoxLayout;

namespace aiops::controller {
class NodeService;
}
namespace aiops::registry {
class ModelService;
}

namespace aiops::widgets {

// Deploys a model in five steps: the model (ready models of the registry), the placement (Auto with
// the controller's explanation and ranked candidates, or a node and GPUs picked by hand), the
// container settings, a review, and then the live progress of the new deployment until it runs or
// fails. Errors of previewPlacement and deploy are shown on their page. Closing the progress page
// leaves the deployment running.
class DeployWizard final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeployWizard)
public:
    enum Step { ModelStep, PlacementStep, SettingsStep, ReviewStep, ProgressStep };
    Q_ENUM(Step)
    static constexpr int kLogIntervalMs = 2000;
    static constexpr int kLogLines = 40;

    // models and nodes may be null: then no model can be picked, or no node picked by hand.
    DeployWizard(controller::DeploymentService* service,
                 registry::ModelService* models,
                 controller::NodeService* nodes,
                 QWidget* parent = nullptr);
    ~DeployWizard() override;

    bool selectModel(const QString& modelId); // false when it is not a ready model
    Step currentStep() const;
    // The request the pages describe, as Deploy sends it.
    controller::DeployRequest request() const;
    QString deploymentId() const { return m_deploymentId; } // set once deploy() succeeded
    // The image a framework uses when none is given ("" for custom).
    static QString defaultImage(const QString& framework);

    QLineEdit* modelFilter() const { return m_modelFilter; }
    QListWidget* modelList() const { return m_modelList; }
    QRadioButton* autoPlacementButton() const { return m_auto; }
    QRadioButton* manualPlacementButton() const { return m_manual; }
    QComboBox* strategyCombo() const { return m_strategy; }
    QSpinBox* gpuCountSpin() const { return m_gpuCount; }
    QLabel* explanationLabel() const { return m_explanation; }
    QTreeWidget* candidateList() const { return m_candidates; }
    QListWidget* rejectedList() const { return m_rejected; }
    QToolButton* rejectedToggle() const { return m_rejectedToggle; }
    QComboBox* nodeCombo() const { return m_node; }
    QCheckBox* gpuCheck(const QString& deviceId) const; // of the node picked in Manual
    QLabel* placementError() const { return m_placementError; }
    QComboBox* frameworkCombo() const { return m_framework; }
    QLineEdit* imageEdit() const { return m_image; }
    QSpinBox* portSpin() const { return m_port; }
    QSpinBox* memoryLimitSpin() const { return m_memoryLimit; }
    QDoubleSpinBox* gpuUtilizationSpin() const { return m_gpuUtilization; }
    QTableWidget* environmentTable() const { return m_environment; }
    QPushButton* addVariableButton() const { return m_addVariable; }
    QPushButton* removeVariableButton() const { return m_removeVariable; }
    QLineEdit* argumentsEdit() const { return m_arguments; }
    QLineEdit* commandEdit() const { return m_command; }
    QLineEdit* healthPathEdit() const { return m_healthPath; }
    QLabel* settingsError() const { return m_settingsError; }
    QLabel* reviewSummary() const { return m_summary; }
    QLabel* reviewError() const { return m_reviewError; }
    QLabel* progressTitle() const { return m_progressTitle; }
    QLabel* progressStatus() const { return m_progressStatus; }
    QProgressBar* progressBar() const { return m_progressBar; }
    QPlainTextEdit* progressLog() const { return m_progressLog; }
    QPushButton* copyEndpointButton() const { return m_copyEndpoint; }
    QPushButton* backButton() const { return m_backButton; }
    QPushButton* nextButton() const { return m_nextButton; }
    QPushButton* closeButton() const { return m_closeButton; }
    // The phase the progress page highlights ("downloading", "pulling", ..., "running"; "" before).
    QString highlightedPhase() const;

public Q_SLOTS:
    void next(); // on the review page: deploy
    void back();

Q_SIGNALS:
    void deployed(const QString& deploymentId);

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* buildModelPage();
    QWidget* buildPlacementPage();
    QWidget* buildSettingsPage();
    QWidget* buildReviewPage();
    QWidget* buildProgressPage();
    void setStep(Step step);
    void updateButtons();
    void updateStepLabels();
    void populateModels();
    void onModelChanged();
    void populateNodes();
    void rebuildGpuList();
    void updatePlacementMode();
    void updatePreview();
    void onFrameworkChanged();
    bool validateSettings();
    void updateSummary();
    void deploy();
    void updateProgress();
    void requestLogTail();
    void onLogsReady(const QString& requestId, const QString& deploymentId, const QString& logs);
    void updateColors();
    QString selectedModelId() const;

    controller::DeploymentService* m_service;
    registry::ModelService* m_modelService;
    controller::NodeService* m_nodeService;
    QString m_deploymentId;
    QString m_modelName; // of the deployment, for the progress page
    QString m_logRequestId;
    QString m_imageDefault; // the default the image field was last filled with
    bool m_previewOk = false;
    QTimer m_logTimer;

    QStackedWidget* m_pages = nullptr;
    QList<QLabel*> m_stepLabels;
    QList<QLabel*> m_captions;
    QList<QLabel*> m_errors;
    QPushButton* m_backButton = nullptr;
    QPushButton* m_nextButton = nullptr;
    QPushButton* m_closeButton = nullptr;

    QLineEdit* m_modelFilter = nullptr;
    QListWidget* m_modelList = nullptr;
    QLabel* m_noModels = nullptr;

    QButtonGroup* m_mode = nullptr;
    QRadioButton* m_auto = nullptr;
    QRadioButton* m_manual = nullptr;
    QWidget* m_autoPanel = nullptr;
    QWidget* m_manualPanel = nullptr;
    QComboBox* m_strategy = nullptr;
    QSpinBox* m_gpuCount = nullptr;
    QLabel* m_explanation = nullptr;
    QTreeWidget* m_candidates = nullptr;
    QToolButton* m_rejectedToggle = nullptr;
    QListWidget* m_rejected = nullptr;
    QComboBox* m_node = nullptr;
    QVBoxLayout* m_gpuRows = nullptr;
    QWidget* m_gpuBox = nullptr;
    QHash<QString, QCheckBox*> m_gpuChecks;
    QLabel* m_placementError = nullptr;

    QFormLayout* m_settingsForm = nullptr;
    QComboBox* m_framework = nullptr;
    QLineEdit* m_image = nullptr;
    QSpinBox* m_port = nullptr;
    QSpinBox* m_memoryLimit = nullptr;
    QDoubleSpinBox* m_gpuUtilization = nullptr;
    QTableWidget* m_environment = nullptr;
    QPushButton* m_addVariable = nullptr;
    QPushButton* m_removeVariable = nullptr;
    QLineEdit* m_arguments = nullptr;
    QLineEdit* m_command = nullptr;
    QLineEdit* m_healthPath = nullptr;
    QLabel* m_settingsError = nullptr;

    QLabel* m_summary = nullptr;
    QLabel* m_reviewError = nullptr;

    QLabel* m_progressTitle = nullptr;
    QList<QLabel*> m_phaseLabels;
    QProgressBar* m_progressBar = nullptr;
    QLabel* m_progressStatus = nullptr;
    QPushButton* m_copyEndpoint = nullptr;
    QPlainTextEdit* m_progressLog = nullptr;
    QString m_highlighted;
};

} // namespace aiops::widgets
