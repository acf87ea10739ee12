#include "widgets/ModelsPage.h"

#include "core/controller/NodeService.h"
#include "core/registry/ModelService.h"
#include "models/DownloadListModel.h"
#include "models/Format.h"
#include "models/ModelRoles.h"
#include "models/ModelTableModel.h"
#include "widgets/AddModelDialog.h"
#include "widgets/Card.h"
#include "widgets/CopyToNodeDialog.h"
#include "widgets/DeployWizard.h"
#include "widgets/EmptyState.h"
#include "widgets/PageHeader.h"
#include "widgets/Theme.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace aiops::widgets {

using models::DownloadListModel;
using models::ModelTableModel;

namespace {

bool confirmDelete(QWidget* parent, const QString& modelName, qint64 freedMb)
{
    return Theme::confirmDestructive(
        parent,
        ModelsPage::tr("Delete model"),
        ModelsPage::tr("Delete “%1”?").arg(modelName),
        ModelsPage::tr("This frees %1 of disk. Files that another model still uses are kept. Nodes that cached "
                       "the model keep their copy until they evict it.")
            .arg(ModelTableModel::sizeMbText(freedMb)),
        ModelsPage::tr("Delete"));
}

bool confirmCancel(QWidget* parent, const QString& repo)
{
    return Theme::confirmDestructive(parent,
                                     ModelsPage::tr("Cancel download"),
                                     ModelsPage::tr("Cancel the download of “%1”?").arg(repo),
                                     ModelsPage::tr("The files downloaded so far are deleted."),
                                     ModelsPage::tr("Cancel download"));
}

QString askForHubDirectory(QWidget* parent)
{
    const QString hub = QDir::homePath() + QStringLiteral("/.cache/huggingface/hub");
    return QFileDialog::getExistingDirectory(
        parent, ModelsPage::tr("Import HuggingFace cache"), QDir(hub).exists() ? hub : QDir::homePath());
}

QTableWidget* makeDetailTable(const QStringList& headers, QWidget* parent)
{
    auto* table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->setShowGrid(false);
    table->setFrameShape(QFrame::NoFrame);
    table->setWordWrap(false);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return table;
}

QTableWidgetItem* rightAligned(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

// The widgets of one download in the Downloads card.
struct ModelsPage::DownloadRow
{
    QString jobId;
    QWidget* widget = nullptr;
    QLabel* name = nullptr;
    QLabel* state = nullptr;
    QProgressBar* progress = nullptr;
    QLabel* details = nullptr;
    QWidget* errorBox = nullptr;
    QLabel* errorIcon = nullptr;
    QLabel* error = nullptr;
    QPushButton* cancel = nullptr;
    QPushButton* retry = nullptr;
    QToolButton* dismiss = nullptr;
};

ModelsPage::ModelsPage(registry::ModelService* service, controller::NodeService* nodes, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_nodeService(nodes)
    , m_models(new ModelTableModel(service, this))
    , m_downloads(new DownloadListModel(service, this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_deleteConfirmation(confirmDelete)
    , m_cancelConfirmation(confirmCancel)
    , m_directoryPrompt(askForHubDirectory)
{
    m_filter->setSourceModel(m_models);
    m_filter->setSortRole(models::SortRole);
    m_filter->setFilterRole(models::SearchTextRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingL);

    m_header = new PageHeader(tr("Models"), {}, this);
    m_importButton = new QPushButton(tr("Import HF cache…"), this);
    m_importButton->setObjectName(QStringLiteral("importCacheButton"));
    m_importButton->setIcon(Theme::paletteIcon(QStringLiteral("copy"), palette()));
    m_importButton->setToolTip(
        tr("Register the models of an existing HuggingFace cache (~/.cache/huggingface) without downloading them "
           "again"));
    connect(m_importButton, &QPushButton::clicked, this, &ModelsPage::importCache);
    m_header->addAction(m_importButton);
    m_addButton = new QPushButton(tr("Add from HuggingFace…"), this);
    Theme::makePrimary(m_addButton, QStringLiteral("add"));
    m_addButton->setObjectName(QStringLiteral("addModelButton"));
    connect(m_addButton, &QPushButton::clicked, this, &ModelsPage::openAddDialog);
    m_header->addAction(m_addButton);
    m_importButton->setMinimumHeight(m_addButton->sizeHint().height());
    layout->addWidget(m_header);

    // Result of the last import, or an error of a delete: text with an icon.
    const Theme::MessageBar bar = Theme::messageBar(this, QStringLiteral("modelsMessage"));
    m_messageBox = bar.box;
    m_messageIcon = bar.icon;
    m_message = bar.text;
    layout->addWidget(m_messageBox);

    // Downloads, shown while there are any.
    m_downloadsCard = new Card(this);
    m_downloadsCard->setObjectName(QStringLiteral("downloadsCard"));
    auto* downloadsLayout = new QVBoxLayout(m_downloadsCard);
    downloadsLayout->setContentsMargins(Theme::kSpacingL, Theme::kSpacingM, Theme::kSpacingL, Theme::kSpacingM);
    downloadsLayout->setSpacing(Theme::kSpacingM);
    downloadsLayout->addWidget(Theme::sectionTitle(tr("Downloads"), m_downloadsCard, 1.0));
    m_downloadRows = new QVBoxLayout;
    m_downloadRows->setSpacing(Theme::kSpacingM);
    downloadsLayout->addLayout(m_downloadRows);
    layout->addWidget(m_downloadsCard);

    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);

    m_empty = new EmptyState(QStringLiteral("gpu"), m_stack);
    m_empty->setTitle(tr("No models yet — add one from HuggingFace or import your HF cache"));
    m_empty->setMessage(tr("Before anything is downloaded you see the files, the size and the GPU memory a model "
                           "needs. Models already in ~/.cache/huggingface are imported without downloading again."));
    m_empty->setAction(tr("Add from HuggingFace…"), QStringLiteral("add"));
    connect(m_empty, &EmptyState::actionTriggered, this, &ModelsPage::openAddDialog);
    m_stack->addWidget(m_empty);

    auto* content = new QWidget(m_stack);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(Theme::kSpacingM);
    m_stack->addWidget(content);

    auto* filters = new QHBoxLayout;
    filters->setSpacing(Theme::kSpacingS);
    m_filterEdit = Theme::searchField(tr("Filter by name, task, framework or license (Ctrl+F)"), 280, content);
    filters->addWidget(m_filterEdit, 1);
    filters->addStretch(1);
    contentLayout->addLayout(filters);
    auto* findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(findAction, &QAction::triggered, m_filterEdit, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });
    addAction(findAction);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);

    auto* splitter = new QSplitter(Qt::Vertical, content);
    splitter->setChildrenCollapsible(false);
    splitter->setHandleWidth(Theme::kSpacingM);
    contentLayout->addWidget(splitter, 1);

    auto* tableCard = new Card(splitter);
    auto* tableLayout = new QVBoxLayout(tableCard);
    tableLayout->setContentsMargins(1, Theme::kSpacingS, 1, Theme::kSpacingS);
    m_tableStack = new QStackedWidget(tableCard);
    tableLayout->addWidget(m_tableStack);

    m_table = new QTableView(m_tableStack);
    m_table->setObjectName(QStringLiteral("modelsTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ModelTableModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 22);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ModelTableModel::NameColumn, QHeaderView::Stretch);
    m_tableStack->addWidget(m_table);

    m_noMatch = new EmptyState(QStringLiteral("search"), m_tableStack);
    m_noMatch->setTitle(tr("No models match the filter"));
    m_noMatch->setMessage(tr("Try another name, task or framework."));
    m_noMatch->setAction(tr("Clear filter"));
    connect(m_noMatch, &EmptyState::actionTriggered, m_filterEdit, &QLineEdit::clear);
    m_tableStack->addWidget(m_noMatch);

    // Detail panel.
    auto* detailCard = new Card(splitter);
    auto* detailLayout = new QVBoxLayout(detailCard);
    detailLayout->setContentsMargins(1, 1, 1, 1);
    m_detailStack = new QStackedWidget(detailCard);
    detailLayout->addWidget(m_detailStack);
    auto* placeholder = new QLabel(tr("Select a model to see its metadata, versions and files."), m_detailStack);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL);
    m_captions.append(placeholder);
    m_detailStack->addWidget(placeholder);

    QWidget* detail = Theme::addScrollPage(m_detailStack);
    auto* detailContent = new QVBoxLayout(detail);
    detailContent->setContentsMargins(Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL, Theme::kSpacingL);
    detailContent->setSpacing(Theme::kSpacingM);

    m_deleteAction = new QAction(Theme::paletteIcon(QStringLiteral("remove"), palette()), tr("Delete…"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_deleteAction);
    connect(m_deleteAction, &QAction::triggered, this, &ModelsPage::onDeleteTriggered);
    m_manageDownloads = new QAction(this);
    connect(m_manageDownloads, &QAction::changed, this, &ModelsPage::updateDownloadButtons);

    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(Theme::kSpacingM);
    m_detailTitle = new QLabel(detail);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setWeight(QFont::DemiBold);
    m_detailTitle->setFont(titleFont);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    titleRow->addWidget(m_detailTitle);
    titleRow->addStretch(1);
    m_copyToNodeAction = new QAction(Theme::paletteIcon(QStringLiteral("copy"), palette()), tr("Copy to node…"), this);
    m_copyToNodeAction->setObjectName(QStringLiteral("copyToNodeAction"));
    connect(m_copyToNodeAction, &QAction::triggered, this, &ModelsPage::openCopyToNodeDialog);
    auto* copyButton = new QToolButton(detail);
    copyButton->setObjectName(QStringLiteral("copyToNodeButton"));
    copyButton->setDefaultAction(m_copyToNodeAction);
    copyButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    copyButton->setVisible(m_nodeService != nullptr);
    titleRow->addWidget(copyButton);
    m_deployAction = new QAction(Theme::paletteIcon(QStringLiteral("gpu"), palette()), tr("Deploy…"), this);
    m_deployAction->setObjectName(QStringLiteral("deployModelAction"));
    m_deployAction->setToolTip(tr("Deploy this model onto a GPU node"));
    m_deployAction->setEnabled(false);
    connect(m_deployAction, &QAction::triggered, this, &ModelsPage::openDeployWizard);
    m_deployButton = new QToolButton(detail);
    m_deployButton->setObjectName(QStringLiteral("deployModelButton"));
    m_deployButton->setDefaultAction(m_deployAction);
    m_deployButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_deployButton->setVisible(false);
    titleRow->addWidget(m_deployButton);
    auto* deleteButton = new QToolButton(detail);
    deleteButton->setDefaultAction(m_deleteAction);
    deleteButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    titleRow->addWidget(deleteButton);
    detailContent->addLayout(titleRow);
    m_detailSubtitle = new QLabel(detail);
    m_detailSubtitle->setWordWrap(true);
    m_captions.append(m_detailSubtitle);
    detailContent->addWidget(m_detailSubtitle);

    const Theme::DetailColumns columns = Theme::addDetailColumns(detailContent);
    QVBoxLayout* left = columns.left;
    QVBoxLayout* right = columns.right;
    QFormLayout* form = columns.form;
    addField(form, QStringLiteral("source"), tr("Source"));
    addField(form, QStringLiteral("task"), tr("Task"));
    addField(form, QStringLiteral("framework"), tr("Framework"));
    addField(form, QStringLiteral("format"), tr("Format"));
    addField(form, QStringLiteral("parameters"), tr("Parameters"));
    addField(form, QStringLiteral("dtype"), tr("Data type"));
    addField(form, QStringLiteral("context"), tr("Context length"));
    addField(form, QStringLiteral("size"), tr("Size"));
    addField(form, QStringLiteral("gpu"), tr("Min. GPU memory"));
    addField(form, QStringLiteral("license"), tr("License"));
    addField(form, QStringLiteral("storage"), tr("Stored at"));
    addField(form, QStringLiteral("cachedOn"), tr("Cached on"));
    m_form = form;
    form->setRowVisible(m_fields.value(QStringLiteral("cachedOn")), m_nodeService != nullptr);
    m_fields.value(QStringLiteral("source"))->setTextFormat(Qt::RichText);
    m_fields.value(QStringLiteral("source"))->setOpenExternalLinks(true);
    m_fields.value(QStringLiteral("source"))->setTextInteractionFlags(Qt::TextBrowserInteraction);
    left->addStretch(1);

    right->addWidget(Theme::sectionTitle(tr("Versions"), detail, 1.0));
    m_versions = makeDetailTable({ tr("Version"), tr("Commit"), tr("Revision"), tr("Size"), tr("Added") }, detail);
    m_versions->setObjectName(QStringLiteral("modelVersions"));
    m_versions->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_versions->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    right->addWidget(m_versions);
    m_filesTitle = Theme::sectionTitle(tr("Files"), detail, 1.0);
    right->addWidget(m_filesTitle);
    m_files = makeDetailTable({ tr("File"), tr("Size"), tr("SHA-256") }, detail);
    m_files->setObjectName(QStringLiteral("modelFiles"));
    right->addWidget(m_files, 1);

    detailCard->setMinimumHeight(260);
    tableCard->setMinimumHeight(140);
    splitter->addWidget(tableCard);
    splitter->addWidget(detailCard);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 240, 420 });

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ModelsPage::onSelectionChanged);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (!m_table->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        if (m_deploymentService)
            menu.addAction(m_deployAction);
        menu.addAction(m_deleteAction);
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_filter, signal, this, &ModelsPage::onModelsChanged);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ModelsPage::onModelsChanged);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &ModelsPage::onModelsChanged);
    connect(m_models, &QAbstractItemModel::dataChanged, this, &ModelsPage::onModelsChanged);

    for (auto signal : { &QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved })
        connect(m_downloads, signal, this, &ModelsPage::rebuildDownloadRows);
    connect(m_downloads, &QAbstractItemModel::modelReset, this, &ModelsPage::rebuildDownloadRows);
    connect(
        m_downloads, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& from, const QModelIndex& to) {
            for (int row = from.row(); row <= to.row(); ++row)
                updateDownloadRow(row);
            updateHeader();
        });
    if (m_nodeService) {
        connect(m_nodeService, &controller::NodeService::modelCacheChanged, this, &ModelsPage::updateNodeCacheInfo);
        connect(m_nodeService, &controller::NodeService::nodesChanged, this, &ModelsPage::updateNodeCacheInfo);
        connect(m_nodeService, &controller::NodeService::nodeRemoved, this, &ModelsPage::updateNodeCacheInfo);
        connect(m_nodeService,
                &controller::NodeService::operationFailed,
                this,
                [this](const QString& operation, const aiops::Error& error) {
                    if (operation == QLatin1String("cacheModel"))
                        showMessage(tr("Could not copy the model to the node: %1").arg(error.message), true);
                });
    }
    connect(m_service, &registry::ModelService::importFinished, this, &ModelsPage::onImportFinished);
    connect(m_service, &registry::ModelService::operationFailed, this, &ModelsPage::onOperationFailed);

    updateColors();
    rebuildDownloadRows();
    onModelsChanged();
    onSelectionChanged();
}

