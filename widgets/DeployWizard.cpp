#include "widgets/DeployWizard.h"

#include "core/controller/NodeService.h"
#include "core/deploy/Frameworks.h"
#include "core/registry/ModelService.h"
#include "models/DeploymentTableModel.h"
#include "models/Format.h"
#include "models/ModelTableModel.h"
#include "widgets/DeploymentsPage.h"
#include "widgets/GaugeBar.h"
#include "widgets/Theme.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace aiops::widgets {

using deploy::DeploymentPhase;
using deploy::DeploymentStatus;
using models::DeploymentTableModel;
using models::ModelTableModel;

namespace {

constexpr int kModelIdRole = Qt::UserRole + 1;

// The phases the progress page shows as steps, in order.
constexpr DeploymentPhase kShownPhases[] = {
    DeploymentPhase::Downloading, DeploymentPhase::Pulling, DeploymentPhase::Starting,
    DeploymentPhase::HealthCheck, DeploymentPhase::Running,
};

void colorize(QLabel* label, const QColor& color)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, color);
    label->setPalette(p);
}

QLabel* makeError(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setVisible(false);
    return label;
}

QLabel* pageIntro(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

// Arguments as a shell would need them typed: words with spaces or quotes in single quotes.
QString quotedArguments(const QStringList& arguments)
{
    QStringList quoted;
    for (const QString& argument : arguments) {
        const bool plain = !argument.isEmpty() && std::none_of(argument.cbegin(), argument.cend(), [](QChar c) {
            return c.isSpace() || c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('\\');
        });
        quoted.append(plain ? argument
                            : QString(QLatin1Char('\'')
                                      + QString(argument).replace(QLatin1String("'"), QLatin1String("'\\''"))
                                      + QLatin1Char('\'')));
    }
    return quoted.join(QLatin1Char(' '));
}

// Overall progress over the shown phases, 0..100.
int overallProgress(DeploymentPhase phase, int progress)
{
    int index = -1;
    for (int i = 0; i < int(std::size(kShownPhases)); ++i) {
        if (kShownPhases[i] == phase)
            index = i;
    }
    if (index < 0)
        return 0;
    if (phase == DeploymentPhase::Running)
        return 100;
    const int span = 100 / (int(std::size(kShownPhases)) - 1);
    return index * span + std::clamp(progress, 0, 100) * span / 100;
}

} // namespace

DeployWizard::DeployWizard(controller::DeploymentService* service,
                           registry::ModelService* models,
                           controller::NodeService* nodes,
                           QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_modelService(models)
    , m_nodeService(nodes)
{
    setWindowTitle(tr("Deploy model"));
    setObjectName(QStringLiteral("deployWizard"));
    resize(780, 600);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    auto* steps = new QHBoxLayout;
    steps->setSpacing(Theme::kSpacingL);
    const QStringList stepNames {
        tr("1  Model"), tr("2  Placement"), tr("3  Settings"), tr("4  Review"), tr("5  Progress")
    };
    for (const QString& name : stepNames) {
        auto* label = new QLabel(name, this);
        m_stepLabels.append(label);
        steps->addWidget(label);
    }
    steps->addStretch(1);
    layout->addLayout(steps);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(buildModelPage());
    m_pages->addWidget(buildPlacementPage());
    m_pages->addWidget(buildSettingsPage());
    m_pages->addWidget(buildReviewPage());
    m_pages->addWidget(buildProgressPage());
    layout->addWidget(m_pages, 1);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(Theme::kSpacingS);
    buttons->addStretch(1);
    m_closeButton = new QPushButton(tr("Cancel"), this);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    buttons->addWidget(m_closeButton);
    m_backButton = new QPushButton(tr("Back"), this);
    m_backButton->setObjectName(QStringLiteral("backButton"));
    connect(m_backButton, &QPushButton::clicked, this, &DeployWizard::back);
    buttons->addWidget(m_backButton);
    m_nextButton = new QPushButton(tr("Next"), this);
    m_nextButton->setObjectName(QStringLiteral("nextButton"));
    m_nextButton->setDefault(true);
    Theme::makePrimary(m_nextButton);
    connect(m_nextButton, &QPushButton::clicked, this, &DeployWizard::next);
    buttons->addWidget(m_nextButton);
    layout->addLayout(buttons);

    m_logTimer.setInterval(kLogIntervalMs);
    connect(&m_logTimer, &QTimer::timeout, this, &DeployWizard::requestLogTail);
    connect(m_service, &controller::DeploymentService::deploymentsChanged, this, [this](const QStringList& ids) {
        if (!m_deploymentId.isEmpty() && ids.contains(m_deploymentId))
            updateProgress();
    });
    connect(m_service, &controller::DeploymentService::logsReady, this, &DeployWizard::onLogsReady);

    populateModels();
    populateNodes();
    onFrameworkChanged();
    updateColors();
    setStep(ModelStep);
}

DeployWizard::~DeployWizard() = default;

QWidget* DeployWizard::buildModelPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingM);
    layout->addWidget(Theme::sectionTitle(tr("Which model?"), page));
    QLabel* intro = pageIntro(tr("Ready models of the registry. The GPU memory is what the model needs in all; "
                                 "the placement splits it over the GPUs you give it."),
                              page);
    m_captions.append(intro);
    layout->addWidget(intro);
    m_modelFilter = Theme::searchField(tr("Filter by name or framework"), 260, page);
    m_modelFilter->setObjectName(QStringLiteral("modelFilter"));
    layout->addWidget(m_modelFilter);
    m_modelList = new QListWidget(page);
    m_modelList->setObjectName(QStringLiteral("modelList"));
    m_modelList->setSpacing(2);
    m_modelList->setAlternatingRowColors(true);
    layout->addWidget(m_modelList, 1);
    m_noModels = new QLabel(tr("No ready models in the registry. Add one on the Models page first."), page);
    m_noModels->setWordWrap(true);
    m_noModels->setVisible(false);
    m_captions.append(m_noModels);
    layout->addWidget(m_noModels);

    connect(m_modelFilter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int row = 0; row < m_modelList->count(); ++row) {
            QListWidgetItem* item = m_modelList->item(row);
            item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
        }
    });
    connect(m_modelList, &QListWidget::currentItemChanged, this, &DeployWizard::onModelChanged);
    connect(m_modelList, &QListWidget::itemDoubleClicked, this, &DeployWizard::next);
    return page;
}

