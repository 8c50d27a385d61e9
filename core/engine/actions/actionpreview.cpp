// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/actions/actionpreview.h"

#include "domain/jsonwrite.h"

using namespace Qt::StringLiterals;

namespace delegate {

QJsonObject ActionPreview::toJson() const
{
    return {
        { u"kind"_s, enumToString(kind) },
        { u"ready"_s, ready },
        { u"summary"_s, summary },
        { u"problems"_s, json::array(problems) },
        { u"requests"_s, json::array(requests) },
        { u"details"_s, details },
    };
}

} // namespace delegate
