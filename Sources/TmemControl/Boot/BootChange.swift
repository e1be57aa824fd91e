import TmemCore
import TmemHost

/// A validated set of edits to boot configuration files, planned before anything is written: `boot set` and
/// `boot unset`. Each edit holds the file's old and new text, so a dry run prints exactly what `apply` writes.
public struct BootChange: Sendable {
    public struct FileEdit: Sendable, Equatable {
        /// Root-relative path.
        public var file: String
        public var target: BootTarget
        /// nil: the file does not exist yet.
        public var old: String?
        /// nil: the file is removed (moved to its backup).
        public var new: String?
        /// The read `old` comes from: the backup is written from these bytes, and the file is replaced only if
        /// it is still the one read.
        public var original: ConfigurationFileSnapshot?
    }

    public var edits: [FileEdit]
    public var warnings: [String]

    /// `set`: parameter → raw value. `unset`: parameters to remove. Throws InvalidRequest for anything that
    /// cannot be done as asked; nothing has been written then.
    public init(set values: [BootParameter: String] = [:], unset: [BootParameter] = [], target: BootTarget,
                root: SystemRoot) throws {
        let files = BootFiles(root: root)
        var warnings: [String] = []
        var validated: [BootParameter: String] = [:]
        for (p, raw) in values.sorted(by: { $0.key < $1.key }) { validated[p] = try p.validated(raw, root: root, warnings: &warnings) }
        guard !validated.isEmpty || !unset.isEmpty else { throw InvalidRequest("nothing to change: give at least one parameter") }

        // Which file each parameter goes to.
        var placement: [BootTarget: [BootParameter]] = [:]
        let zram = KernelModules(root: root).status(of: .zram)
        for p in validated.keys.sorted() + unset.sorted() {
            for t in try Self.targets(for: p, requested: target, removing: unset.contains(p), files: files, zram: zram) {
                placement[t, default: []].append(p)
            }
        }
        var edits: [FileEdit] = []
        for t in [BootTarget.grub, .kernelCmdline, .modprobe] {
            guard let params = placement[t] else { continue }
            for edit in try Self.edits(t, params: params, values: validated, files: files, warnings: &warnings) where edit.old != edit.new {
                if let o = edit.original, let refusal = ConfigurationFileWriter(root: root).refusal(o) { throw refusal }
                edits.append(edit)
            }
        }
        if zram.state == .builtin, validated[.zramNumDevices] != nil,
           !files.zramModprobeOptions().files.isEmpty {
            warnings.append("zram is built in: the 'options zram' lines in /etc/modprobe.d are ignored")
        }
        self.edits = edits
        self.warnings = warnings
    }

    /// The files a parameter goes to. For a removal under `auto`, every file that has it.
    static func targets(for p: BootParameter, requested: BootTarget, removing: Bool, files: BootFiles,
                        zram: ModuleStatus) throws -> [BootTarget] {
        if removing && requested == .auto {
            var t: [BootTarget] = []
            if files.hasGrub { t.append(.grub) }
            if files.hasKernelCmdline { t.append(.kernelCmdline) }
            if p == .zramNumDevices && files.root.exists(BootFiles.tmemctlModprobe) { t.append(.modprobe) }
            return t
        }
        switch requested {
        case .grub, .kernelCmdline: return [requested]
        case .modprobe:
            guard p == .zramNumDevices else {
                throw InvalidRequest("\(p.rawValue) cannot go in modprobe.d: zswap is always built into the kernel; use --target grub, kernel-cmdline or auto")
            }
            if zram.state == .builtin && !removing {
                throw InvalidRequest("zram is built into this kernel (\(zram.evidence)), so modprobe.d options never reach it; use --target grub, kernel-cmdline or auto (zram.num_devices on the command line)")
            }
            return [.modprobe]
        case .auto:
            if p == .zramNumDevices {
                switch zram.state {
                case .builtin: break
                case .live, .coming, .going, .loadable: return [.modprobe]
                case .notFound, .unsupported:
                    throw InvalidRequest("zram is not available on this kernel (\(zram.evidence)); give --target to write the setting anyway")
                }
            }
            return [try files.automaticCommandLineTarget().get()]
        }
    }

    static func edits(_ t: BootTarget, params: [BootParameter], values: [BootParameter: String], files: BootFiles,
                      warnings: inout [String]) throws -> [FileEdit] {
        let root = files.root
        switch t {
        case .grub:
            return try grubEdits(params: params, values: values, root: root, warnings: &warnings)
        case .kernelCmdline:
            let read = try files.snapshot(BootFiles.kernelCmdline)
            let old = read?.text
            var line: KernelCommandLine
            if let old {
                line = KernelCommandLine(old)
            } else {
                // kernel-install uses /proc/cmdline while the file is missing; start from it so root= and friends stay.
                let running = files.runningCommandLine()?.parameters.filter { !["BOOT_IMAGE", "initrd"].contains($0.name) } ?? []
                line = KernelCommandLine(running.map { p in p.value.map { "\(p.name)=\($0)" } ?? p.name }.joined(separator: " ") + "\n")
                warnings.append("\(root.absolute(BootFiles.kernelCmdline)) does not exist; it will be created from the running command line (/proc/cmdline), which kernel-install uses while it is missing")
            }
            for p in params { line = values[p].map { line.setting(p.rawValue, to: $0) } ?? line.removing(p.rawValue) }
            return [FileEdit(file: BootFiles.kernelCmdline, target: t, old: old, new: line.text, original: read?.file)]
        case .modprobe:
            let read = try files.snapshot(BootFiles.tmemctlModprobe)
            let old = read?.text
            var text: String? = old ?? ""
            for p in params {
                text = ModprobeOptions.editing(text ?? "", module: p.module, param: p.parameter, value: values[p],
                                               header: "# zram module options written by tmemctl boot set (modprobe.d(5)); tmemctl boot unset removes them")
            }
            for (file, o) in files.zramModprobeOptions().files where file != root.absolute(BootFiles.tmemctlModprobe) && o["num_devices"] != nil {
                warnings.append("\(file) also sets zram num_devices=\(o["num_devices"]!); modprobe applies every options line, so remove one of them")
            }
            return [FileEdit(file: BootFiles.tmemctlModprobe, target: t, old: old, new: old == nil && text == nil ? nil : text,
                             original: read?.file)]
        case .auto:
            fatalError("auto is resolved before editing")
        }
    }