QWidget* DeployWizard::buildPlacementPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingM);
    layout->addWidget(Theme::sectionTitle(tr("Where should it run?"), page));

    auto* modes = new QHBoxLayout;
    modes->setSpacing(Theme::kSpacingXL);
    m_auto = new QRadioButton(tr("Auto: let the controller pick the node and GPUs"), page);
    m_auto->setObjectName(QStringLiteral("autoPlacement"));
    m_manual = new QRadioButton(tr("Manual: pick them yourself"), page);
    m_manual->setObjectName(QStringLiteral("manualPlacement"));
    m_mode = new QButtonGroup(page);
    m_mode->addButton(m_auto);
    m_mode->addButton(m_manual);
    m_auto->setChecked(true);
    m_manual->setEnabled(m_nodeService != nullptr);
    modes->addWidget(m_auto);
    modes->addWidget(m_manual);
    modes->addStretch(1);
    layout->addLayout(modes);

    // Auto.
    m_autoPanel = new QWidget(page);
    auto* autoLayout = new QVBoxLayout(m_autoPanel);
    autoLayout->setContentsMargins(0, 0, 0, 0);
    autoLayout->setSpacing(Theme::kSpacingS);
    auto* autoForm = new QHBoxLayout;
    autoForm->setSpacing(Theme::kSpacingS);
    auto* strategyLabel = new QLabel(tr("Strategy"), m_autoPanel);
    autoForm->addWidget(strategyLabel);
    m_strategy = new QComboBox(m_autoPanel);
    m_strategy->setObjectName(QStringLiteral("strategy"));
    m_strategy->addItem(tr("Bin-pack: fill the fullest GPU that fits"), int(deploy::PlacementStrategy::Binpack));
    m_strategy->addItem(tr("Spread: use the emptiest GPU"), int(deploy::PlacementStrategy::Spread));
    strategyLabel->setBuddy(m_strategy);
    autoForm->addWidget(m_strategy);
    autoForm->addSpacing(Theme::kSpacingL);
    auto* countLabel = new QLabel(tr("GPUs"), m_autoPanel);
    autoForm->addWidget(countLabel);
    m_gpuCount = new QSpinBox(m_autoPanel);
    m_gpuCount->setObjectName(QStringLiteral("gpuCount"));
    m_gpuCount->setRange(0, 8);
    m_gpuCount->setSpecialValueText(tr("None (CPU)"));
    m_gpuCount->setValue(1);
    m_gpuCount->setToolTip(tr("More than one GPU runs the model tensor-parallel on one node; none runs it on the CPU"));
    countLabel->setBuddy(m_gpuCount);
    autoForm->addWidget(m_gpuCount);
    autoForm->addStretch(1);
    autoLayout->addLayout(autoForm);
    m_explanation = new QLabel(m_autoPanel);
    m_explanation->setObjectName(QStringLiteral("placementExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explanation->setMargin(Theme::kSpacingS);
    m_explanation->setAutoFillBackground(true);
    m_explanation->setBackgroundRole(QPalette::AlternateBase);
    autoLayout->addWidget(m_explanation);
    m_candidates = new QTreeWidget(m_autoPanel);
    m_candidates->setObjectName(QStringLiteral("placementCandidates"));
    m_candidates->setRootIsDecorated(false);
    m_candidates->setHeaderLabels({ tr("#"), tr("Node"), tr("GPUs"), tr("Score"), tr("Why") });
    m_candidates->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_candidates->header()->setStretchLastSection(true);
    m_candidates->setSelectionMode(QAbstractItemView::NoSelection);
    m_candidates->setFocusPolicy(Qt::NoFocus);
    autoLayout->addWidget(m_candidates, 1);
    m_rejectedToggle = new QToolButton(m_autoPanel);
    m_rejectedToggle->setObjectName(QStringLiteral("rejectedToggle"));
    m_rejectedToggle->setCheckable(true);
    m_rejectedToggle->setAutoRaise(true);
    m_rejectedToggle->setArrowType(Qt::RightArrow);
    m_rejectedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    autoLayout->addWidget(m_rejectedToggle);
    m_rejected = new QListWidget(m_autoPanel);
    m_rejected->setObjectName(QStringLiteral("placementRejected"));
    m_rejected->setVisible(false);
    m_rejected->setMaximumHeight(110);
    m_rejected->setSelectionMode(QAbstractItemView::NoSelection);
    autoLayout->addWidget(m_rejected);
    connect(m_rejectedToggle, &QToolButton::toggled, this, [this](bool open) {
        m_rejected->setVisible(open);
        m_rejectedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });
    layout->addWidget(m_autoPanel, 1);

    // Manual.
    m_manualPanel = new QWidget(page);
    auto* manualLayout = new QVBoxLayout(m_manualPanel);
    manualLayout->setContentsMargins(0, 0, 0, 0);
    manualLayout->setSpacing(Theme::kSpacingS);
    auto* nodeRow = new QHBoxLayout;
    auto* nodeLabel = new QLabel(tr("Node"), m_manualPanel);
    nodeRow->addWidget(nodeLabel);
    m_node = new QComboBox(m_manualPanel);
    m_node->setObjectName(QStringLiteral("placementNode"));
    m_node->setMinimumWidth(260);
    nodeLabel->setBuddy(m_node);
    nodeRow->addWidget(m_node);
    nodeRow->addStretch(1);
    manualLayout->addLayout(nodeRow);
    auto* scroll = new QScrollArea(m_manualPanel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_gpuBox = new QWidget(scroll);
    m_gpuRows = new QVBoxLayout(m_gpuBox);
    m_gpuRows->setContentsMargins(0, 0, 0, 0);
    m_gpuRows->setSpacing(Theme::kSpacingS);
    scroll->setWidget(m_gpuBox);
    manualLayout->addWidget(scroll, 1);
    layout->addWidget(m_manualPanel, 1);

    m_placementError = makeError(page, QStringLiteral("placementError"));
    m_errors.append(m_placementError);
    layout->addWidget(m_placementError);

    connect(m_mode, &QButtonGroup::buttonToggled, this, [this](QAbstractButton*, bool on) {
        if (on)
            updatePlacementMode();
    });
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &DeployWizard::updatePreview);
    connect(m_gpuCount, &QSpinBox::valueChanged, this, &DeployWizard::updatePreview);
    connect(m_node, &QComboBox::currentIndexChanged, this, [this] {
        rebuildGpuList();
        updatePreview();
    });
    updatePlacementMode();
    return page;
}

QWidget* DeployWizard::buildSettingsPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingM);
    layout->addWidget(Theme::sectionTitle(tr("Container settings"), page));

    m_settingsForm = new QFormLayout;
    m_settingsForm->setHorizontalSpacing(Theme::kSpacingL);
    m_settingsForm->setVerticalSpacing(Theme::kSpacingS);
    m_settingsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(m_settingsForm);

    m_framework = new QComboBox(page);
    m_framework->setObjectName(QStringLiteral("framework"));
    m_framework->addItem(QStringLiteral("vLLM"), QStringLiteral("vllm"));
    m_framework->addItem(QStringLiteral("Triton"), QStringLiteral("triton"));
    m_framework->addItem(tr("Custom"), QStringLiteral("custom"));
    m_framework->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_framework->setMinimumWidth(200);
    m_settingsForm->addRow(tr("Framework"), m_framework);
    m_image = new QLineEdit(page);
    m_image->setObjectName(QStringLiteral("image"));
    m_image->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_settingsForm->addRow(tr("Image"), m_image);

    auto* numbers = new QHBoxLayout;
    numbers->setSpacing(Theme::kSpacingS);
    m_port = new QSpinBox(page);
    m_port->setObjectName(QStringLiteral("containerPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Framework default"));
    numbers->addWidget(m_port);
    numbers->addSpacing(Theme::kSpacingL);
    auto* memoryLabel = new QLabel(tr("Memory limit"), page);
    numbers->addWidget(memoryLabel);
    m_memoryLimit = new QSpinBox(page);
    m_memoryLimit->setObjectName(QStringLiteral("memoryLimit"));
    m_memoryLimit->setRange(0, 4 * 1024 * 1024);
    m_memoryLimit->setSingleStep(1024);
    m_memoryLimit->setSuffix(tr(" MiB"));
    m_memoryLimit->setSpecialValueText(tr("None"));
    memoryLabel->setBuddy(m_memoryLimit);
    numbers->addWidget(m_memoryLimit);
    numbers->addStretch(1);
    m_settingsForm->addRow(tr("Container port"), numbers);

    m_gpuUtilization = new QDoubleSpinBox(page);
    m_gpuUtilization->setObjectName(QStringLiteral("gpuMemoryUtilization"));
    m_gpuUtilization->setRange(0.1, 1.0);
    m_gpuUtilization->setSingleStep(0.05);
    m_gpuUtilization->setDecimals(2);
    m_gpuUtilization->setValue(0.9);
    m_gpuUtilization->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_gpuUtilization->setMinimumWidth(100);
    m_gpuUtilization->setToolTip(tr("vLLM's --gpu-memory-utilization: the share of each GPU's memory it takes"));
    m_settingsForm->addRow(tr("GPU memory use (vLLM)"), m_gpuUtilization);

    auto* envBox = new QWidget(page);
    auto* envLayout = new QHBoxLayout(envBox);
    envLayout->setContentsMargins(0, 0, 0, 0);
    envLayout->setSpacing(Theme::kSpacingS);
    m_environment = new QTableWidget(0, 2, envBox);
    m_environment->setObjectName(QStringLiteral("environment"));
    m_environment->setHorizontalHeaderLabels({ tr("Variable"), tr("Value") });
    m_environment->verticalHeader()->setVisible(false);
    m_environment->horizontalHeader()->setStretchLastSection(true);
    m_environment->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_environment->setColumnWidth(0, 200);
    m_environment->setMinimumHeight(96);
    m_environment->setMaximumHeight(130);
    envLayout->addWidget(m_environment, 1);
    auto* envButtons = new QVBoxLayout;
    envButtons->setSpacing(Theme::kSpacingS);
    m_addVariable = new QPushButton(Theme::paletteIcon(QStringLiteral("add"), palette()), tr("Add"), envBox);
    m_addVariable->setObjectName(QStringLiteral("addVariable"));
    m_removeVariable = new QPushButton(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Remove"), envBox);
    m_removeVariable->setObjectName(QStringLiteral("removeVariable"));
    envButtons->addWidget(m_addVariable);
    envButtons->addWidget(m_removeVariable);
    envButtons->addStretch(1);
    envLayout->addLayout(envButtons);
    m_settingsForm->addRow(tr("Environment"), envBox);
    connect(m_addVariable, &QPushButton::clicked, this, [this] {
        const int row = m_environment->rowCount();
        m_environment->insertRow(row);
        m_environment->setItem(row, 0, new QTableWidgetItem);
        m_environment->setItem(row, 1, new QTableWidgetItem);
        m_environment->setCurrentCell(row, 0);
        m_environment->editItem(m_environment->item(row, 0));
    });
    connect(m_removeVariable, &QPushButton::clicked, this, [this] {
        const int row = m_environment->currentRow();
        if (row >= 0)
            m_environment->removeRow(row);
    });

    m_arguments = new QLineEdit(page);
    m_arguments->setObjectName(QStringLiteral("extraArguments"));
    m_arguments->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_arguments->setPlaceholderText(QStringLiteral("--max-model-len 4096 --dtype bfloat16"));
    m_arguments->setToolTip(tr("Split on spaces like a shell; quote an argument that contains spaces"));
    m_settingsForm->addRow(tr("Extra arguments"), m_arguments);
    m_command = new QLineEdit(page);
    m_command->setObjectName(QStringLiteral("command"));
    m_command->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_command->setPlaceholderText(tr("The image's own command"));
    m_settingsForm->addRow(tr("Command"), m_command);
    m_healthPath = new QLineEdit(page);
    m_healthPath->setObjectName(QStringLiteral("healthPath"));
    m_healthPath->setPlaceholderText(QStringLiteral("/health"));
    m_settingsForm->addRow(tr("Health path"), m_healthPath);

    m_settingsError = makeError(page, QStringLiteral("settingsError"));
    m_errors.append(m_settingsError);
    layout->addWidget(m_settingsError);
    layout->addStretch(1);

    connect(m_framework, &QComboBox::currentIndexChanged, this, &DeployWizard::onFrameworkChanged);
    connect(m_arguments, &QLineEdit::textChanged, this, [this] {
        m_settingsError->hide();
        updateButtons();
    });
    return page;
}

