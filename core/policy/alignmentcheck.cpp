// SPDX-License-Identifier: GPL-3.0-or-later
#include "alignmentcheck.h"

#include "domain/environmentprofile.h"
#include "domain/skill.h"
#include "domain/taskspec.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

using Kind = AlignmentFinding::Kind;
using Access = Capabilities::RepositoryAccess;

QString yamlScalar(const QString &text)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9_/][A-Za-z0-9_./+-]*$"_s);
    if (plain.match(text).hasMatch())
        return text;
    QString escaped = text;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
    return u'"' + escaped + u'"';
}

QString flowList(const QStringList &items)
{
    QStringList scalars;
    for (const QString &item : items)
        scalars.append(yamlScalar(item));
    return u'[' + scalars.join(u", "_s) + u']';
}

QString networkValue(const QStringList &hosts)
{
    return hosts.isEmpty() ? u"none"_s : u"{mode: allowlist, hosts: %1}"_s.arg(flowList(hosts));
}

QString mountText(const Mount &mount)
{
    return mount.hostPath + u" → "_s + mount.sandboxPath;
}

QString mountsValue(const QList<Mount> &mounts)
{
    QStringList entries;
    for (const Mount &mount : mounts)
        entries.append(
            u"{host: %1, sandbox: %2}"_s.arg(yamlScalar(mount.hostPath), yamlScalar(mount.sandboxPath)));
    return u'[' + entries.join(u", "_s) + u']';
}

QString reasonsOf(const QList<CapabilityNeed> &needs, const QStringList &items)
{
    QStringList parts;
    for (const CapabilityNeed &need : needs) {
        if (items.contains(need.item))
            parts.append(u"%1 (%2)"_s.arg(need.item, need.reasons.join(u"; "_s)));
    }
    return parts.join(u"; "_s);
}

QStringList itemsOf(const QList<CapabilityNeed> &needs)
{
    QStringList items;
    for (const CapabilityNeed &need : needs)
        items.append(need.item);
    return items;
}

// Words of a name that say what it is for, not what kind of thing it is:
// LOGS_API_TOKEN -> {logs}, api.github.com -> {github}.
QSet<QString> distinctiveWords(const QString &name, const QRegularExpression &separator,
                               const QSet<QString> &generic)
{
    QSet<QString> words;
    const QStringList parts = name.toLower().split(separator, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part.size() > 1 && !generic.contains(part))
            words.insert(part);
    }
    return words;
}

// A secret goes with a host the task reaches when their names share a
// distinctive word: LOGS_API_TOKEN with logs.example.com, GITHUB_TOKEN with
// api.github.com.
bool secretGoesWithHost(const QString &secret, const QString &host)
{
    static const QSet<QString> genericSecretWords = {
        u"api"_s,      u"token"_s, u"key"_s,      u"secret"_s,     u"access"_s,     u"auth"_s,   u"pat"_s,
        u"password"_s, u"pass"_s,  u"client"_s,   u"id"_s,         u"oauth"_s,      u"bearer"_s, u"private"_s,
        u"app"_s,      u"user"_s,  u"username"_s, u"credential"_s, u"credentials"_s
    };
    static const QSet<QString> genericHostLabels = { u"com"_s, u"org"_s, u"net"_s, u"io"_s,
                                                     u"dev"_s, u"www"_s, u"api"_s, u"co"_s };
    static const QRegularExpression underscore(u"_+"_s);
    static const QRegularExpression dot(u"[.*]+"_s);
    const QSet<QString> secretWords = distinctiveWords(secret, underscore, genericSecretWords);
    return secretWords.intersects(distinctiveWords(host, dot, genericHostLabels));
}

class Checker final
{
public:
    Checker(const CapabilityNeeds &needs, const Capabilities &granted)
        : m_needs(needs)
        , m_granted(granted)
    { }

    AlignmentReport run()
    {
        checkRepository();
        checkNetwork();
        checkTools();
        checkMounts();
        checkSecrets();
        AlignmentReport report;
        std::stable_sort(
            m_findings.begin(), m_findings.end(),
            [](const AlignmentFinding &a, const AlignmentFinding &b) { return a.kind < b.kind; });
        report.findings = m_findings;
        report.needs = m_needs;
        if (!report.findingsOf(Kind::Missing).isEmpty())
            report.verdict = AlignmentVerdict::Missing;
        else if (!report.findings.isEmpty())
            report.verdict = AlignmentVerdict::Excess;
        return report;
    }

private:
    void add(Kind kind, Capability capability, QStringList items, QString explanation, QLatin1StringView key,
             QString value)
    {
        AlignmentFinding finding;
        finding.kind = kind;
        finding.capability = capability;
        finding.items = std::move(items);
        finding.explanation = std::move(explanation);
        finding.field = u"capabilities."_s + key;
        finding.value = std::move(value);
        finding.fix = u"set `%1: %2` under capabilities"_s.arg(key, finding.value);
        m_findings.append(finding);
    }

