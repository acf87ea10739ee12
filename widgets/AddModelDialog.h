#pragma once

#include "core/protocol/Error.h"
#include "core/registry/ModelTypes.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace aiops::registry {
class ModelService;
}

namespace aiops::widgets {

// "Add from HuggingFace": the user names a repo and a revision, previews what would be downloaded
// (files, size, parameters, dtype, estimated GPU memory, license) and starts the download. Nothing is
// downloaded before the preview; the Download button is enabled only for the previewed repo.
class AddModelDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddModelDialog)
public:
    explicit AddModelDialog(registry::ModelService* service, QWidget* parent = nullptr);
    ~AddModelDialog() override;

    // "org/name" from "org/name" or a huggingface.co URL (…/org/name, …/org/name/tree/rev); empty when
    // the text is neither.
    static QString normalizeRepo(const QString& text);

    void setRepo(const QString& repo);
    QLineEdit* repoEdit() const { return m_repo; }
    QLineEdit* revisionEdit() const { return m_revision; }
    QPushButton* previewButton() const { return m_previewButton; }
    QPushButton* downloadButton() const { return m_downloadButton; }
    QComboBox* frameworkCombo() const { return m_framework; }
    QTableWidget* filesTable() const { return m_files; }
    bool isBusy() const;
    bool isShowingPreview() const;
    QString errorText() const; // empty when no error is shown
    QString startedJobId() const { return m_jobId; } // set once Download started a job

public Q_SLOTS:
    void requestPreview();

Q_SIGNALS:
    void downloadStarted(const QString& jobId);

private:
    void onPreviewReady(const QString& requestId, const aiops::registry::ModelPreview& preview);
    void onPreviewFailed(const QString& requestId, const aiops::Error& error);
    void onInputChanged();
    void onDownloadClicked();
    void showError(const QString& text);
    void setBusy(bool busy);
    void updateButtons();
    QLabel* addField(QFormLayout* form, const QString& label);

    registry::ModelService* m_service;
    QString m_requestId;
    std::optional<registry::ModelPreview> m_preview;
    QString m_previewedRepo;
    QString m_previewedRevision;
    QString m_jobId;

    QLineEdit* m_repo;
    QLineEdit* m_revision;
    QPushButton* m_previewButton;
    QProgressBar* m_busy;
    QLabel* m_busyLabel;
    QWidget* m_errorBox;
    QLabel* m_errorIcon;
    QLabel* m_error;
    QWidget* m_previewPanel;
    QLabel* m_title;
    QLabel* m_filesValue;
    QLabel* m_sizeValue;
    QLabel* m_parametersValue;
    QLabel* m_dtypeValue;
    QLabel* m_contextValue;
    QLabel* m_taskValue;
    QComboBox* m_framework;
    QLabel* m_gpuValue;
    QLabel* m_licenseValue;
    QLabel* m_gatedWarning;
    QTableWidget* m_files;
    QPushButton* m_downloadButton;
    QList<QLabel*> m_captions;
};

} // namespace aiops::widgets