QWidget* DeployWizard::buildReviewPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingM);
    layout->addWidget(Theme::sectionTitle(tr("Review and deploy"), page));
    m_summary = new QLabel(page);
    m_summary->setObjectName(QStringLiteral("reviewSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_summary);
    m_reviewError = makeError(page, QStringLiteral("reviewError"));
    m_errors.append(m_reviewError);
    layout->addWidget(m_reviewError);
    layout->addStretch(1);
    return page;
}

QWidget* DeployWizard::buildProgressPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(Theme::kSpacingM);
    m_progressTitle = Theme::sectionTitle(QString(), page);
    m_progressTitle->setObjectName(QStringLiteral("progressTitle"));
    m_progressTitle->setWordWrap(true);
    layout->addWidget(m_progressTitle);

    auto* phases = new QHBoxLayout;
    phases->setSpacing(Theme::kSpacingS);
    for (DeploymentPhase phase : kShownPhases) {
        if (!m_phaseLabels.isEmpty()) {
            auto* arrow = new QLabel(QStringLiteral("→"), page);
            m_captions.append(arrow);
            phases->addWidget(arrow);
        }
        auto* label = new QLabel(DeploymentTableModel::phaseText(phase), page);
        label->setObjectName(QStringLiteral("phase-") + deploy::phaseName(phase));
        m_phaseLabels.append(label);
        phases->addWidget(label);
    }
    phases->addStretch(1);
    layout->addLayout(phases);

    m_progressBar = new QProgressBar(page);
    m_progressBar->setObjectName(QStringLiteral("progressBar"));
    m_progressBar->setRange(0, 100);
    m_progressBar->setTextVisible(false);
    m_progressBar->setMaximumHeight(10);
    layout->addWidget(m_progressBar);

    auto* statusRow = new QHBoxLayout;
    statusRow->setSpacing(Theme::kSpacingS);
    m_progressStatus = new QLabel(page);
    m_progressStatus->setObjectName(QStringLiteral("progressStatus"));
    m_progressStatus->setWordWrap(true);
    m_progressStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusRow->addWidget(m_progressStatus, 1);
    m_copyEndpoint = new QPushButton(Theme::paletteIcon(QStringLiteral("copy"), palette()), tr("Copy"), page);
    m_copyEndpoint->setObjectName(QStringLiteral("copyEndpoint"));
    m_copyEndpoint->setVisible(false);
    connect(m_copyEndpoint, &QPushButton::clicked, this, [this] {
        if (const auto record = m_service->deployment(m_deploymentId))
            QApplication::clipboard()->setText(m_service->inferenceBaseUrl() + record->endpoint);
    });
    statusRow->addWidget(m_copyEndpoint, 0, Qt::AlignTop);
    layout->addLayout(statusRow);

    layout->addWidget(Theme::sectionTitle(tr("Log"), page, 1.0));
    m_progressLog = new QPlainTextEdit(page);
    m_progressLog->setObjectName(QStringLiteral("progressLog"));
    m_progressLog->setReadOnly(true);
    m_progressLog->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_progressLog->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_progressLog->setPlaceholderText(tr("The container's output appears here once it starts."));
    layout->addWidget(m_progressLog, 1);
    return page;
}

