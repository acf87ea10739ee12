#include "core/deploy/ByteUnits.h"

using namespace Qt::StringLiterals;

namespace aiops::deploy {

QString formatGiB(qint64 mib)
{
    QString text = QString::number(static_cast<double>(mib) / 1024.0, 'f', 1);
    if (text.endsWith(u".0"_s))
        text.chop(2);
    if (text == u"-0"_s)
        text = u"0"_s;
    return text + u" GiB"_s;
}

} // namespace aiops::deploy
