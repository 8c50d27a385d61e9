// SPDX-License-Identifier: GPL-3.0-or-later
#include "alignmentfix.h"

#include "domain/environmentyaml.h"

namespace delegate {

std::optional<EnvironmentProfile> AlignmentFix::apply(const AlignmentFinding &finding,
                                                      const EnvironmentProfile &environment, QString *error)
{
    const auto fail = [&](const QString &message) -> std::optional<EnvironmentProfile> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QStringList path = finding.field.split(u'.');
    if (path.size() != 2 || path.first() != u"capabilities")
        return fail(QStringLiteral("the fix changes `%1`, which is not a capability").arg(finding.field));
    const QString &key = path.at(1);

    // The value is YAML as a person writes it under `capabilities:`; reading
    // it as an environment file gives it the file's own validation.
    const QByteArray yaml =
        "name: fix\ncapabilities:\n  " + key.toUtf8() + ": " + finding.value.toUtf8() + '\n';
    const LoadResult<EnvironmentProfile> read = EnvironmentYaml::parse(yaml, QStringLiteral("fix"));
    if (!read.ok())
        return fail(QStringLiteral("the fix `%1: %2` does not read as an environment field: %3")
                        .arg(key, finding.value, read.errors.value(0).message));
    const Capabilities &fixed = read.value->capabilities;

    EnvironmentProfile changed = environment;
    Capabilities &target = changed.capabilities;
    if (key == u"repository")
        target.repository = fixed.repository;
    else if (key == u"network")
        target.network = fixed.network;
    else if (key == u"tools")
        target.tools = fixed.tools;
    else if (key == u"mounts")
        target.mounts = fixed.mounts;
    else if (key == u"secrets")
        target.secrets = fixed.secrets;
    else
        return fail(
            QStringLiteral("the fix changes `%1`, which this version cannot apply").arg(finding.field));
    return changed;
}

} // namespace delegate