QString DeployWizard::defaultImage(const QString& framework)
{
    const auto defaults = deploy::frameworkDefaults(framework);
    return defaults ? defaults->image : QString();
}

DeployWizard::Step DeployWizard::currentStep() const
{
    return Step(m_pages->currentIndex());
}

QCheckBox* DeployWizard::gpuCheck(const QString& deviceId) const
{
    return m_gpuChecks.value(deviceId);
}

QString DeployWizard::selectedModelId() const
{
    const QListWidgetItem* item = m_modelList->currentItem();
    return item && !item->isHidden() ? item->data(kModelIdRole).toString() : QString();
}

bool DeployWizard::selectModel(const QString& modelId)
{
    for (int row = 0; row < m_modelList->count(); ++row) {
        QListWidgetItem* item = m_modelList->item(row);
        if (item->data(kModelIdRole).toString() == modelId) {
            m_modelList->setCurrentItem(item);
            m_modelList->scrollToItem(item);
            return true;
        }
    }
    return false;
}

void DeployWizard::populateModels()
{
    m_modelList->clear();
    const QList<registry::ModelRecord> models
        = m_modelService ? m_modelService->models() : QList<registry::ModelRecord> {};
    const QString dash = models::Format::dash();
    for (const registry::ModelRecord& m : models) {
        if (m.status != QLatin1String("ready"))
            continue;
        const QString gpu = m.minGpuMemory > 0 ? models::Format::mebibytes(m.minGpuMemory) : dash;
        auto* item = new QListWidgetItem(tr("%1\n%2 · %3 · GPU memory %4")
                                             .arg(m.name.isEmpty() ? m.modelId : m.name,
                                                  ModelTableModel::frameworkText(m.framework),
                                                  ModelTableModel::sizeMbText(m.sizeMb),
                                                  gpu),
                                         m_modelList);
        item->setData(kModelIdRole, m.modelId);
        item->setToolTip(m.modelId);
        item->setSizeHint(QSize(0, 2 * m_modelList->fontMetrics().lineSpacing() + Theme::kSpacingM));
    }
    m_noModels->setVisible(m_modelList->count() == 0);
}