ModelsPage::~ModelsPage()
{
    qDeleteAll(m_rows);
}

void ModelsPage::setDeleteConfirmation(DeleteConfirmation confirm)
{
    m_deleteConfirmation = std::move(confirm);
}

void ModelsPage::setCancelConfirmation(CancelConfirmation confirm)
{
    m_cancelConfirmation = std::move(confirm);
}

void ModelsPage::setImportDirectoryPrompt(DirectoryPrompt prompt)
{
    m_directoryPrompt = std::move(prompt);
}

void ModelsPage::setDeploymentService(controller::DeploymentService* deployments)
{
    m_deploymentService = deployments;
    m_deployButton->setVisible(deployments != nullptr);
    onSelectionChanged();
}

DeployWizard* ModelsPage::openDeployWizard()
{
    const QString modelId = selectedModelId();
    if (!m_deploymentService || modelId.isEmpty())
        return nullptr;
    auto* wizard = new DeployWizard(m_deploymentService, m_service, m_nodeService, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    wizard->selectModel(modelId);
    wizard->show();
    return wizard;
}

QLabel* ModelsPage::addField(QFormLayout* form, const QString& key, const QString& label)
{
    auto* caption = new QLabel(label, this);
    m_captions.append(caption);
    auto* value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    form->addRow(caption, value);
    m_fields.insert(key, value);
    return value;
}

QPushButton* ModelsPage::emptyStateAddButton() const
{
    return m_empty->actionButton();
}

bool ModelsPage::isShowingEmptyState() const
{
    return m_stack->currentWidget() == m_empty;
}

bool ModelsPage::isShowingDownloads() const
{
    return !m_downloadsCard->isHidden();
}

QWidget* ModelsPage::downloadRow(const QString& jobId) const
{
    for (const DownloadRow* row : m_rows) {
        if (row->jobId == jobId)
            return row->widget;
    }
    return nullptr;
}

QString ModelsPage::messageText() const
{
    return m_messageBox->isHidden() ? QString() : m_message->text();
}

QString ModelsPage::detailText(const QString& field) const
{
    const QLabel* label = m_fields.value(field);
    if (!label)
        return {};
    return field == QLatin1String("source") ? label->toolTip() : label->text();
}

QString ModelsPage::selectedModelId() const
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(ModelTableModel::ModelIdRole).toString();
}

