// SPDX-License-Identifier: GPL-3.0-or-later
#include "capabilitycatalogue.h"

#include "domain/environmentprofile.h"
#include "domain/quantities.h"
#include "sandbox/sandboxpolicy.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace delegate {

namespace {

QString bytes(qint64 value)
{
    return QLocale::c().formattedDataSize(value, 0, QLocale::DataSizeTraditionalFormat);
}

QString seconds(std::chrono::seconds value)
{
    return formatDuration(value);
}

QList<CapabilityInfo> makeCatalogue()
{
    const SandboxLimits defaults;
    const auto unset = [](const QString &value) {
        return u" When unset: %1."_s.arg(value);
    };
    return {
        { Capability::RepositoryRead, u"Read the repository"_s,
          u"Commands see the run's checkout at /workspace and can read every file in it, history included."_s,
          u"The code and its history can leave the machine if network is granted too."_s,
          CapabilityRisk::Medium,
          u"The checkout is bound at /workspace and every entry in it is mounted read-only over itself, so "
          "existing files cannot be changed, renamed or deleted."_s,
          u"repository: read"_s },
        { Capability::RepositoryWrite, u"Write the repository"_s,
          u"Commands can change, add and delete files in the run's checkout; the changes come back as a "
          u"patch "
          "for review."_s,
          u"A command can rewrite any file of the checkout, build scripts and tests included, which verify "
          "commands then run."_s,
          CapabilityRisk::Medium, u"The checkout is bound read-write at /workspace."_s,
          u"repository: write"_s },
        { Capability::NetworkAllowlist, u"Reach listed hosts"_s,
          u"Commands can connect to the listed hosts and nowhere else."_s,
          u"Whatever a command can read can be sent to those hosts."_s, CapabilityRisk::Medium,
          u"The sandbox keeps its own network namespace with no route out; the engine's egress proxy, "
          u"reached "
          "through a socket bound into it, lets the listed hosts through. The local sandbox refuses this "
          "mode "
          "until that proxy exists."_s,
          u"network: {mode: allowlist, hosts: [api.github.com]}"_s },
        { Capability::NetworkFull, u"Full network"_s,
          u"Commands share the host's network: any host, any port, and services listening on the host's "
          "loopback."_s,
          u"Data and credentials can go anywhere, and code downloaded at run time runs unreviewed."_s,
          CapabilityRisk::High,
          u"The sandbox shares the host's network namespace and sees its /etc/hosts and /etc/resolv.conf."_s,
          u"network: full"_s },
        { Capability::Tool, u"Run a tool"_s, u"A program is on PATH inside the sandbox."_s,
          u"Each tool is one more thing a command can do: curl or ssh reach further than grep."_s,
          CapabilityRisk::Low,
          u"The tool is looked up on the engine's PATH and in its tool directories. A tool outside the "
          u"system "
          "directories has its directory bound read-only at the same path and put first on PATH; one in "
          "/usr/bin or /bin is visible to every command already. A tool that cannot be found stops the run "
          "before it starts."_s,
          u"tools: [git, rg]"_s },
        { Capability::Mount, u"Read a host directory"_s,
          u"A host directory (logs, runbooks, docs, caches) is visible read-only at a path of your choice."_s,
          u"Everything under it can be read, and can leave the machine if network is granted too."_s,
          CapabilityRisk::Medium, u"The host path is bound read-only at the sandbox path."_s,
          u"mounts: [{host: /srv/runbooks, sandbox: /mnt/runbooks}]"_s },
        { Capability::Secret, u"Use a secret"_s,
          u"A named credential is set as an environment variable of every command."_s,
          u"A command can use the credential for everything it permits and send it wherever the network "
          "reaches; its value is redacted from output, events and artifacts, not from what a command does."_s,
          CapabilityRisk::High,
          u"The value comes from the engine's secret store, never from the file, and is set as the variable "
          u"of "
          "the same name; every occurrence of it in output becomes [redacted:NAME]."_s,
          u"secrets: [GITHUB_TOKEN]"_s },
        { Capability::CpuTime, u"CPU time"_s,
          u"Each process may use this much CPU time before the kernel stops it."_s,
          u"A higher ceiling lets a runaway command burn more CPU."_s, CapabilityRisk::Low,
          u"RLIMIT_CPU on every process of a command."_s + unset(seconds(defaults.cpuTime)),
          u"limits: {cpu_time: 20m}"_s },
        { Capability::Memory, u"Memory"_s, u"Each process may map this much memory (MiB)."_s,
          u"A higher ceiling lets one command take more of the host's memory."_s, CapabilityRisk::Low,
          u"RLIMIT_AS on every process of a command."_s + unset(bytes(defaults.memoryBytes)),
          u"limits: {memory_mb: 2048}"_s },
        { Capability::Processes, u"Processes"_s, u"A command may run this many processes at once."_s,
          u"A higher ceiling lets a fork bomb go further before it stops."_s, CapabilityRisk::Low,
          u"RLIMIT_NPROC inside the sandbox's own user namespace, so it counts the command's processes only."_s
              + unset(QString::number(defaults.maxProcesses)),
          u"limits: {processes: 128}"_s },
        { Capability::FileSize, u"File size"_s, u"A command may write files up to this size (MiB)."_s,
          u"A higher ceiling lets a command fill more of the disk."_s, CapabilityRisk::Low,
          u"RLIMIT_FSIZE on every process of a command."_s + unset(bytes(defaults.maxFileSizeBytes)),
          u"limits: {file_size_mb: 256}"_s },
        { Capability::Output, u"Output"_s,
          u"A command's standard output and error together are kept up to this size (KiB); the rest is "
          "dropped and the cut is marked."_s,
          u"More output to store, redact and review."_s, CapabilityRisk::Low,
          u"The output cap of each command."_s + unset(bytes(defaults.maxOutputBytes)),
          u"limits: {output_kb: 2048}"_s },
        { Capability::WallTime, u"Wall time"_s,
          u"A command may run this long before its whole process tree is killed."_s,
          u"A hung command holds its run, and what it reaches, longer."_s, CapabilityRisk::Low,
          u"The wall-time limit of each command."_s
              + unset(seconds(std::chrono::duration_cast<std::chrono::seconds>(defaults.wallTime))),
          u"limits: {wall_time: 45m}"_s },
    };
}

} // namespace