void DeployWizard::onModelChanged()
{
    const QString modelId = selectedModelId();
    if (m_modelService && !modelId.isEmpty()) {
        if (const auto model = m_modelService->model(modelId)) {
            const int index = m_framework->findData(model->framework);
            m_framework->setCurrentIndex(index >= 0 ? index : 0);
        }
    }
    updateButtons();
}

void DeployWizard::populateNodes()
{
    m_node->clear();
    if (!m_nodeService)
        return;
    for (const nodes::NodeInfo& node : m_nodeService->nodes()) {
        const auto& r = node.record;
        QString text = r.name.isEmpty() ? r.nodeId : r.name;
        text = tr("%1 (%n GPU(s))", nullptr, int(r.gpuDevices.size())).arg(text);
        if (r.status != QLatin1String("online"))
            text = tr("%1 — %2").arg(text, models::Format::statusText(r.status));
        m_node->addItem(text, r.nodeId);
    }
    rebuildGpuList();
}

void DeployWizard::rebuildGpuList()
{
    m_gpuChecks.clear();
    while (QLayoutItem* item = m_gpuRows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const QString nodeId = m_node->currentData().toString();
    const auto node = m_nodeService && !nodeId.isEmpty() ? m_nodeService->node(nodeId) : std::nullopt;
    if (!node) {
        auto* none = new QLabel(tr("No node to pick."), m_gpuBox);
        colorize(none, Theme::subtleText(palette()));
        m_gpuRows->addWidget(none);
        m_gpuRows->addStretch(1);
        return;
    }
    for (const store::GpuDeviceRecord& gpu : node->record.gpuDevices) {
        auto* row = new QWidget(m_gpuBox);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 2, 0, 2);
        rowLayout->setSpacing(Theme::kSpacingM);
        auto* check = new QCheckBox(tr("GPU %1 · %2").arg(gpu.deviceId, gpu.model), row);
        check->setObjectName(QStringLiteral("gpu-") + gpu.deviceId);
        check->setMinimumWidth(280);
        rowLayout->addWidget(check);
        auto* bar = new GaugeBar(row);
        const double used = gpu.memoryTotal > 0 ? 1.0 - double(gpu.memoryFree) / double(gpu.memoryTotal) : 0;
        bar->setFraction(used);
        bar->setMinimumWidth(140);
        bar->setToolTip(tr("VRAM in use"));
        rowLayout->addWidget(bar, 1);
        auto* free = new QLabel(
            tr("%1 free of %2")
                .arg(models::Format::mebibytes(gpu.memoryFree), models::Format::mebibytes(gpu.memoryTotal)),
            row);
        free->setMinimumWidth(150);
        free->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        rowLayout->addWidget(free);
        m_gpuRows->addWidget(row);
        m_gpuChecks.insert(gpu.deviceId, check);
        connect(check, &QCheckBox::toggled, this, &DeployWizard::updatePreview);
    }
    m_gpuRows->addStretch(1);
}

