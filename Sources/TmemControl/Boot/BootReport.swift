import TmemCore
import TmemHost

/// What `boot show` prints: the zswap/zram parameters on the running command line, in each boot configuration
/// found, in modprobe.d, and per parameter whether the next boot will differ from what runs now.
public struct BootReport: Codable, Sendable, Equatable {
    /// One place parameters come from.
    public struct Source: Codable, Sendable, Equatable {
        /// Where parameters are read from; the raw values are the JSON and text spellings.
        public enum Kind: String, Codable, Sendable, CustomStringConvertible {
            case procCmdline = "proc-cmdline"
            case grub
            case kernelCmdline = "kernel-cmdline"
            case modprobe

            public var description: String { rawValue }
        }

        public var kind: Kind
        public var path: String
        public var exists: Bool
        /// Why tmemctl will not edit it (an assignment it cannot parse safely), or nil.
        public var problem: String?
        /// The command line it gives the next boot (GRUB: GRUB_CMDLINE_LINUX then GRUB_CMDLINE_LINUX_DEFAULT).
        public var commandLine: String?
        /// zswap.* and zram.* parameters it sets (modprobe: as zram.PARAM).
        public var parameters: [String: String]
        /// GRUB only (nil otherwise): the files grub-mkconfig sources, in order, and what each variable ends as.
        public var sourcedFiles: [String]?
        public var variables: [GrubVariable]?

        enum CodingKeys: String, CodingKey { case kind, path, exists, problem, commandLine, parameters, sourcedFiles, variables }
    }

    /// One of GRUB's command-line variables after every settings file is sourced.
    public struct GrubVariable: Codable, Sendable, Equatable {
        public var name: String
        /// nil when no file assigns it, or when it cannot be known (`problem`).
        public var value: String?
        /// The last file that assigns it, the one `boot set` edits; nil when none does.
        public var decidedBy: String?
        public var problem: String?

        enum CodingKeys: String, CodingKey { case name, value, decidedBy, problem }
    }

    public struct Parameter: Codable, Sendable, Equatable {
        public var name: String
        /// The live value (/sys/module/zswap/parameters); nil for zram.num_devices, which sysfs does not show.
        public var running: String?
        /// On /proc/cmdline.
        public var currentBoot: String?
        /// What the boot configuration sets for the next boot; nil = not set there (the kernel's default).
        public var nextBoot: String?
        public var nextBootSource: String?
        /// The next boot will use another value than the running one; nil when that cannot be known (no boot
        /// configuration, or the next boot takes a kernel default tmemctl cannot see).
        public var differs: Bool?

        enum CodingKeys: String, CodingKey { case name, running, currentBoot, nextBoot, nextBootSource, differs }
    }

