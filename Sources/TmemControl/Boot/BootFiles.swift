import TmemCore
import TmemHost

/// The boot configuration files tmemctl reads and edits, root-relative, and what they hold right now.
public struct BootFiles: Sendable {
    public static let grub = "etc/default/grub"
    public static let grubVariables = ["GRUB_CMDLINE_LINUX", "GRUB_CMDLINE_LINUX_DEFAULT"]
    public static let kernelCmdline = "etc/kernel/cmdline"
    public static let modprobeDirectory = "etc/modprobe.d"
    public static let tmemctlModprobe = "etc/modprobe.d/tmemctl-zram.conf"

    public let root: SystemRoot
    public init(root: SystemRoot) { self.root = root }

    public var hasGrub: Bool { root.exists(Self.grub) }
    public var hasKernelCmdline: Bool { root.exists(Self.kernelCmdline) }

    /// One read of a file for editing: its bytes (kept for the backup) and its text, nil when it is missing.
    /// Bytes that are not UTF-8 survive as text (`LosslessText`), so an edit changes only what it means to.
    func snapshot(_ relative: String) throws(HostError) -> (file: ConfigurationFileSnapshot, text: String)? {
        guard let s = try ConfigurationFileWriter(root: root).snapshot(relative) else { return nil }
        return (s, LosslessText.decode(s.bytes))
    }

    func read(_ relative: String) throws(HostError) -> String? { try snapshot(relative)?.text }

    /// The running kernel's parameters: /proc/cmdline up to `--`.
    public func runningCommandLine() -> KernelCommandLine? {
        RunningCommandLine.read(root: root).map { KernelCommandLine($0.trimmingWhitespace()) }
    }

    /// `options zram ...` across /etc/modprobe.d/*.conf in modprobe's (name) order: the merged values, per file
    /// what it sets, and the files modprobe would read that tmemctl could not (so the values may be incomplete).
    public func zramModprobeOptions() -> (merged: [String: String], files: [String: [String: String]], problems: [String]) {
        var merged: [String: String] = [:]
        var files: [String: [String: String]] = [:]
        var problems: [String] = []
        let dir = root.absolute(Self.modprobeDirectory)
        for entry in root.entries(Self.modprobeDirectory) where entry.bytes.count > 5 && entry.bytes.suffix(5) == Array(".conf".utf8) {
            guard let name = entry.text else {
                problems.append("\(dir)/\(entry.display): the name is not UTF-8, so tmemctl cannot read it (modprobe does); rename it")
                continue
            }
            let rel = "\(Self.modprobeDirectory)/\(name)"
            let text: String
            do { text = try root.read(rel) } catch {
                problems.append("\(root.absolute(rel)): cannot read: \(ErrnoName.of(error))\(error == .invalidArgument ? " (not a regular file)" : "")")
                continue
            }
            let o = ModprobeOptions.options(for: "zram", in: text)
            if !o.isEmpty { files[root.absolute(rel)] = o }
            merged.merge(o) { _, new in new }
        }
        return (merged, files, problems)
    }

    /// Which command-line file `auto` edits: the one boot configuration present, or why it cannot choose.
    public func automaticCommandLineTarget() -> Result<BootTarget, InvalidRequest> {
        switch (hasGrub, hasKernelCmdline) {
        case (true, false): return .success(.grub)
        case (false, true): return .success(.kernelCmdline)
        case (true, true):
            return .failure(InvalidRequest("both \(root.absolute(Self.grub)) and \(root.absolute(Self.kernelCmdline)) exist, so the boot loader is not clear; give --target grub or --target kernel-cmdline"))
        case (false, false):
            return .failure(InvalidRequest("no boot configuration found (no \(root.absolute(Self.grub)), no \(root.absolute(Self.kernelCmdline))); give --target grub or --target kernel-cmdline to create one"))
        }
    }
}
