/// Where a kernel module stands on this host, as the kernel (sysfs, procfs) and the module tree report it.
public enum ModuleState: String, Codable, Sendable, CaseIterable {
    /// Compiled into the kernel: always present, options only on the kernel command line (`zram.num_devices=4`).
    case builtin
    /// Loaded and initialized (`/sys/module/NAME/initstate` = live).
    case live
    /// Loaded, its init function still running.
    case coming
    /// Being unloaded.
    case going
    /// Not loaded; its .ko is in `/lib/modules/RELEASE`, so it can be loaded.
    case loadable
    /// Not loaded and not in the module tree (or there is no module tree for this kernel).
    case notFound = "not-found"
    /// Not built in, and the kernel cannot load modules at all (no /proc/modules).
    case unsupported

    public var isPresent: Bool { self == .builtin || self == .live || self == .coming }
}