    void checkRepository()
    {
        const Access needed = m_needs.repository();
        const Access granted = m_granted.repository;
        const QLatin1StringView key("repository");
        if (granted < needed) {
            const bool write = needed == Access::Write;
            add(Kind::Missing, write ? Capability::RepositoryWrite : Capability::RepositoryRead, {},
                u"The task needs to %1 the repository, and the environment grants %2: %3."_s.arg(
                    write ? u"change"_s : u"read"_s,
                    granted == Access::None ? u"no repository access"_s : u"read access only"_s,
                    (write ? m_needs.writeReasons : m_needs.readReasons).join(u"; "_s)),
                key, enumToString(needed));
        } else if (granted > needed) {
            const QString explanation = needed == Access::None
                ? u"The environment grants repository %1 access, but nothing in the task touches the "
                  u"repository "
                  "(no scope.repository, context file, verify command or patch)."_s.arg(enumToString(granted))
                : u"The environment grants repository write access, but nothing in the task changes the "
                  "repository: it returns no patch, and reading is all it needs (%1)."_s.arg(
                      m_needs.readReasons.join(u"; "_s));
            add(Kind::Excess,
                granted == Access::Write ? Capability::RepositoryWrite : Capability::RepositoryRead, {},
                explanation, key, enumToString(needed));
        }
    }

    void checkNetwork()
    {
        const NetworkAccess &granted = m_granted.network;
        const QLatin1StringView key("network");
        if (!m_needs.fullNetworkReasons.isEmpty()) {
            if (granted.mode != NetworkAccess::Mode::Full)
                add(Kind::Missing, Capability::NetworkFull, {},
                    u"The task needs full network access: %1."_s.arg(
                        m_needs.fullNetworkReasons.join(u"; "_s)),
                    key, u"full"_s);
            return;
        }
        const QStringList needed = itemsOf(m_needs.hosts);
        switch (granted.mode) {
        case NetworkAccess::Mode::None:
            if (!needed.isEmpty())
                add(Kind::Missing, Capability::NetworkAllowlist, needed,
                    u"The task reaches hosts and the environment grants no network: %1."_s.arg(
                        reasonsOf(m_needs.hosts, needed)),
                    key, networkValue(needed));
            return;
        case NetworkAccess::Mode::Full:
            if (needed.isEmpty())
                add(Kind::Excess, Capability::NetworkFull, {},
                    u"The environment grants full network access, but nothing in the task reaches a host."_s,
                    key, u"none"_s);
            else
                add(Kind::Excess, Capability::NetworkFull, {},
                    u"The environment grants full network access, but the task only reaches %1: an allowlist "
                    u"of "
                    "those is enough (%2)."_s.arg(needed.join(u", "_s), reasonsOf(m_needs.hosts, needed)),
                    key, networkValue(needed));
            return;
        case NetworkAccess::Mode::Allowlist:
            break;
        }
        QStringList uncovered;
        for (const QString &host : needed) {
            const bool covered =
                std::any_of(granted.hosts.cbegin(), granted.hosts.cend(),
                            [&](const QString &p) { return AlignmentCheck::hostMatches(p, host); });
            if (!covered)
                uncovered.append(host);
        }
        QStringList kept;
        QStringList unused;
        for (const QString &pattern : granted.hosts) {
            const bool used = std::any_of(needed.cbegin(), needed.cend(), [&](const QString &host) {
                return AlignmentCheck::hostMatches(pattern, host);
            });
            (used ? kept : unused).append(pattern);
        }
        const QString value = networkValue(kept + uncovered);
        if (!uncovered.isEmpty())
            add(Kind::Missing, Capability::NetworkAllowlist, uncovered,
                u"The task reaches hosts the allowlist does not let through: %1."_s.arg(
                    reasonsOf(m_needs.hosts, uncovered)),
                key, value);
        if (!unused.isEmpty())
            add(Kind::Excess, Capability::NetworkAllowlist, unused,
                u"The allowlist lets through hosts nothing in the task reaches: %1. (The engine fetches the "
                "repository before the run, outside the sandbox.)"_s.arg(unused.join(u", "_s)),
                key, value);
    }

    void checkTools()
    {
        const QStringList required = itemsOf(m_needs.tools);
        QStringList missing;
        for (const QString &tool : required) {
            if (!m_granted.tools.contains(tool))
                missing.append(tool);
        }
        QStringList kept;
        QStringList unused;
        for (const QString &tool : m_granted.tools) {
            const bool used = required.contains(tool) || m_needs.words.contains(tool.toLower());
            (used ? kept : unused).append(tool);
        }
        const QString value = flowList(kept + missing);
        const QLatin1StringView key("tools");
        if (!missing.isEmpty())
            add(Kind::Missing, Capability::Tool, missing,
                u"The task runs programs the environment does not grant: %1."_s.arg(
                    reasonsOf(m_needs.tools, missing)),
                key, value);
        if (!unused.isEmpty())
            add(Kind::Excess, Capability::Tool, unused,
                u"Nothing in the task names %1: no verify command runs %2, the agent does not need %2, and "
                u"the "
                "task's text does not mention %2. Name a tool in the task if the agent should use it."_s.arg(
                    unused.join(u", "_s), unused.size() == 1 ? u"it"_s : u"them"_s),
                key, value);
    }

