#pragma once

#include <QString>

namespace aiops::deploy {

// MiB as the GiB text the selector and allowlist messages use: one decimal, none when whole
// ("7.5 GiB", "16 GiB"). Negative values keep their sign.
QString formatGiB(qint64 mib);

} // namespace aiops::deploy
