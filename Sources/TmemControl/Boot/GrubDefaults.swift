import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// What grub-mkconfig's settings files give its two command-line variables: it sources /etc/default/grub and then
/// every /etc/default/grub.d/*.cfg in glob order, so the last file that assigns a variable decides it
/// (docs/kernel-notes.md#grub-defaults). Each file is read once; edits are planned from these reads.
public struct GrubDefaults: Sendable {
    public static let dropInDirectory = "etc/default/grub.d"

    /// One sourced file as read.
    public struct File: Sendable {
        /// Root-relative path.
        public var relative: String
        public var snapshot: ConfigurationFileSnapshot
        public var text: String
        /// The name is a symbolic link (the shell follows it; tmemctl reads it but does not edit through it).
        public var isLink: Bool
    }

    /// What one variable ends up as once every file has been sourced.
    public enum Decision: Sendable, Equatable {
        /// No file assigns it.
        case unset
        /// `file` (an index into `files`) is the last to assign it, in a form tmemctl can read and rewrite.
        case assigned(file: Int, ShellVariableFile.Assignment)
        /// The value cannot be known without running a shell, because of `path` (root-relative).
        case unknown(path: String, reason: String)
    }

    public let root: SystemRoot
    /// The files in the order grub-mkconfig sources them (missing ones left out).
    public let files: [File]
    public let decisions: [String: Decision]

    public init(root: SystemRoot) throws(HostError) {
        self.root = root
        var files: [File] = []
        var decisions: [String: Decision] = [:]
        for v in BootFiles.grubVariables { decisions[v] = .unset }
        // A drop-in grub-mkconfig cannot source (a directory, a link out of the root, an unreadable name) stops
        // it with an error, so it decides every variable: unknown.
        var blocked: (path: String, reason: String)?
        let writer = ConfigurationFileWriter(root: root)
        for relative in [BootFiles.grub] + Self.dropIns(root: root, blocked: &blocked) {
            guard blocked == nil else { break }
            if relative != BootFiles.grub, [.directory, .other].contains(root.entryKind(relative)) {
                blocked = (relative, "it is not a regular file, so grub-mkconfig fails sourcing it")
                break
            }
            let snapshot: ConfigurationFileSnapshot?
            do { snapshot = try writer.snapshot(relative) } catch {
                if relative == BootFiles.grub { throw error }
                blocked = (relative, error.description)
                break
            }
            guard let snapshot else { continue }  // missing, or a dangling link, which `[ -e ]` skips
            let text = LosslessText.decode(snapshot.bytes)
            let parsed = ShellVariableFile(text)
            for v in BootFiles.grubVariables {
                switch parsed.lookup(v) {
                case .missing: break
                case .assigned(let a): decisions[v] = .assigned(file: files.count, a)
                case .unparseable(let line, let reason): decisions[v] = .unknown(path: relative, reason: "line \(line): \(v): \(reason)")
                }
            }
            files.append(File(relative: relative, snapshot: snapshot, text: text,
                              isLink: root.entryKind(relative) != .regularFile))
        }
        if let blocked {
            for v in BootFiles.grubVariables { decisions[v] = .unknown(path: blocked.path, reason: blocked.reason) }
        }
        self.files = files
        self.decisions = decisions
    }

    /// The `*.cfg` names in grub.d as the shell's glob lists them: no name starting with `.`, sorted by byte
    /// (the C locale's collation). A name that is not UTF-8 cannot be named safely here and blocks.
    static func dropIns(root: SystemRoot, blocked: inout (path: String, reason: String)?) -> [String] {
        // Listed beneath the root, so a grub.d that is an absolute link stays inside a fake root.
        let names = root.entries(dropInDirectory).map(\.bytes).filter { name in
            name.first != UInt8(ascii: ".") && name.count > 4 && name.suffix(4) == Array(".cfg".utf8)
        }
        var relatives: [String] = []
        for name in names {
            guard let s = String(validating: name, as: UTF8.self) else {
                blocked = ("\(dropInDirectory)/\(SystemRoot.DirectoryName(bytes: name).display)", "the name is not valid UTF-8; rename it")
                return relatives
            }
            relatives.append("\(dropInDirectory)/\(s)")
        }
        return relatives
    }

    /// The file that decides `variable`, root-relative; nil when none assigns it.
    public func decidingFile(_ variable: String) -> String? {
        switch decisions[variable] {
        case .assigned(let i, _): return files[i].relative
        case .unknown(let path, _): return path
        case .unset, nil: return nil
        }
    }

    /// The value grub-mkconfig will use; nil when unset or unknown.
    public func value(_ variable: String) -> String? {
        if case .assigned(_, let a) = decisions[variable] { return a.value }
        return nil
    }

    /// The first variable whose value cannot be known: the file and why.
    public var problem: (path: String, reason: String)? {
        for v in BootFiles.grubVariables {
            if case .unknown(let path, let reason) = decisions[v] { return (path, reason) }
        }
        return nil
    }

    /// The command line GRUB gives the default (non-recovery) entries: LINUX then LINUX_DEFAULT.
    public var commandLine: KernelCommandLine {
        KernelCommandLine(BootFiles.grubVariables.compactMap { value($0) }.filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// The file a parameter's next-boot value comes from: the later variable's file when both have it, as the
    /// kernel takes the last occurrence.
    public func source(of parameter: String) -> String? {
        for v in BootFiles.grubVariables.reversed() {
            if let value = value(v), KernelCommandLine(value).parameters.contains(where: { KernelCommandLine.sameName($0.name, parameter) }) {
                return decidingFile(v)
            }
        }
        return nil
    }
}
