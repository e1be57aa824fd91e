import CShimSystem
import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// Page-sized O_DIRECT reads and writes on /dev/zramN. O_DIRECT makes each write reach zram_write_page
/// synchronously, one page per call, so mm_stat reflects it as soon as pwrite returns.
public final class ZramBlockIO {
    public let device: ZramDevice
    private let fd: Int32
    /// O_DIRECT needs an aligned buffer; callers' pages are copied through it.
    private let buffer: UnsafeMutableRawPointer

    public init(device: ZramDevice) throws(HostError) {
        self.device = device
        let path = device.devicePath
        let fd = cshim_open_direct(path, O_RDWR)
        if fd < 0 {
            throw HostError(subject: device.name, action: "cannot open for direct I/O", path: path,
                            errno: Errno(rawValue: errno), hint: errno == ENOENT ? "no such device node" : nil)
        }
        self.fd = fd
        buffer = .allocate(byteCount: pageSize, alignment: pageSize)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Writes one 4 KiB page to page slot `index` (byte offset index * 4096).
    public func writePage(_ page: UnsafeRawBufferPointer, at index: Int) throws(HostError) {
        precondition(page.count == pageSize, "a page is exactly \(pageSize) bytes")
        buffer.copyMemory(from: page.baseAddress!, byteCount: pageSize)
        while true {
            let n = pwrite(fd, buffer, pageSize, off_t(index) * off_t(pageSize))
            if n == pageSize { return }
            if n < 0 && errno == EINTR { continue }
            let e = n < 0 ? Errno(rawValue: errno) : Errno.ioError
            throw HostError(subject: device.name, action: "cannot write page \(index)", path: device.devicePath,
                            errno: e, hint: e == .noSpace ? "beyond disksize" : nil)
        }
    }

    public func writePage(_ page: [UInt8], at index: Int) throws(HostError) {
        let r = page.withUnsafeBytes { p in Result { () throws(HostError) in try writePage(p, at: index) } }
        try r.get()
    }

    /// Reads page slot `index` into dst (4096 bytes).
    public func readPage(at index: Int, into dst: UnsafeMutableRawBufferPointer) throws(HostError) {
        precondition(dst.count == pageSize, "a page is exactly \(pageSize) bytes")
        while true {
            let n = pread(fd, buffer, pageSize, off_t(index) * off_t(pageSize))
            if n == pageSize { break }
            if n < 0 && errno == EINTR { continue }
            throw HostError(subject: device.name, action: "cannot read page \(index)", path: device.devicePath,
                            errno: n < 0 ? Errno(rawValue: errno) : Errno.ioError)
        }
        dst.baseAddress!.copyMemory(from: buffer, byteCount: pageSize)
    }
}
