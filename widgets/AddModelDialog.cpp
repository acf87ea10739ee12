#include "widgets/AddModelDialog.h"

#include "core/registry/ModelService.h"
#include "models/DownloadListModel.h"
#include "models/Format.h"
#include "models/ModelTableModel.h"
#include "widgets/Theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace aiops::widgets {

using models::DownloadListModel;
using models::ModelTableModel;

namespace {

const QRegularExpression& repoPattern()
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"));
    return pattern;
}

void setCaptionColor(QLabel* label, const QPalette& palette)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, Theme::subtleText(palette));
    label->setPalette(p);
}

} // namespace

AddModelDialog::AddModelDialog(registry::ModelService* service, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
{
    setWindowTitle(tr("Add model from HuggingFace"));
    setMinimumWidth(640);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingXL, Theme::kSpacingL);
    layout->setSpacing(Theme::kSpacingM);

    auto* intro = new QLabel(tr("Name a HuggingFace repository. The console reads its file list and configuration "
                                "first, so you see the size and GPU memory it needs before anything is downloaded."),
                             this);
    intro->setWordWrap(true);
    m_captions.append(intro);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(Theme::kSpacingL);
    form->setVerticalSpacing(Theme::kSpacingS);
    m_repo = new QLineEdit(this);
    m_repo->setObjectName(QStringLiteral("repoEdit"));
    m_repo->setPlaceholderText(tr("org/name or https://huggingface.co/org/name"));
    m_repo->setClearButtonEnabled(true);
    form->addRow(tr("&Repository:"), m_repo);
    auto* revisionRow = new QHBoxLayout;
    revisionRow->setSpacing(Theme::kSpacingS);
    m_revision = new QLineEdit(QStringLiteral("main"), this);
    m_revision->setObjectName(QStringLiteral("revisionEdit"));
    m_revision->setToolTip(tr("A branch, tag or commit of the repository"));
    revisionRow->addWidget(m_revision, 1);
    m_previewButton = new QPushButton(Theme::paletteIcon(QStringLiteral("search"), palette()), tr("&Preview"), this);
    m_previewButton->setObjectName(QStringLiteral("previewButton"));
    m_previewButton->setAutoDefault(true);
    m_previewButton->setDefault(true);
    revisionRow->addWidget(m_previewButton);
    auto* revisionLabel = new QLabel(tr("Re&vision:"), this);
    revisionLabel->setBuddy(m_revision);
    form->addRow(revisionLabel, revisionRow);
    layout->addLayout(form);

    // Busy indicator while the Hub answers.
    auto* busyRow = new QHBoxLayout;
    busyRow->setSpacing(Theme::kSpacingS);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumSize(120, 8);
    m_busy->setAccessibleName(tr("Reading the repository"));
    busyRow->addWidget(m_busy);
    m_busyLabel = new QLabel(tr("Reading the file list and configuration…"), this);
    m_captions.append(m_busyLabel);
    busyRow->addWidget(m_busyLabel, 1);
    layout->addLayout(busyRow);

    // Errors: red text with an icon, never colour alone.
    m_errorBox = new QWidget(this);
    auto* errorLayout = new QHBoxLayout(m_errorBox);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    errorLayout->setSpacing(Theme::kSpacingS);
    m_errorIcon = new QLabel(m_errorBox);
    errorLayout->addWidget(m_errorIcon, 0, Qt::AlignTop);
    m_error = new QLabel(m_errorBox);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errorLayout->addWidget(m_error, 1);
    layout->addWidget(m_errorBox);

    // The preview.
    m_previewPanel = new QWidget(this);
    auto* previewLayout = new QVBoxLayout(m_previewPanel);
    previewLayout->setContentsMargins(0, Theme::kSpacingS, 0, 0);
    previewLayout->setSpacing(Theme::kSpacingM);
    m_title = Theme::sectionTitle(QString(), m_previewPanel, 1.0);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    previewLayout->addWidget(m_title);
    auto* columns = new QHBoxLayout;
    columns->setSpacing(Theme::kSpacingXL);
    auto* left = new QFormLayout;
    left->setHorizontalSpacing(Theme::kSpacingL);
    left->setVerticalSpacing(Theme::kSpacingS);
    auto* right = new QFormLayout;
    right->setHorizontalSpacing(Theme::kSpacingL);
    right->setVerticalSpacing(Theme::kSpacingS);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    previewLayout->addLayout(columns);
    m_sizeValue = addField(left, tr("Total size"));
    m_parametersValue = addField(left, tr("Parameters"));
    m_dtypeValue = addField(left, tr("Data type"));
    m_contextValue = addField(left, tr("Context length"));
    m_gpuValue = addField(right, tr("Estimated GPU memory"));
    m_taskValue = addField(right, tr("Task"));
    m_framework = new QComboBox(m_previewPanel);
    m_framework->setObjectName(QStringLiteral("frameworkCombo"));
    m_framework->setEditable(true);
    m_framework->addItems({ QStringLiteral("vllm"), QStringLiteral("triton"), QStringLiteral("custom") });
    m_framework->setToolTip(tr("The serving framework suggested from the model's format; you can change it"));
    auto* frameworkCaption = new QLabel(tr("Framework"), m_previewPanel);
    m_captions.append(frameworkCaption);
    right->addRow(frameworkCaption, m_framework);
    m_licenseValue = addField(right, tr("License"));
    m_gatedWarning = new QLabel(m_previewPanel);
    m_gatedWarning->setObjectName(QStringLiteral("gatedWarning"));
    m_gatedWarning->setWordWrap(true);
    m_gatedWarning->setText(tr("⚠ This model is gated: accept its license on huggingface.co with the account of your "
                               "HuggingFace token, or the download is refused."));
    previewLayout->addWidget(m_gatedWarning);

    m_filesValue = Theme::sectionTitle(QString(), m_previewPanel, 1.0);
    previewLayout->addWidget(m_filesValue);
    m_files = new QTableWidget(0, 2, m_previewPanel);
    m_files->setObjectName(QStringLiteral("previewFiles"));
    m_files->setHorizontalHeaderLabels({ tr("File"), tr("Size") });
    m_files->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_files->setSelectionMode(QAbstractItemView::NoSelection);
    m_files->setFocusPolicy(Qt::NoFocus);
    m_files->setShowGrid(false);
    m_files->verticalHeader()->setVisible(false);
    m_files->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    m_files->horizontalHeader()->setHighlightSections(false);
    m_files->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_files->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_files->setMinimumHeight(140);
    previewLayout->addWidget(m_files, 1);
    layout->addWidget(m_previewPanel, 1);
    layout->addStretch(0);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(QDialogButtonBox::Cancel);
    m_downloadButton = buttons->addButton(tr("&Download"), QDialogButtonBox::AcceptRole);
    m_downloadButton->setObjectName(QStringLiteral("downloadButton"));
    Theme::makePrimary(m_downloadButton);
    m_downloadButton->setAutoDefault(false);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_downloadButton, &QPushButton::clicked, this, &AddModelDialog::onDownloadClicked);
    connect(m_previewButton, &QPushButton::clicked, this, &AddModelDialog::requestPreview);
    connect(m_repo, &QLineEdit::returnPressed, this, &AddModelDialog::requestPreview);
    connect(m_revision, &QLineEdit::returnPressed, this, &AddModelDialog::requestPreview);
    connect(m_repo, &QLineEdit::textChanged, this, &AddModelDialog::onInputChanged);
    connect(m_revision, &QLineEdit::textChanged, this, &AddModelDialog::onInputChanged);
    connect(m_service, &registry::ModelService::previewReady, this, &AddModelDialog::onPreviewReady);
    connect(m_service, &registry::ModelService::previewFailed, this, &AddModelDialog::onPreviewFailed);

    for (QLabel* label : std::as_const(m_captions))
        setCaptionColor(label, palette());
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::errorText(palette()));
    m_error->setPalette(errorPalette);
    m_errorIcon->setPixmap(Theme::icon(QStringLiteral("alert"), Theme::errorText(palette())).pixmap(16, 16));
    QPalette warningPalette = m_gatedWarning->palette();
    warningPalette.setColor(QPalette::WindowText, Theme::warningText(palette()));
    m_gatedWarning->setPalette(warningPalette);

    m_errorBox->setVisible(false);
    m_previewPanel->setVisible(false);
    setBusy(false);
    updateButtons();
}

