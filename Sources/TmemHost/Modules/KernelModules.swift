import SystemPackage
import TmemCore

/// Kernel modules on this host: whether one is built in, loaded or loadable, and loading it the way modprobe
/// does (libkmod: modules.dep, modprobe.d options and blacklist). State comes from sysfs/procfs under the root;
/// the module tree is `/lib/modules/RELEASE` under the root.
public struct KernelModules: Sendable {
    public let root: SystemRoot

    public init(root: SystemRoot) { self.root = root }

    /// The kernel's spelling of a module name: /sys/module and /proc/modules use underscores.
    public static func normalized(_ name: String) -> String { name.replacingDashes() }

    public var support: ModuleSupport {
        let release = KernelRelease.read(root: root)
        let dir = release.map { "lib/modules/\($0)" }
        let cmdline = RunningCommandLine.read(root: root) ?? ""
        return ModuleSupport(release: release, loadableModules: root.exists("proc/modules"),
                             moduleDirectory: dir.map(root.absolute), moduleDirectoryExists: dir.map(root.isDirectory) ?? false,
                             commandLineNomodule: cmdline.split(whereSeparator: \.isWhitespace).contains("nomodule"))
    }

    /// A module's state. `presence` is a root-relative path that exists only while the driver is present (for
    /// zram, sys/class/zram-control): it tells a built-in driver apart when nothing else does, because a
    /// built-in module without parameters has no /sys/module entry and a kernel without modules has no tree.
    /// `configSymbol` (CONFIG_ZRAM) is checked against the kernel's config (`KernelConfig`):
    /// `=y` means built in.
    public func status(of module: String, presence: String? = nil, configSymbol: String? = nil) -> ModuleStatus {
        let name = Self.normalized(module)
        let support = self.support
        let sysDir = "sys/module/\(name)"
        if let state = try? root.read("\(sysDir)/initstate").trimmingWhitespace() {
            let s: ModuleState = switch state { case "coming": .coming; case "going": .going; default: .live }
            return described(name, s, "\(root.absolute(sysDir))/initstate: \(state)", support)
        }
        if root.isDirectory(sysDir) {
            return described(name, .builtin, "\(root.absolute(sysDir)) exists without initstate", support)
        }
        if let release = support.release, builtinList(release: release).contains(name) {
            return described(name, .builtin, "listed in \(root.absolute("lib/modules/\(release)/modules.builtin"))", support)
        }
        if let symbol = configSymbol, let config = KernelConfig.read(root: root, release: support.release),
           config.value(symbol) == "y" {
            return described(name, .builtin, "\(symbol)=y in \(config.path)", support)
        }
        if let p = presence, root.exists(p) {
            // Present but not a loaded module (a loaded one has initstate): compiled in.
            return described(name, .builtin, "\(root.absolute(p)) exists and \(name) is not a loaded module", support)
        }
        if !support.loadableModules {
            return ModuleStatus(name: name, state: .unsupported, evidence: support.limitation ?? "no /proc/modules")
        }
        return described(name, .notFound, "", support)
    }

    /// Names in modules.builtin (`kernel/drivers/block/zram/zram.ko` gives `zram`).
    func builtinList(release: String) -> Set<String> {
        guard let text = try? root.read("lib/modules/\(release)/modules.builtin") else { return [] }
        return Set(text.split(separator: "\n").compactMap { line in
            line.split(separator: "/").last.map { String($0.hasSuffix(".ko") ? $0.dropLast(3) : $0).replacingDashes() }
        })
    }

    /// Adds what the module tree knows (path, dependencies, options, blacklist) and decides loadable/not-found.
    private func described(_ name: String, _ state: ModuleState, _ evidence: String, _ support: ModuleSupport) -> ModuleStatus {
        var status = ModuleStatus(name: name, state: state, evidence: evidence)
        guard support.moduleDirectoryExists, let dir = support.moduleDirectory else {
            if state == .notFound { status.evidence = support.limitation ?? "no module tree" }
            return status
        }
        let tree: ModuleTree
        do { tree = try ModuleTree(directory: dir, configRoot: root) } catch {
            // The state read from sysfs stands; only what libkmod would add is missing, and the evidence says why.
            status.evidence = state == .notFound ? error.description : "\(evidence); \(error.description)"
            return status
        }
        status.blacklisted = tree.blacklist().contains(name)
        if let m = tree.lookup(name).first(where: { $0.name == name }) ?? tree.lookup(name).first {
            status.path = m.path
            status.dependencies = m.dependencies
            status.configuredOptions = m.configuredOptions
        }
        if state == .notFound {
            if let p = status.path {
                status.state = .loadable
                status.evidence = "not loaded; found \(p)"
            } else {
                status.evidence = "not loaded and not found in \(dir)"
            }
        }
        return status
    }
}

extension String {
    fileprivate func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}

extension KernelModules {
    /// What to tell an admin to make `module` available: modprobe where the kernel loads modules, otherwise that
    /// it has to be built in (a kernel without CONFIG_MODULES has no /proc/modules, and modprobe cannot help).
    /// The one place the CLI's hints mention modprobe.
    public func loadHint(_ module: String) -> String {
        if support.loadableModules { return "load its module first (modprobe \(module))" }
        return "this kernel cannot load modules (no /proc/modules, built without CONFIG_MODULES): \(module) has to be built in"
    }
}