    void checkMounts()
    {
        QList<Mount> missing;
        QStringList items;
        QStringList reasons;
        for (qsizetype i = 0; i < m_needs.mounts.size(); ++i) {
            const Mount &mount = m_needs.mounts.at(i);
            if (m_granted.mounts.contains(mount))
                continue;
            missing.append(mount);
            items.append(mountText(mount));
            reasons.append(u"%1 (%2)"_s.arg(mountText(mount), m_needs.mountReasons.value(i)));
        }
        // Mounts are never judged excess: they are read-only, and nothing in a
        // task says which host directories it will want to read.
        if (!missing.isEmpty())
            add(Kind::Missing, Capability::Mount, items,
                u"The task reads host directories the environment does not mount: %1."_s.arg(
                    reasons.join(u"; "_s)),
                QLatin1StringView("mounts"), mountsValue(m_granted.mounts + missing));
    }

    void checkSecrets()
    {
        QStringList missing;
        QStringList reasons;
        for (const SecretNeed &need : m_needs.secrets) {
            const bool granted =
                std::any_of(need.anyOf.cbegin(), need.anyOf.cend(),
                            [&](const QString &name) { return m_granted.secrets.contains(name); });
            if (granted || need.anyOf.isEmpty())
                continue;
            missing.append(need.anyOf.constFirst());
            reasons.append(need.anyOf.size() == 1
                               ? u"%1 (%2)"_s.arg(need.anyOf.constFirst(), need.reason)
                               : u"one of %1 (%2)"_s.arg(need.anyOf.join(u" or "_s), need.reason));
        }
        QStringList kept;
        QStringList unused;
        for (const QString &secret : m_granted.secrets)
            (isUsed(secret) ? kept : unused).append(secret);
        const QString value = flowList(kept + missing);
        const QLatin1StringView key("secrets");
        if (!missing.isEmpty())
            add(Kind::Missing, Capability::Secret, missing,
                u"The task needs credentials the environment does not grant: %1."_s.arg(
                    reasons.join(u"; "_s)),
                key, value);
        if (!unused.isEmpty())
            add(Kind::Excess, Capability::Secret, unused,
                u"Nothing in the task uses %1: no agent or skill needs %2, the task does not mention %2, and "
                u"no "
                "host it reaches goes with %2."_s.arg(unused.join(u", "_s),
                                                      unused.size() == 1 ? u"it"_s : u"them"_s),
                key, value);
    }

    bool isUsed(const QString &secret) const
    {
        for (const SecretNeed &need : m_needs.secrets) {
            if (need.anyOf.contains(secret))
                return true;
        }
        if (m_needs.words.contains(secret.toLower()))
            return true;
        return std::any_of(m_needs.hosts.cbegin(), m_needs.hosts.cend(),
                           [&](const CapabilityNeed &host) { return secretGoesWithHost(secret, host.item); });
    }

    const CapabilityNeeds &m_needs;
    const Capabilities &m_granted;
    QList<AlignmentFinding> m_findings;
};

} // namespace

AlignmentReport AlignmentCheck::check(const CapabilityNeeds &needs, const Capabilities &granted)
{
    return Checker(needs, granted).run();
}

AlignmentReport AlignmentCheck::check(const TaskSpec &task, const EnvironmentProfile &environment,
                                      const Skill *skill)
{
    AlignmentReport report = check(CapabilityNeeds::of(task, skill), environment.capabilities);
    if (!task.environment.isEmpty() && task.environment != environment.name)
        report.notes.append(u"The task names the environment `%1`; this one is `%2`."_s.arg(
            task.environment, environment.name));
    if (skill && !task.skill.name.isEmpty() && task.skill.name != skill->name)
        report.notes.append(
            u"The task names the skill `%1`; the one checked is `%2`."_s.arg(task.skill.name, skill->name));
    if (!task.skill.name.isEmpty() && !skill)
        report.notes.append(u"The task uses the skill `%1`, whose required capabilities were not checked: "
                            u"give the skill to the check "
                            "to include them."_s.arg(task.skill.name));
    return report;
}

bool AlignmentCheck::hostMatches(const QString &pattern, const QString &host)
{
    const QString p = pattern.toLower();
    const QString h = host.toLower();
    if (p.startsWith(QLatin1String("*.")))
        return h.endsWith(p.mid(1)) && h.size() > p.size() - 1;
    return p == h;
}

} // namespace delegate