AddModelDialog::~AddModelDialog() = default;

QLabel* AddModelDialog::addField(QFormLayout* form, const QString& label)
{
    auto* caption = new QLabel(label, m_previewPanel);
    m_captions.append(caption);
    auto* value = new QLabel(m_previewPanel);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(caption, value);
    return value;
}

QString AddModelDialog::normalizeRepo(const QString& text)
{
    QString candidate = text.trimmed();
    if (candidate.startsWith(QLatin1String("http://")) || candidate.startsWith(QLatin1String("https://"))) {
        const QUrl url(candidate);
        const QString host = url.host().toLower();
        if (host != QLatin1String("huggingface.co") && host != QLatin1String("www.huggingface.co")
            && host != QLatin1String("hf.co"))
            return {};
        const QStringList parts = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.size() < 2)
            return {};
        candidate = parts.at(0) + QLatin1Char('/') + parts.at(1);
    } else if (candidate.endsWith(QLatin1Char('/'))) {
        candidate.chop(1);
    }
    return repoPattern().match(candidate).hasMatch() ? candidate : QString();
}

void AddModelDialog::setRepo(const QString& repo)
{
    m_repo->setText(repo);
}

bool AddModelDialog::isBusy() const
{
    return !m_busy->isHidden();
}

bool AddModelDialog::isShowingPreview() const
{
    return !m_previewPanel->isHidden();
}

QString AddModelDialog::errorText() const
{
    return m_errorBox->isHidden() ? QString() : m_error->text();
}