bool ModelsPage::selectModel(const QString& modelId)
{
    const int sourceRow = m_models->rowOf(modelId);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_filter->mapFromSource(m_models->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows | QItemSelectionModel::Current);
    m_table->scrollTo(index);
    return true;
}

void ModelsPage::onSelectionChanged()
{
    const QString id = selectedModelId();
    showDetail(id.isEmpty() ? std::nullopt : m_models->modelAt(m_models->rowOf(id)));
}

void ModelsPage::onModelsChanged()
{
    const int total = m_models->rowCount();
    m_stack->setCurrentIndex(total == 0 ? 0 : 1);
    m_tableStack->setCurrentIndex(total > 0 && m_filter->rowCount() == 0 ? 1 : 0);
    // Keep the detail panel on the shown model (it may have changed) or clear it when it is gone.
    if (!m_shownModelId.isEmpty()) {
        const int row = m_models->rowOf(m_shownModelId);
        if (row < 0 || selectedModelId() != m_shownModelId)
            onSelectionChanged();
        else
            showDetail(m_models->modelAt(row));
    }
    updateHeader();
}

void ModelsPage::updateHeader()
{
    const int total = m_models->rowCount();
    const int downloading = m_downloads->activeCount();
    if (total == 0 && downloading == 0) {
        m_subtitle = tr("Models from HuggingFace, ready to deploy to your nodes");
    } else {
        QStringList parts { tr("%n model(s)", nullptr, total) };
        if (total > 0)
            parts.append(ModelTableModel::sizeMbText(m_models->totalSizeMb()));
        if (downloading > 0)
            parts.append(tr("%n downloading", nullptr, downloading));
        m_subtitle = parts.join(QStringLiteral(" · "));
    }
    m_header->setSubtitle(m_subtitle);
}