void DeployWizard::updatePlacementMode()
{
    const bool manual = m_manual->isChecked();
    m_autoPanel->setVisible(!manual);
    m_manualPanel->setVisible(manual);
    updatePreview();
}

void DeployWizard::updatePreview()
{
    if (selectedModelId().isEmpty()) {
        m_previewOk = false;
        updateButtons();
        return;
    }
    const controller::DeployRequest req = request();
    m_candidates->clear();
    m_rejected->clear();
    if (req.manual && req.manual->deviceIds.isEmpty()) {
        m_previewOk = false;
        m_placementError->setText(tr("Pick at least one GPU."));
        m_placementError->setVisible(true);
        updateButtons();
        return;
    }
    const auto preview = m_service->previewPlacement(req);
    m_previewOk = preview.has_value();
    if (!preview) {
        m_explanation->setText(tr("No placement yet."));
        m_placementError->setText(preview.error().message);
        m_placementError->setVisible(true);
        m_rejectedToggle->setText(tr("Rejected (0)"));
        updateButtons();
        return;
    }
    m_placementError->setVisible(false);
    m_explanation->setText(preview->explanation);
    int rank = 1;
    for (const deploy::Candidate& c : preview->ranked) {
        auto* item = new QTreeWidgetItem(m_candidates);
        item->setText(0, QString::number(rank++));
        item->setText(
            1, m_nodeService && m_nodeService->node(c.nodeId) ? m_nodeService->node(c.nodeId)->record.name : c.nodeId);
        item->setText(2, c.deviceIds.join(QStringLiteral(", ")));
        item->setText(3, QLocale().toString(c.score, 'f', 1));
        item->setText(4, c.reason);
        item->setToolTip(4, c.reason);
        item->setSizeHint(0, QSize(0, m_candidates->fontMetrics().height() + Theme::kSpacingS));
    }
    for (const QString& reason : preview->rejected)
        m_rejected->addItem(reason);
    m_rejectedToggle->setText(tr("Rejected (%1)").arg(preview->rejected.size()));
    m_rejectedToggle->setEnabled(!preview->rejected.isEmpty());
    updateButtons();
}

void DeployWizard::onFrameworkChanged()
{
    const QString framework = m_framework->currentData().toString();
    const QString image = defaultImage(framework);
    // Follow the framework unless the user typed an image of their own.
    if (m_image->text().trimmed().isEmpty() || m_image->text().trimmed() == m_imageDefault)
        m_image->setText(image);
    m_imageDefault = image;
    m_image->setPlaceholderText(framework == QLatin1String("custom") ? tr("registry/image:tag (required)") : image);
    const bool custom = framework == QLatin1String("custom");
    m_settingsForm->setRowVisible(m_command, custom);
    m_settingsForm->setRowVisible(m_healthPath, custom);
    m_settingsForm->setRowVisible(m_gpuUtilization, framework == QLatin1String("vllm"));
    updateButtons();
}

controller::DeployRequest DeployWizard::request() const
{
    controller::DeployRequest req;
    req.modelId = selectedModelId();
    req.framework = m_framework->currentData().toString();
    const QString image = m_image->text().trimmed();
    req.image = image == defaultImage(req.framework) ? QString() : image;
    req.strategy = deploy::PlacementStrategy(m_strategy->currentData().toInt());
    if (m_manual->isChecked()) {
        deploy::ManualPlacement manual;
        manual.nodeId = m_node->currentData().toString();
        for (auto it = m_gpuChecks.cbegin(); it != m_gpuChecks.cend(); ++it) {
            if (it.value()->isChecked())
                manual.deviceIds.append(it.key());
        }
        std::sort(manual.deviceIds.begin(), manual.deviceIds.end(), [](const QString& a, const QString& b) {
            return a.size() != b.size() ? a.size() < b.size() : a < b;
        });
        req.gpuCount = int(manual.deviceIds.size());
        req.manual = manual;
    } else {
        req.gpuCount = m_gpuCount->value();
    }
    for (int row = 0; row < m_environment->rowCount(); ++row) {
        const QTableWidgetItem* key = m_environment->item(row, 0);
        const QTableWidgetItem* value = m_environment->item(row, 1);
        if (key && !key->text().trimmed().isEmpty())
            req.environment.insert(key->text().trimmed(), value ? value->text() : QString());
    }
    if (const auto args = deploy::splitArguments(m_arguments->text()))
        req.extraArgs = *args;
    const bool custom = req.framework == QLatin1String("custom");
    if (custom) {
        if (const auto command = deploy::splitArguments(m_command->text()))
            req.command = *command;
        req.healthPath = m_healthPath->text().trimmed();
    }
    req.containerPort = m_port->value();
    req.memoryLimitMb = m_memoryLimit->value();
    req.gpuMemoryUtilization = m_gpuUtilization->value();
    return req;
}