    public var runningCommandLine: Source
    public var configurations: [Source]
    public var zramModule: ModuleState
    public var zramModuleEvidence: String
    /// Where `boot set --target auto` writes zswap parameters, nil when it would refuse.
    public var autoTarget: BootTarget?
    public var parameters: [Parameter]
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case runningCommandLine, configurations, zramModule, zramModuleEvidence, autoTarget, parameters, notes
    }

    static let prefixes = ["zswap.", "zram."]

    public static func read(root: SystemRoot) throws -> BootReport {
        let files = BootFiles(root: root)
        var notes: [String] = []
        let running = files.runningCommandLine()
        let runningSource = Source(kind: .procCmdline, path: RunningCommandLine.path(root: root), exists: running != nil,
                                   commandLine: running?.text, parameters: running?.values(prefixes: prefixes) ?? [:])

        var configurations: [Source] = []
        let grub = try GrubDefaults(root: root)
        let grubProblem = grub.problem.map { "\(root.absolute($0.path)): \($0.reason)" }
        let grubLine = grubProblem == nil && !grub.files.isEmpty ? grub.commandLine : nil
        let variables = BootFiles.grubVariables.map { v -> GrubVariable in
            var problem: String?
            if case .unknown(_, let reason) = grub.decisions[v] { problem = reason }
            return GrubVariable(name: v, value: grub.value(v), decidedBy: grub.decidingFile(v).map(root.absolute), problem: problem)
        }
        configurations.append(Source(kind: .grub, path: root.absolute(BootFiles.grub), exists: !grub.files.isEmpty,
                                     problem: grubProblem, commandLine: grubLine?.text,
                                     parameters: grubLine?.values(prefixes: prefixes) ?? [:],
                                     sourcedFiles: grub.files.map { root.absolute($0.relative) }, variables: variables))
        var kernelLine: KernelCommandLine?
        if let text = try files.read(BootFiles.kernelCmdline) {
            kernelLine = KernelCommandLine(text.trimmingWhitespace())
        }
        configurations.append(Source(kind: .kernelCmdline, path: root.absolute(BootFiles.kernelCmdline),
                                     exists: kernelLine != nil, commandLine: kernelLine?.text,
                                     parameters: kernelLine?.values(prefixes: prefixes) ?? [:]))
        let modprobe = files.zramModprobeOptions()
        notes += modprobe.problems.map { "modprobe.d: \($0); the zram options shown may be incomplete" }
        configurations.append(Source(kind: .modprobe, path: root.absolute(BootFiles.modprobeDirectory),
                                     exists: root.isDirectory(BootFiles.modprobeDirectory),
                                     parameters: Dictionary(uniqueKeysWithValues: modprobe.merged.map { ("zram.\($0.key)", $0.value) })))

        let auto = files.automaticCommandLineTarget()
        var autoTarget: BootTarget?
        var nextLine: KernelCommandLine?
        var nextSource: String?
        switch auto {
        case .success(let t):
            autoTarget = t
            nextLine = t == .grub ? grubLine : kernelLine
            nextSource = t == .grub ? nil : root.absolute(BootFiles.kernelCmdline)
            if t == .grub, let grubProblem { notes.append("GRUB's command line cannot be known without running a shell (\(grubProblem)), so next-boot values are unknown") }
        case .failure(let e):
            notes.append(e.message)
        }

        let zram = KernelModules(root: root).status(of: .zram)
        let zswap = Zswap(root: root)
        var parameters: [Parameter] = []
        for p in BootParameter.allCases {
            var state = Parameter(name: p.rawValue, running: nil, currentBoot: running?.value(of: p.rawValue))
            if let zp = p.zswapParameter { state.running = try zswap.value(zp) }
            if let line = nextLine {
                state.nextBoot = line.value(of: p.rawValue)
                state.nextBootSource = state.nextBoot == nil ? nil
                    : autoTarget == .grub ? grub.source(of: p.rawValue).map(root.absolute) : nextSource
            }
            let modular = [ModuleState.live, .coming, .going, .loadable].contains(zram.state)
            if p == .zramNumDevices, modular, let v = modprobe.merged["num_devices"] {
                state.nextBoot = v
                state.nextBootSource = modprobe.files.first { $0.value["num_devices"] == v }?.key
            }
            let reference = state.running ?? state.currentBoot
            let known = nextLine != nil || (p == .zramNumDevices && state.nextBootSource != nil)
            if state.nextBoot != nil {
                state.differs = !p.sameValue(state.nextBoot, reference)
            } else if known {
                // Not configured: the next boot gets the kernel's default. Known to differ only when this boot set it.
                state.differs = state.currentBoot != nil ? true : (p == .zramNumDevices ? false : nil)
            }
            parameters.append(state)
        }
        if zram.state == .builtin && !modprobe.files.isEmpty {
            notes.append("zram is built in, so the 'options zram' lines in \(modprobe.files.keys.sorted().joined(separator: ", ")) have no effect; use zram.num_devices on the command line")
        }
        return BootReport(runningCommandLine: runningSource, configurations: configurations, zramModule: zram.state,
                          zramModuleEvidence: zram.evidence, autoTarget: autoTarget, parameters: parameters, notes: notes)
    }
}