void ModelsPage::showDetail(const std::optional<registry::ModelRecord>& model)
{
    m_deleteAction->setEnabled(model.has_value());
    m_deployAction->setEnabled(m_deploymentService && model && model->status == QLatin1String("ready"));
    m_shownModelId = model ? model->modelId : QString();
    updateNodeCacheInfo();
    if (!model) {
        m_detailStack->setCurrentIndex(0);
        return;
    }
    m_detailStack->setCurrentIndex(1);
    const registry::ModelRecord& m = *model;
    const QLocale locale;
    const QString dash = models::Format::dash();
    m_detailTitle->setText(m.name.isEmpty() ? m.modelId : m.name);
    QStringList subtitle { m.modelId, ModelTableModel::statusText(m.status) };
    if (m.createdAt.isValid())
        subtitle.append(tr("added %1").arg(locale.toString(m.createdAt.toLocalTime(), QLocale::ShortFormat)));
    m_detailSubtitle->setText(subtitle.join(QStringLiteral(" · ")));

    QLabel* source = m_fields.value(QStringLiteral("source"));
    if (m.sourceUrl.isEmpty()) {
        source->setText(m.source.isEmpty() ? dash : m.source);
        source->setToolTip({});
    } else {
        source->setText(
            QStringLiteral("<a href=\"%1\" style=\"color:%3\">%2</a>")
                .arg(m.sourceUrl.toHtmlEscaped(),
                     (m.source == QLatin1String("huggingface") ? tr("HuggingFace: %1").arg(m.name) : m.sourceUrl)
                         .toHtmlEscaped(),
                     Theme::accentColor(palette()).name()));
        source->setToolTip(m.sourceUrl);
    }
    auto set = [this](const char* key, const QString& value) {
        m_fields.value(QLatin1String(key))->setText(value);
    };
    set("task", ModelTableModel::taskText(m.task));
    set("framework", ModelTableModel::frameworkText(m.framework));
    set("format", m.modelFormat.isEmpty() ? dash : m.modelFormat);
    set("parameters",
        m.parameters > 0
            ? tr("%1 (%2)").arg(ModelTableModel::parametersText(m.parameters), locale.toString(m.parameters))
            : dash);
    set("dtype", m.dtype.isEmpty() ? dash : m.dtype);
    set("context", m.contextLength > 0 ? tr("%1 tokens").arg(locale.toString(m.contextLength)) : dash);
    set("size", ModelTableModel::sizeMbText(m.sizeMb));
    set("gpu", m.minGpuMemory > 0 ? models::Format::mebibytes(m.minGpuMemory) : dash);
    set("license", m.license.isEmpty() ? tr("Not stated") : m.license);
    set("storage", m.minioPath.isEmpty() ? dash : m.minioPath);

    const QList<registry::ModelVersion> versions = m_service->versions(m.modelId);
    m_versions->setRowCount(int(versions.size()));
    for (int row = 0; row < versions.size(); ++row) {
        const registry::ModelVersion& v = versions.at(row);
        m_versions->setItem(row, 0, new QTableWidgetItem(v.version));
        auto* commit = new QTableWidgetItem(v.commitSha.left(12));
        commit->setToolTip(v.commitSha);
        commit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_versions->setItem(row, 1, commit);
        m_versions->setItem(row, 2, new QTableWidgetItem(v.revision));
        m_versions->setItem(row, 3, rightAligned(DownloadListModel::bytesText(v.sizeBytes)));
        m_versions->setItem(row,
                            4,
                            new QTableWidgetItem(v.createdAt.isValid() ? locale.toString(
                                                     v.createdAt.toLocalTime().date(), QLocale::ShortFormat)
                                                                       : dash));
    }
    const int shownRows = std::clamp(int(versions.size()), 1, 4);
    m_versions->setFixedHeight(m_versions->horizontalHeader()->sizeHint().height()
                               + shownRows * m_versions->verticalHeader()->defaultSectionSize()
                               + 2 * m_versions->frameWidth() + 2);
    const QList<registry::ModelFile> files = m_service->files(m.modelId);
    m_filesTitle->setText(tr("Files (%n)", nullptr, int(files.size())));
    m_files->setRowCount(int(files.size()));
    for (int row = 0; row < files.size(); ++row) {
        const registry::ModelFile& f = files.at(row);
        m_files->setItem(row, 0, new QTableWidgetItem(f.path));
        m_files->setItem(row, 1, rightAligned(DownloadListModel::bytesText(f.size)));
        auto* sha = new QTableWidgetItem(f.sha256.isEmpty() ? dash : f.sha256.left(12));
        sha->setToolTip(f.sha256);
        sha->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_files->setItem(row, 2, sha);
    }
}

