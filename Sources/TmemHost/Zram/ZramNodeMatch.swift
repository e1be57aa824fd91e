import TmemCore
#if canImport(Glibc)
import Glibc
#endif

extension ZramDevice {
    /// Whether `path` (as /proc/swaps or a mount table names it, maybe a link such as /dev/disk/by-label/x)
    /// is this device's block node: the same `major:minor` as the device's `dev` attribute.
    public func isNode(_ path: String) -> Bool {
        if path == "/dev/\(name)" { return true }
        var st = stat()
        guard let number = deviceNumber, stat(root.absolute(path), &st) == 0, (st.st_mode & S_IFMT) == S_IFBLK else { return false }
        // glibc's gnu_dev_major/minor encoding of a 64-bit dev_t.
        let dev = UInt64(st.st_rdev)
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff))
        let minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        return number == "\(major):\(minor)"
    }
}