QJsonObject CapabilityInfo::toJson() const
{
    return {
        { QLatin1String("capability"), enumToString(capability) },
        { QLatin1String("title"), title },
        { QLatin1String("allows"), allows },
        { QLatin1String("risk"), risk },
        { QLatin1String("level"), enumToString(level) },
        { QLatin1String("sandbox"), sandbox },
        { QLatin1String("example"), example },
    };
}

QJsonObject CapabilityGrant::toJson() const
{
    return {
        { QLatin1String("capability"), enumToString(capability) },
        { QLatin1String("subject"), subject },
    };
}

const QList<CapabilityInfo> &CapabilityCatalogue::all()
{
    static const QList<CapabilityInfo> catalogue = makeCatalogue();
    return catalogue;
}

const CapabilityInfo &CapabilityCatalogue::info(Capability capability)
{
    const QList<CapabilityInfo> &catalogue = all();
    for (const CapabilityInfo &entry : catalogue) {
        if (entry.capability == capability)
            return entry;
    }
    Q_UNREACHABLE();
    return catalogue.constFirst();
}

QList<CapabilityGrant> CapabilityCatalogue::grantsOf(const EnvironmentProfile &environment)
{
    const Capabilities &granted = environment.capabilities;
    QList<CapabilityGrant> grants;
    switch (granted.repository) {
    case Capabilities::RepositoryAccess::None:
        break;
    case Capabilities::RepositoryAccess::Read:
        grants.append({ Capability::RepositoryRead, {} });
        break;
    case Capabilities::RepositoryAccess::Write:
        grants.append({ Capability::RepositoryWrite, {} });
        break;
    }
    switch (granted.network.mode) {
    case NetworkAccess::Mode::None:
        break;
    case NetworkAccess::Mode::Allowlist:
        for (const QString &host : granted.network.hosts)
            grants.append({ Capability::NetworkAllowlist, host });
        break;
    case NetworkAccess::Mode::Full:
        grants.append({ Capability::NetworkFull, {} });
        break;
    }
    for (const QString &tool : granted.tools)
        grants.append({ Capability::Tool, tool });
    for (const Mount &mount : granted.mounts)
        grants.append({ Capability::Mount, mount.hostPath + u" → "_s + mount.sandboxPath });
    for (const QString &secret : granted.secrets)
        grants.append({ Capability::Secret, secret });

    const ResourceLimits &limits = environment.limits;
    if (limits.cpuTime)
        grants.append({ Capability::CpuTime, formatDuration(*limits.cpuTime) });
    if (limits.memoryMb)
        grants.append({ Capability::Memory, QString::number(*limits.memoryMb) + u" MiB"_s });
    if (limits.processes)
        grants.append({ Capability::Processes, QString::number(*limits.processes) });
    if (limits.fileSizeMb)
        grants.append({ Capability::FileSize, QString::number(*limits.fileSizeMb) + u" MiB"_s });
    if (limits.outputKb)
        grants.append({ Capability::Output, QString::number(*limits.outputKb) + u" KiB"_s });
    if (limits.wallTime)
        grants.append({ Capability::WallTime, formatDuration(*limits.wallTime) });
    return grants;
}

} // namespace delegate