void ModelsPage::updateNodeCacheInfo()
{
    QStringList cachedOn;
    QStringList copying;
    bool anyOnline = false;
    if (m_nodeService) {
        for (const nodes::NodeInfo& node : m_nodeService->nodes()) {
            anyOnline = anyOnline || node.record.status == QLatin1String("online");
            if (m_shownModelId.isEmpty())
                continue;
            const auto cache = m_nodeService->modelCache(node.nodeId());
            if (!cache)
                continue;
            const QString name = node.record.name.isEmpty() ? node.nodeId() : node.record.name;
            if (cache->contains(m_shownModelId)) {
                cachedOn.append(name);
                continue;
            }
            for (const controller::NodeCacheRequest& r : cache->requests) {
                if (r.modelId == m_shownModelId && !r.isEviction() && !r.isFinal()) {
                    copying.append(r.status == QLatin1String("downloading")
                                       ? tr("%1 (%2)").arg(name, models::Format::percent(r.progress))
                                       : name);
                    break;
                }
            }
        }
    }
    const bool selected = !m_shownModelId.isEmpty();
    m_copyToNodeAction->setEnabled(selected && anyOnline);
    m_copyToNodeAction->setToolTip(
        !m_nodeService  ? QString()
            : anyOnline ? tr("Download the model into an online node's cache now, so a deployment there starts "
                             "without waiting")
                        : tr("No node is online. Start a node's daemon to copy models to it."));
    QLabel* field = m_fields.value(QStringLiteral("cachedOn"));
    QString text = cachedOn.isEmpty() ? tr("Not cached on any node") : cachedOn.join(QStringLiteral(", "));
    if (!copying.isEmpty())
        text += QStringLiteral(" · ") + tr("copying to %1").arg(copying.join(QStringLiteral(", ")));
    field->setText(text);
}