    /// GRUB's edits: each parameter changed in the variable that has it, in the file that decides that variable
    /// (the last one grub-mkconfig sources that assigns it), or added to GRUB_CMDLINE_LINUX_DEFAULT there.
    static func grubEdits(params: [BootParameter], values: [BootParameter: String], root: SystemRoot,
                          warnings: inout [String]) throws -> [FileEdit] {
        let grub = try GrubDefaults(root: root)
        if let (path, reason) = grub.problem {
            throw HostError(subject: HostError.fileName(path), action: "refusing to edit", path: root.absolute(path),
                            hint: "\(reason); grub-mkconfig takes the command line from it: edit it by hand, or give --target kernel-cmdline")
        }
        var texts = Dictionary(uniqueKeysWithValues: grub.files.map { ($0.relative, $0.text) })
        for p in params {
            var edited = false
            for v in BootFiles.grubVariables {
                guard let file = grub.decidingFile(v), let text = texts[file],
                      case .assigned(let a) = ShellVariableFile(text).lookup(v) else { continue }
                let line = KernelCommandLine(a.value)
                guard line.parameters.contains(where: { KernelCommandLine.sameName($0.name, p.rawValue) }) else { continue }
                let new = values[p].map { line.setting(p.rawValue, to: $0) } ?? line.removing(p.rawValue)
                texts[file] = try assign(v, new.text, in: text, file: file, root: root)
                edited = true
            }
            // Not there yet: the default entries get it, recovery entries stay as they were.
            if !edited, let value = values[p] {
                let v = BootFiles.grubVariables[1]
                let file = grub.decidingFile(v) ?? BootFiles.grub
                let text = texts[file] ?? ""
                var base = ""
                if case .assigned(let a) = ShellVariableFile(text).lookup(v) { base = a.value }
                texts[file] = try assign(v, KernelCommandLine(base).setting(p.rawValue, to: value).text, in: text, file: file, root: root)
            }
        }
        var edits: [FileEdit] = []
        if let new = texts[BootFiles.grub], !grub.files.contains(where: { $0.relative == BootFiles.grub }) {
            warnings.append("\(root.absolute(BootFiles.grub)) does not exist; it will be created with only \(BootFiles.grubVariables[1])")
            edits.append(FileEdit(file: BootFiles.grub, target: .grub, old: nil, new: new, original: nil))
        }
        for f in grub.files where texts[f.relative] != f.text {
            if f.isLink && f.relative != BootFiles.grub {
                throw HostError(subject: HostError.fileName(f.relative), action: "refusing to edit", path: root.absolute(f.relative),
                                hint: "it is a symbolic link, which grub-mkconfig follows but tmemctl does not edit through: edit the file it leads to by hand, or replace the link with a copy of that file")
            }
            edits.append(FileEdit(file: f.relative, target: .grub, old: f.text, new: texts[f.relative], original: f.snapshot))
        }
        return edits
    }

    static func assign(_ variable: String, _ value: String, in text: String, file: String, root: SystemRoot) throws -> String {
        guard let new = ShellVariableFile(text).assigning(variable, value) else {
            throw HostError(subject: HostError.fileName(file), action: "refusing to edit", path: root.absolute(file),
                            hint: "\(variable) cannot hold '\(value)' in its current quoting: edit it by hand")
        }
        return new
    }

    /// Unified diffs of every edit, in order.
    public func diff(root: SystemRoot) -> String {
        edits.map { UnifiedDiff.render(old: $0.old, new: $0.new, oldName: root.absolute($0.file), newName: root.absolute($0.file)) }.joined()
    }

    /// Writes every edit atomically with a backup of the previous file, all of them or none: when one cannot
    /// be written, those already replaced get their old bytes back and the error says what became of each.
    public func apply(root: SystemRoot) throws(HostError) {
        try ConfigurationFileWriter(root: root).commit(edits.map {
            .init(relative: $0.file, original: $0.original, new: $0.new.map(LosslessText.encode))
        })
    }

    /// What the admin runs so that the next boot uses the new files; tmemctl runs none of it.
    public var nextSteps: [String] {
        var steps: [String] = []
        let targets = Set(edits.map(\.target))
        if targets.contains(.grub) {
            steps.append("regenerate GRUB's configuration: update-grub (Debian, Ubuntu) or grub2-mkconfig -o /boot/grub2/grub.cfg (Fedora, RHEL, SUSE), then reboot")
        }
        if targets.contains(.kernelCmdline) {
            steps.append("rebuild the boot entries: kernel-install add \"$(uname -r)\" /usr/lib/modules/\"$(uname -r)\"/vmlinuz (or reinstall the kernel package), then reboot")
        }
        if targets.contains(.modprobe) {
            steps.append("zram reads these options when it is loaded: reboot, or with no zram device in use run modprobe -r zram && modprobe zram; if the initramfs loads zram, regenerate it (update-initramfs -u or dracut -f)")
        }
        return steps
    }
}
