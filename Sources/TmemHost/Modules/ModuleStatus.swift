/// One module's state with the evidence for it: what `tmemctl module status` prints.
public struct ModuleStatus: Codable, Sendable, Equatable {
    /// The kernel's name for it (dashes become underscores, as in /sys/module).
    public var name: String
    public var state: ModuleState
    /// How the state was decided, e.g. "/sys/module/zram/initstate: live" or "listed in modules.builtin".
    public var evidence: String
    /// The .ko file, when the module tree has it.
    public var path: String?
    /// Modules loaded before it (modules.dep), nearest last.
    public var dependencies: [String]
    /// `options NAME ...` lines from modprobe.d that a load applies.
    public var configuredOptions: String?
    /// Named by a `blacklist NAME` line in modprobe.d.
    public var blacklisted: Bool

    public init(name: String, state: ModuleState, evidence: String, path: String? = nil, dependencies: [String] = [],
                configuredOptions: String? = nil, blacklisted: Bool = false) {
        self.name = name
        self.state = state
        self.evidence = evidence
        self.path = path
        self.dependencies = dependencies
        self.configuredOptions = configuredOptions
        self.blacklisted = blacklisted
    }
}

/// Whether this kernel can load modules at all, and from where.
public struct ModuleSupport: Codable, Sendable, Equatable {
    /// The running kernel's release (`/proc/sys/kernel/osrelease`).
    public var release: String?
    /// /proc/modules exists: the kernel was built with CONFIG_MODULES.
    public var loadableModules: Bool
    /// `/lib/modules/RELEASE`, absolute.
    public var moduleDirectory: String?
    public var moduleDirectoryExists: Bool
    /// `nomodule` appears on the kernel command line.
    public var commandLineNomodule: Bool

    public init(release: String?, loadableModules: Bool, moduleDirectory: String?, moduleDirectoryExists: Bool,
                commandLineNomodule: Bool) {
        self.release = release
        self.loadableModules = loadableModules
        self.moduleDirectory = moduleDirectory
        self.moduleDirectoryExists = moduleDirectoryExists
        self.commandLineNomodule = commandLineNomodule
    }

    /// One sentence for an admin when modules cannot be loaded; nil when they can.
    public var limitation: String? {
        if !loadableModules {
            var s = "this kernel has no loadable module support: there is no /proc/modules, so it was built without CONFIG_MODULES"
            if commandLineNomodule { s += "; its command line also says 'nomodule'" }
            return s + "; only built-in drivers are available"
        }
        if !moduleDirectoryExists, let dir = moduleDirectory {
            return "no module tree for this kernel at \(dir) (install the kernel's modules package, e.g. linux-image-\(release ?? "RELEASE"))"
        }
        return nil
    }
}