CopyToNodeDialog* ModelsPage::openCopyToNodeDialog()
{
    const QString id = selectedModelId();
    const auto model = m_models->modelAt(m_models->rowOf(id));
    if (!m_nodeService || !model || !m_copyToNodeAction->isEnabled())
        return nullptr;
    auto* dialog = new CopyToNodeDialog(m_nodeService, id, model->name, model->sizeMb, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
        const QString nodeId = dialog->selectedNodeId();
        if (!nodeId.isEmpty() && m_nodeService)
            m_nodeService->cacheModelOnNode(nodeId, id);
    });
    dialog->open();
    return dialog;
}

void ModelsPage::onDeleteTriggered()
{
    const QString id = selectedModelId();
    const auto model = m_models->modelAt(m_models->rowOf(id));
    if (!model)
        return;
    if (!m_deleteConfirmation(this, model->name.isEmpty() ? id : model->name, model->sizeMb))
        return;
    m_service->removeModel(id);
}

AddModelDialog* ModelsPage::openAddDialog()
{
    auto* dialog = new AddModelDialog(m_service, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddModelDialog::downloadStarted, this, &ModelsPage::downloadStarted);
    dialog->open();
    return dialog;
}

void ModelsPage::importCache()
{
    const QString directory = m_directoryPrompt(this);
    if (directory.isEmpty())
        return;
    showMessage(tr("Importing the models of %1…").arg(QDir::toNativeSeparators(directory)), false);
    m_service->importCache(directory);
}

