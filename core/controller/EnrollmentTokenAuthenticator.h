#pragma once

#include "core/controller/Authenticator.h"

#include <QByteArray>

namespace aiops::controller {

// The interim credential until IAM lands: one random enrollment token, generated on first start and
// kept in <dataDir>/enrollment-token with mode 0600. Both node daemons and REST callers present it.
class EnrollmentTokenAuthenticator final : public Authenticator
{
public:
    static Result<EnrollmentTokenAuthenticator> loadOrCreate(const QString& dataDir);
    explicit EnrollmentTokenAuthenticator(QByteArray token);

    Result<Principal> authenticate(QByteArrayView credential, Audience audience) const override;
    const QByteArray& token() const { return m_token; }

private:
    QByteArray m_token;
};

} // namespace aiops::controller
