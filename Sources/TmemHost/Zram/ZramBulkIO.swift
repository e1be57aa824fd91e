import CShim
import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// Pages in one page-aligned buffer, as O_DIRECT needs them; filled once, outside any timed section.
public final class AlignedPages {
    public let pointer: UnsafeMutableRawPointer
    public let byteCount: Int

    public init(_ corpus: PageCorpus) {
        byteCount = corpus.bytes.count
        pointer = .allocate(byteCount: byteCount, alignment: pageSize)
        corpus.bytes.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: byteCount) }
    }

    public init(byteCount: Int) {
        self.byteCount = byteCount
        pointer = .allocate(byteCount: byteCount, alignment: pageSize)
    }

    deinit { pointer.deallocate() }
}

/// Large O_DIRECT writes and reads on /dev/zramN, the way `dd bs=1M oflag=direct` drives a device: the kernel's
/// own throughput with one writer, without a system call per page (the block layer still splits each write
/// into bios and zram handles it page by page).
public enum ZramBulkIO {
    public static let chunk = 1 << 20

    public static func write(_ pages: AlignedPages, to device: ZramDevice) throws(HostError) {
        try transfer(pages, device: device, writing: true)
    }

    public static func read(into pages: AlignedPages, from device: ZramDevice) throws(HostError) {
        try transfer(pages, device: device, writing: false)
    }

    static func transfer(_ pages: AlignedPages, device: ZramDevice, writing: Bool) throws(HostError) {
        let path = device.devicePath
        let fd = cshim_open_direct(path, writing ? O_WRONLY : O_RDONLY)
        if fd < 0 {
            throw HostError(subject: device.name, action: "cannot open for direct I/O", path: path, errno: Errno(rawValue: errno))
        }
        defer { close(fd) }
        var done = 0
        while done < pages.byteCount {
            let n = min(chunk, pages.byteCount - done)
            let r = writing ? pwrite(fd, pages.pointer + done, n, off_t(done)) : pread(fd, pages.pointer + done, n, off_t(done))
            if r < 0 && errno == EINTR { continue }
            if r <= 0 {
                throw HostError(subject: device.name, action: "cannot \(writing ? "write" : "read") at byte \(done)", path: path,
                                errno: r < 0 ? Errno(rawValue: errno) : .ioError)
            }
            done += r
        }
    }
}