void ModelsPage::onImportFinished(int modelsImported, const QStringList& warnings)
{
    QString text = modelsImported == 0 ? tr("No models were found to import.")
                                       : tr("Imported %n model(s).", nullptr, modelsImported);
    if (!warnings.isEmpty())
        text += QLatin1Char(' ')
            + tr("%n warning(s): %1", nullptr, int(warnings.size())).arg(warnings.join(QStringLiteral("; ")));
    showMessage(text, !warnings.isEmpty() && modelsImported == 0);
}

void ModelsPage::onOperationFailed(const QString& operation, const aiops::Error& error)
{
    QString what;
    if (operation == QLatin1String("removeModel"))
        what = tr("Could not delete the model");
    else if (operation == QLatin1String("importCache"))
        what = tr("Could not import the HuggingFace cache");
    else
        what = tr("The operation “%1” failed").arg(operation);
    showMessage(tr("%1: %2").arg(what, DownloadListModel::errorText(error.codeName(), error.message)), true);
}

void ModelsPage::showMessage(const QString& text, bool error)
{
    m_messageIsError = error;
    m_message->setText(text);
    m_messageBox->setVisible(true);
    updateColors();
}

void ModelsPage::cancelDownload(const QString& jobId)
{
    const auto job = m_downloads->jobAt(m_downloads->rowOf(jobId));
    if (!job || !m_cancelConfirmation(this, job->repo))
        return;
    if (auto result = m_service->cancelDownload(jobId); !result)
        showMessage(tr("Could not cancel the download: %1").arg(result.error().message), true);
}

void ModelsPage::retryDownload(const QString& jobId)
{
    const auto job = m_downloads->jobAt(m_downloads->rowOf(jobId));
    if (!job)
        return;
    auto started = m_service->startDownload(job->repo, job->revision, job->framework);
    if (!started) {
        showMessage(tr("Could not restart the download: %1")
                        .arg(DownloadListModel::errorText(started.error().codeName(), started.error().message)),
                    true);
        return;
    }
    m_downloads->dismiss(jobId);
    Q_EMIT downloadStarted(*started);
}

void ModelsPage::rebuildDownloadRows()
{
    // Later, not now: the rows are rebuilt from inside the click of one of their buttons.
    for (DownloadRow* r : std::as_const(m_rows)) {
        r->widget->hide();
        m_downloadRows->removeWidget(r->widget);
        r->widget->deleteLater();
    }
    qDeleteAll(m_rows);
    m_rows.clear();
    for (int i = 0; i < m_downloads->rowCount(); ++i) {
        auto* r = new DownloadRow;
        r->jobId = m_downloads->index(i).data(DownloadListModel::JobIdRole).toString();
        r->widget = new QWidget(m_downloadsCard);
        r->widget->setObjectName(QStringLiteral("download-") + r->jobId);
        auto* rowLayout = new QHBoxLayout(r->widget);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->setSpacing(Theme::kSpacingL);
        auto* text = new QVBoxLayout;
        text->setSpacing(Theme::kSpacingS / 2);
        auto* top = new QHBoxLayout;
        r->name = new QLabel(r->widget);
        QFont bold = r->name->font();
        bold.setWeight(QFont::DemiBold);
        r->name->setFont(bold);
        top->addWidget(r->name);
        top->addStretch(1);
        r->state = new QLabel(r->widget);
        top->addWidget(r->state);
        text->addLayout(top);
        r->progress = new QProgressBar(r->widget);
        r->progress->setRange(0, 1000);
        r->progress->setTextVisible(false);
        r->progress->setFixedHeight(8);
        text->addWidget(r->progress);
        r->details = new QLabel(r->widget);
        text->addWidget(r->details);
        r->errorBox = new QWidget(r->widget);
        auto* errorLayout = new QHBoxLayout(r->errorBox);
        errorLayout->setContentsMargins(0, 0, 0, 0);
        errorLayout->setSpacing(Theme::kSpacingS);
        r->errorIcon = new QLabel(r->errorBox);
        errorLayout->addWidget(r->errorIcon, 0, Qt::AlignTop);
        r->error = new QLabel(r->errorBox);
        r->error->setObjectName(QStringLiteral("downloadError"));
        r->error->setWordWrap(true);
        r->error->setTextInteractionFlags(Qt::TextSelectableByMouse);
        errorLayout->addWidget(r->error, 1);
        text->addWidget(r->errorBox);
        rowLayout->addLayout(text, 1);

        r->cancel = new QPushButton(tr("Cancel"), r->widget);
        r->cancel->setObjectName(QStringLiteral("cancelDownloadButton"));
        r->cancel->setToolTip(tr("Stop this download and delete what was downloaded so far"));
        r->retry = new QPushButton(tr("Retry"), r->widget);
        r->retry->setObjectName(QStringLiteral("retryDownloadButton"));
        r->dismiss = new QToolButton(r->widget);
        r->dismiss->setObjectName(QStringLiteral("dismissDownloadButton"));
        r->dismiss->setAutoRaise(true);
        r->dismiss->setText(QStringLiteral("✕"));
        r->dismiss->setToolTip(tr("Remove from the list"));
        rowLayout->addWidget(r->cancel, 0, Qt::AlignVCenter);
        rowLayout->addWidget(r->retry, 0, Qt::AlignVCenter);
        rowLayout->addWidget(r->dismiss, 0, Qt::AlignVCenter);
        const QString jobId = r->jobId;
        connect(r->cancel, &QPushButton::clicked, this, [this, jobId] { cancelDownload(jobId); });
        connect(r->retry, &QPushButton::clicked, this, [this, jobId] { retryDownload(jobId); });
        connect(r->dismiss, &QToolButton::clicked, this, [this, jobId] { m_downloads->dismiss(jobId); });
        m_downloadRows->addWidget(r->widget);
        m_rows.append(r);
        updateDownloadRow(i);
    }
    m_downloadsCard->setVisible(!m_rows.isEmpty());
    updateDownloadButtons();
    updateColors();
    updateHeader();
}

