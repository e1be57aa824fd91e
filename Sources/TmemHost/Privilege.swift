#if canImport(Glibc)
import Glibc
#endif

extension SystemRoot {
    /// May this process do what needs root here? On the live system only as euid 0 (zram-control, swap,
    /// cgroups, another process's memory are root-only); a fake root is a tree of plain files and needs nothing.
    public var isPrivileged: Bool { !isLive || geteuid() == 0 }
}