void AddModelDialog::requestPreview()
{
    const QString repo = normalizeRepo(m_repo->text());
    if (repo.isEmpty()) {
        showError(tr("Enter a repository as org/name (for example Qwen/Qwen2.5-0.5B-Instruct) or paste its "
                     "huggingface.co address."));
        return;
    }
    // A URL like …/org/name/tree/v1.0 names its revision too.
    const QUrl url(m_repo->text().trimmed());
    const QStringList parts = url.path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (!url.host().isEmpty() && parts.size() >= 4 && parts.at(2) == QLatin1String("tree"))
        m_revision->setText(parts.at(3));
    QString revision = m_revision->text().trimmed();
    if (revision.isEmpty())
        revision = QStringLiteral("main");
    m_errorBox->setVisible(false);
    m_preview.reset();
    m_previewPanel->setVisible(false);
    m_previewedRepo = repo;
    m_previewedRevision = revision;
    setBusy(true);
    m_requestId = m_service->requestPreview(repo, revision);
    updateButtons();
}

void AddModelDialog::onPreviewReady(const QString& requestId, const aiops::registry::ModelPreview& preview)
{
    if (requestId != m_requestId)
        return; // an answer to an earlier question
    m_requestId.clear();
    setBusy(false);
    m_preview = preview;
    const QLocale locale;
    m_title->setText(preview.commitSha.isEmpty() ? preview.repo
                                                 : tr("%1 at %2").arg(preview.repo, preview.commitSha.left(12)));
    m_sizeValue->setText(DownloadListModel::bytesText(preview.totalBytes));
    m_parametersValue->setText(ModelTableModel::parametersText(preview.parameters));
    m_dtypeValue->setText(preview.dtype.isEmpty() ? models::Format::dash() : preview.dtype);
    m_contextValue->setText(preview.contextLength > 0 ? tr("%1 tokens").arg(locale.toString(preview.contextLength))
                                                      : models::Format::dash());
    m_gpuValue->setText(preview.minGpuMemoryMb > 0 ? models::Format::mebibytes(preview.minGpuMemoryMb)
                                                   : models::Format::dash());
    m_taskValue->setText(ModelTableModel::taskText(preview.task));
    m_framework->setCurrentText(preview.framework.isEmpty() ? QStringLiteral("custom") : preview.framework);
    m_licenseValue->setText(preview.license.isEmpty() ? tr("Not stated — check the model card") : preview.license);
    m_gatedWarning->setVisible(preview.gated);
    m_filesValue->setText(tr("%n file(s)", nullptr, int(preview.files.size())));
    m_files->setRowCount(int(preview.files.size()));
    for (int row = 0; row < preview.files.size(); ++row) {
        const registry::ModelFile& file = preview.files.at(row);
        auto* path = new QTableWidgetItem(file.path);
        path->setToolTip(file.sha256.isEmpty() ? file.path : tr("%1\nsha256 %2").arg(file.path, file.sha256));
        m_files->setItem(row, 0, path);
        auto* size = new QTableWidgetItem(DownloadListModel::bytesText(file.size));
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_files->setItem(row, 1, size);
    }
    m_previewPanel->setVisible(true);
    updateButtons();
    m_downloadButton->setFocus();
}

void AddModelDialog::onPreviewFailed(const QString& requestId, const aiops::Error& error)
{
    if (requestId != m_requestId)
        return;
    m_requestId.clear();
    setBusy(false);
    showError(DownloadListModel::errorText(error.codeName(), error.message));
    updateButtons();
}

void AddModelDialog::onInputChanged()
{
    // A preview belongs to one repo and revision; editing either asks for a new one.
    if (m_preview
        && (normalizeRepo(m_repo->text()) != m_previewedRepo
            || (m_revision->text().trimmed().isEmpty() ? QStringLiteral("main") : m_revision->text().trimmed())
                != m_previewedRevision)) {
        m_preview.reset();
        m_previewPanel->setVisible(false);
    }
    m_errorBox->setVisible(false);
    updateButtons();
}

void AddModelDialog::onDownloadClicked()
{
    if (!m_preview)
        return;
    QString framework = m_framework->currentText().trimmed().toLower();
    auto job = m_service->startDownload(m_previewedRepo, m_previewedRevision, framework);
    if (!job) {
        showError(DownloadListModel::errorText(job.error().codeName(), job.error().message));
        return;
    }
    m_jobId = *job;
    Q_EMIT downloadStarted(m_jobId);
    accept();
}

void AddModelDialog::showError(const QString& text)
{
    m_error->setText(text);
    m_errorBox->setVisible(true);
}

void AddModelDialog::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    m_busyLabel->setVisible(busy);
    m_previewButton->setEnabled(!busy);
}

void AddModelDialog::updateButtons()
{
    m_downloadButton->setEnabled(m_preview.has_value() && m_requestId.isEmpty());
    m_previewButton->setDefault(!m_preview.has_value());
    m_downloadButton->setDefault(m_preview.has_value());
}

} // namespace aiops::widgets
