import SystemPackage
import TmemCore

/// What `load` did or, in a dry run, would do.
public struct ModuleLoadResult: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        /// Inserted now (with its dependencies).
        case loaded
        /// Already loaded or built in: nothing was done.
        case alreadyPresent = "already-present"
        /// Dry run: `actions` lists what a load would do.
        case planned
    }

    public var module: String
    public var outcome: Outcome
    /// The options passed (besides modprobe.d's).
    public var options: String?
    /// modprobe's steps, "insmod PATH OPTIONS" or "install COMMAND" (dry run, or what a load did).
    public var actions: [String]
    /// Set when options could not take effect: the module was already present.
    public var note: String?
    public var status: ModuleStatus
}

extension KernelModules {
    /// Loads a module as `modprobe NAME OPTIONS` would (dependencies, modprobe.d, blacklist), or plans it.
    /// A module already present is left alone; options then cannot apply, which `note` says (and, for a
    /// built-in module given options, is an error: they belong on the kernel command line).
    public func load(_ module: String, options: String? = nil, presence: String? = nil,
                     dryRun: Bool = false) throws(HostError) -> ModuleLoadResult {
        let name = Self.normalized(module)
        let options = options.flatMap { $0.isEmpty ? nil : $0 }
        let known = KnownModule.named(name)
        let before = status(of: name, presence: presence ?? known?.presence, configSymbol: known?.configSymbol)
        switch before.state {
        case .builtin:
            if let o = options {
                let cmdline = o.split(separator: " ").map { "\(name).\($0)" }.joined(separator: " ")
                throw HostError(subject: name, action: "cannot apply \(o)", path: "", errno: nil,
                                hint: "\(name) is built into this kernel, so its options are read only at boot: put \(cmdline) on the kernel command line, or add devices at any time with tmemctl zram add")
            }
            return ModuleLoadResult(module: name, outcome: .alreadyPresent, options: nil, actions: [],
                                    note: "\(name) is built into this kernel; nothing to load", status: before)
        case .live, .coming:
            let note = options.map { "\(name) is already loaded, so \($0) did not apply (module options are read at load time: unload it first, or use the sysfs controls)" }
            return ModuleLoadResult(module: name, outcome: .alreadyPresent, options: options, actions: [], note: note, status: before)
        case .going:
            throw HostError(subject: name, action: "cannot load module", path: "",
                            errno: .resourceBusy, hint: "\(root.absolute("sys/module/\(name)/initstate")) says it is being unloaded; try again when the unload has finished")
        case .unsupported:
            throw HostError(subject: name, action: "cannot load module", path: "", errno: .noFunction,
                            hint: support.limitation)
        case .notFound, .loadable:
            break
        }
        let support = self.support
        guard let dir = support.moduleDirectory, support.moduleDirectoryExists else {
            throw HostError(subject: name, action: "cannot load module from", path: support.moduleDirectory ?? root.absolute("lib/modules"),
                            errno: .noSuchFileOrDirectory, hint: "module \(name) not found: " + (support.limitation ?? "no module tree"))
        }
        let tree = try ModuleTree(directory: dir, configRoot: root)
        guard let handle = tree.lookup(name).first(where: { $0.name == name }) ?? tree.lookup(name).first, handle.path != nil else {
            throw HostError(subject: name, action: "cannot load module from", path: dir, errno: .noSuchFileOrDirectory,
                            hint: "module \(name) not found in \(dir): neither modules.dep nor modules.alias names it")
        }
        // A fake root's modules are another system's: they are planned and reported, never inserted into the
        // running kernel, and its modprobe.d `install` commands are never run.
        if dryRun || !root.isLive {
            let (r, actions) = handle.probeDryRun(options: options)
            try check(r, name: name, path: handle.path ?? dir, tree: tree, before: before)
            let note = root.isLive ? nil : "\(root.absolute("")) is not the running system: planned only, nothing was loaded or run"
            return ModuleLoadResult(module: name, outcome: .planned, options: options, actions: actions, note: note, status: before)
        }
        let (_, actions) = handle.probeDryRun(options: options)
        // libkmod runs modprobe.d's install commands through the shell as root: only from files root alone
        // can change.
        if actions.contains(where: { $0.hasPrefix("install ") }) {
            try ModprobeConfigTrust.requireTrusted(root: root)
        }
        let r = handle.probeInsert(options: options)
        try check(r, name: name, path: handle.path ?? dir, tree: tree, before: before)
        return ModuleLoadResult(module: name, outcome: .loaded, options: options, actions: actions, note: nil,
                                status: status(of: name, presence: presence ?? known?.presence, configSymbol: known?.configSymbol))
    }

    /// libkmod's result as a HostError: the kernel's errno, with libkmod's own message and a hint.
    private func check(_ r: Int32, name: String, path: String, tree: ModuleTree, before: ModuleStatus) throws(HostError) {
        if r == 0 { return }
        if r > 0 {
            throw HostError(subject: name, action: "will not load module", path: path, errno: nil,
                            hint: "a 'blacklist \(name)' line in modprobe.d names it; remove that line to load it")
        }
        let errno = Errno(rawValue: -r)
        var hint: String? = switch errno {
        case .notPermitted, .permissionDenied: "loading modules needs root with CAP_SYS_MODULE, and kernel.modules_disabled must be 0"
        case .noSuchFileOrDirectory: "module \(name) or a dependency not found in \(tree.directory)"
        case .execFormatError: "the module was built for a different kernel or architecture"
        case .invalidArgument: "the kernel refused the module or its options; see dmesg"
        case .fileExists: "already loaded"
        default: nil
        }
        if let log = tree.takeLog() { hint = [hint, "libkmod: \(log)"].compactMap { $0 }.joined(separator: "; ") }
        throw HostError(subject: name, action: "cannot load module", path: path, errno: errno, hint: hint)
    }
}
