#pragma once

#include "core/protocol/Error.h"

#include <QString>

namespace aiops::daemon {

// The node's stable id, kept in <workDir>/node-id so that a restarted daemon is the same node to
// the controller. Created once ("node-" + 12 hex digits), written atomically with mode 0600.
class NodeIdentity final
{
public:
    explicit NodeIdentity(QString workDir);

    // Reads the id, creating the directory and the file on first use. An existing file whose
    // content is not a valid id is an error, never silently replaced: the controller knows this
    // node by it.
    Result<QString> loadOrCreate() const;

    QString filePath() const;
    static bool isValidId(const QString& id);
    static QString generateId();

private:
    QString m_workDir;
};

} // namespace aiops::daemon