bool DeployWizard::validateSettings()
{
    QString error;
    const bool custom = m_framework->currentData().toString() == QLatin1String("custom");
    if (const auto args = deploy::splitArguments(m_arguments->text()); !args)
        error = tr("Extra arguments: %1").arg(args.error().message);
    else if (const auto command = deploy::splitArguments(m_command->text()); custom && !command)
        error = tr("Command: %1").arg(command.error().message);
    else if (custom && m_image->text().trimmed().isEmpty())
        error = tr("A custom deployment needs an image.");
    else if (custom && !m_healthPath->text().trimmed().isEmpty()
             && !m_healthPath->text().trimmed().startsWith(QLatin1Char('/')))
        error = tr("The health path starts with “/”.");
    m_settingsError->setText(error);
    m_settingsError->setVisible(!error.isEmpty());
    return error.isEmpty();
}

void DeployWizard::updateSummary()
{
    const controller::DeployRequest req = request();
    const QString dash = models::Format::dash();
    QString model = req.modelId;
    if (m_modelService) {
        if (const auto m = m_modelService->model(req.modelId); m && !m->name.isEmpty())
            model = m->name;
    }
    QString placement;
    if (req.manual) {
        placement = tr("%1, chosen by hand")
                        .arg(tr("%1 · %2").arg(m_node->currentText().section(QLatin1String(" ("), 0, 0),
                                               DeploymentTableModel::gpuText(req.manual->deviceIds)));
    } else {
        placement = tr("Auto (%1, %n GPU(s)): %2", nullptr, req.gpuCount)
                        .arg(req.strategy == deploy::PlacementStrategy::Binpack ? tr("bin-pack") : tr("spread"),
                             m_explanation->text());
    }
    QStringList env;
    for (auto it = req.environment.cbegin(); it != req.environment.cend(); ++it)
        env.append(tr("%1=%2").arg(it.key(), it.value()));
    QList<QPair<QString, QString>> rows {
        { tr("Model"), model },
        { tr("Placement"), placement },
        { tr("Framework"), m_framework->currentText() },
        { tr("Image"), req.image.isEmpty() ? tr("%1 (default)").arg(defaultImage(req.framework)) : req.image },
        { tr("Container port"), req.containerPort > 0 ? QString::number(req.containerPort) : tr("Framework default") },
        { tr("Memory limit"), req.memoryLimitMb > 0 ? models::Format::mebibytes(req.memoryLimitMb) : tr("None") },
    };
    if (req.framework == QLatin1String("vllm"))
        rows.append({ tr("GPU memory use"), QStringLiteral("%1 %").arg(qRound(req.gpuMemoryUtilization * 100)) });
    rows.append({ tr("Environment"), env.isEmpty() ? dash : env.join(QStringLiteral(", ")) });
    rows.append({ tr("Extra arguments"), req.extraArgs.isEmpty() ? dash : quotedArguments(req.extraArgs) });
    if (req.framework == QLatin1String("custom")) {
        rows.append({ tr("Command"), req.command.isEmpty() ? tr("The image's own") : quotedArguments(req.command) });
        rows.append({ tr("Health path"), req.healthPath.isEmpty() ? QStringLiteral("/health") : req.healthPath });
    }
    const QString subtle = Theme::subtleText(palette()).name();
    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"4\">");
    for (const auto& [label, value] : rows)
        html += QStringLiteral("<tr><td style=\"color:%1; padding-right:16px\">%2</td><td>%3</td></tr>")
                    .arg(subtle, label.toHtmlEscaped(), value.toHtmlEscaped());
    html += QStringLiteral("</table>");
    m_summary->setText(html);
}

void DeployWizard::setStep(Step step)
{
    m_pages->setCurrentIndex(int(step));
    if (step == PlacementStep)
        updatePreview();
    if (step == ReviewStep) {
        m_reviewError->hide();
        updateSummary();
    }
    updateStepLabels();
    updateButtons();
}

void DeployWizard::updateButtons()
{
    if (!m_nextButton)
        return; // still building the pages
    const Step step = currentStep();
    const bool progress = step == ProgressStep;
    m_backButton->setVisible(!progress);
    m_nextButton->setVisible(!progress);
    m_backButton->setEnabled(step != ModelStep);
    m_nextButton->setText(step == ReviewStep ? tr("Deploy") : tr("Next"));
    m_closeButton->setText(progress ? tr("Close") : tr("Cancel"));
    bool ok = true;
    switch (step) {
    case ModelStep: ok = !selectedModelId().isEmpty(); break;
    case PlacementStep: ok = m_previewOk; break;
    default: break;
    }
    m_nextButton->setEnabled(ok);
}

void DeployWizard::updateStepLabels()
{
    const int current = m_pages->currentIndex();
    for (int i = 0; i < m_stepLabels.size(); ++i) {
        QLabel* label = m_stepLabels.at(i);
        QFont f = font();
        f.setWeight(i == current ? QFont::DemiBold : QFont::Normal);
        label->setFont(f);
        colorize(label, i == current ? Theme::accentColor(palette()) : Theme::subtleText(palette()));
    }
}

void DeployWizard::next()
{
    switch (currentStep()) {
    case ModelStep:
        if (!selectedModelId().isEmpty())
            setStep(PlacementStep);
        break;
    case PlacementStep:
        if (m_previewOk)
            setStep(SettingsStep);
        break;
    case SettingsStep:
        if (validateSettings())
            setStep(ReviewStep);
        break;
    case ReviewStep: deploy(); break;
    case ProgressStep: break;
    }
}