void ModelsPage::updateDownloadRow(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    DownloadRow* r = m_rows.at(row);
    const QModelIndex index = m_downloads->index(row);
    const QString state = index.data(DownloadListModel::StateRole).toString();
    const bool failed = state == QLatin1String("failed");
    r->name->setText(index.data(Qt::DisplayRole).toString());
    r->name->setToolTip(index.data(Qt::ToolTipRole).toString());
    const QVariant fraction = index.data(DownloadListModel::FractionRole);
    r->state->setText(fraction.isValid() && !failed ? models::Format::percent(fraction.toDouble() * 100.0)
                                                    : DownloadListModel::stateText(state));
    r->progress->setVisible(!failed);
    // Busy bar while the total is not known yet.
    r->progress->setRange(0, fraction.isValid() || state != QLatin1String("running") ? 1000 : 0);
    r->progress->setValue(fraction.isValid() ? int(fraction.toDouble() * 1000) : 0);
    QStringList details { index.data(DownloadListModel::ProgressTextRole).toString() };
    const QString rate = index.data(DownloadListModel::RateTextRole).toString();
    if (!rate.isEmpty() && rate != details.first())
        details.append(rate);
    r->details->setText(details.join(QStringLiteral(" · ")));
    r->details->setVisible(!failed);
    r->error->setText(index.data(DownloadListModel::ErrorTextRole).toString());
    r->errorBox->setVisible(failed);
    r->cancel->setVisible(!failed);
    r->retry->setVisible(failed);
    r->dismiss->setVisible(failed);
}

void ModelsPage::updateDownloadButtons()
{
    const bool allowed = m_manageDownloads->isEnabled();
    for (DownloadRow* r : std::as_const(m_rows)) {
        for (QAbstractButton* button :
             { static_cast<QAbstractButton*>(r->cancel), static_cast<QAbstractButton*>(r->retry) }) {
            button->setEnabled(allowed);
            if (!allowed)
                button->setToolTip(m_manageDownloads->toolTip());
        }
    }
}

void ModelsPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateColors();
        if (!m_shownModelId.isEmpty())
            showDetail(m_models->modelAt(m_models->rowOf(m_shownModelId))); // the link colour
    }
}

void ModelsPage::updateColors()
{
    const QColor subtle = Theme::subtleText(palette());
    const QColor error = Theme::errorText(palette());
    auto colorize = [](QLabel* label, const QColor& color) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, color);
        label->setPalette(p);
    };
    for (QLabel* label : std::as_const(m_captions))
        colorize(label, subtle);
    const QPixmap alert = Theme::icon(QStringLiteral("alert"), error).pixmap(16, 16);
    for (DownloadRow* r : std::as_const(m_rows)) {
        colorize(r->details, subtle);
        colorize(r->state, subtle);
        colorize(r->error, error);
        r->errorIcon->setPixmap(alert);
    }
    colorize(m_message, m_messageIsError ? error : palette().color(QPalette::WindowText));
    m_messageIcon->setPixmap(
        m_messageIsError ? alert : Theme::icon(QStringLiteral("check"), Theme::accentColor(palette())).pixmap(16, 16));
}

} // namespace aiops::widgets