void DeployWizard::back()
{
    if (currentStep() > ModelStep && currentStep() < ProgressStep)
        setStep(Step(currentStep() - 1));
}

void DeployWizard::deploy()
{
    const auto result = m_service->deploy(request());
    if (!result) {
        m_reviewError->setText(tr("Could not deploy: %1").arg(result.error().message));
        m_reviewError->setVisible(true);
        return;
    }
    m_deploymentId = result->deploymentId;
    QString model = result->modelId;
    if (m_modelService) {
        if (const auto m = m_modelService->model(result->modelId); m && !m->name.isEmpty())
            model = m->name;
    }
    m_modelName = model;
    setStep(ProgressStep);
    updateProgress();
    requestLogTail();
    m_logTimer.start();
    Q_EMIT deployed(m_deploymentId);
}

QString DeployWizard::highlightedPhase() const
{
    return m_highlighted;
}

void DeployWizard::updateProgress()
{
    const auto record = m_service->deployment(m_deploymentId);
    if (!record)
        return;
    const auto& r = *record;
    const QColor accent = Theme::accentColor(palette());
    const QColor subtle = Theme::subtleText(palette());
    const QColor error = Theme::errorText(palette());
    int currentIndex = -1;
    for (int i = 0; i < int(std::size(kShownPhases)); ++i) {
        if (kShownPhases[i] == r.phase)
            currentIndex = i;
    }
    if (r.status == DeploymentStatus::Running)
        currentIndex = int(std::size(kShownPhases)) - 1;
    m_highlighted = currentIndex >= 0 ? deploy::phaseName(kShownPhases[currentIndex]) : QString();
    for (int i = 0; i < m_phaseLabels.size(); ++i) {
        QLabel* label = m_phaseLabels.at(i);
        const QString name = DeploymentTableModel::phaseText(kShownPhases[i]);
        const bool done = i < currentIndex || (r.status == DeploymentStatus::Running && i == currentIndex);
        const bool current = i == currentIndex && r.status == DeploymentStatus::Deploying;
        const bool failedHere = i == currentIndex && r.status == DeploymentStatus::Failed;
        label->setText(done ? QStringLiteral("✓ ") + name : failedHere ? QStringLiteral("✕ ") + name : name);
        QFont f = font();
        f.setWeight(current || failedHere ? QFont::DemiBold : QFont::Normal);
        label->setFont(f);
        colorize(label, failedHere ? error : current ? accent : done ? palette().color(QPalette::WindowText) : subtle);
    }
    m_progressTitle->setText(r.status == DeploymentStatus::Running ? tr("%1 is running").arg(m_modelName)
                                 : r.status == DeploymentStatus::Failed
                                 ? tr("%1 could not be deployed").arg(m_modelName)
                                 : tr("Deploying %1").arg(m_modelName));
    const QString where
        = r.nodeId.isEmpty() ? QString() : tr(" on %1 · %2").arg(r.nodeId, DeploymentTableModel::gpuText(r.gpuDevices));
    switch (r.status) {
    case DeploymentStatus::Running: {
        const QString url = m_service->inferenceBaseUrl() + r.endpoint;
        m_progressBar->setValue(100);
        m_progressStatus->setText(tr("Running at %1").arg(url));
        colorize(m_progressStatus, palette().color(QPalette::WindowText));
        m_copyEndpoint->setVisible(true);
        break;
    }
    case DeploymentStatus::Failed: {
        m_progressBar->setValue(overallProgress(r.phase, r.progress));
        QString text = tr("Failed: %1").arg(r.error.isEmpty() ? tr("no message; see the log") : r.error);
        const QString suggestion = DeploymentsPage::errorSuggestion(r.error);
        if (!suggestion.isEmpty())
            text += QLatin1Char('\n') + suggestion;
        m_progressStatus->setText(text);
        colorize(m_progressStatus, error);
        m_copyEndpoint->setVisible(false);
        break;
    }
    case DeploymentStatus::Stopped:
        m_progressStatus->setText(tr("Stopped"));
        colorize(m_progressStatus, subtle);
        m_copyEndpoint->setVisible(false);
        break;
    case DeploymentStatus::Deploying:
        m_progressBar->setValue(overallProgress(r.phase, r.progress));
        m_progressStatus->setText(DeploymentTableModel::statusText(r) + where);
        colorize(m_progressStatus, subtle);
        m_copyEndpoint->setVisible(false);
        break;
    }
}

void DeployWizard::requestLogTail()
{
    if (!m_deploymentId.isEmpty())
        m_logRequestId = m_service->requestLogs(m_deploymentId, kLogLines);
}

void DeployWizard::onLogsReady(const QString& requestId, const QString& deploymentId, const QString& logs)
{
    if (requestId != m_logRequestId || deploymentId != m_deploymentId)
        return;
    m_progressLog->setPlainText(logs);
    m_progressLog->verticalScrollBar()->setValue(m_progressLog->verticalScrollBar()->maximum());
}

void DeployWizard::changeEvent(QEvent* event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateColors();
}

void DeployWizard::updateColors()
{
    for (QLabel* label : std::as_const(m_captions))
        colorize(label, Theme::subtleText(palette()));
    for (QLabel* label : std::as_const(m_errors))
        colorize(label, Theme::errorText(palette()));
    updateStepLabels();
    if (!m_deploymentId.isEmpty())
        updateProgress();
}

} // namespace aiops::widgets
