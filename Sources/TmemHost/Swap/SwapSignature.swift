import SystemPackage
import TmemCore
#if canImport(Glibc)
import Glibc
#endif

/// The version-1 swap header that mkswap writes in the first page (Linux `union swap_header`): boot bits
/// (1024 bytes, zeroed), then version, last_page, nr_badpages (u32 each, native endian), a 16-byte UUID,
/// a 16-byte label, and `SWAPSPACE2` in the page's last 10 bytes.
public struct SwapSignature: Equatable, Sendable {
    public var lastPage: UInt32
    public var uuid: [UInt8]
    public var label: String

    /// mkswap refuses fewer than 10 pages; so does tmemctl.
    public static let minimumPages: UInt64 = 10
    public static let magic = Array("SWAPSPACE2".utf8)

    public init(lastPage: UInt32, uuid: [UInt8], label: String = "") {
        self.lastPage = lastPage
        self.uuid = uuid
        self.label = label
    }

    /// A random (version 4) UUID and the last page of a device of `size` bytes.
    public init(deviceSize size: UInt64, label: String = "", random: inout some RandomNumberGenerator) throws(HostError) {
        let pages = size / UInt64(pageSize)
        guard pages >= Self.minimumPages else {
            throw HostError(subject: "swap", action: "cannot make swap on \(size) bytes", path: "",
                            hint: "swap needs at least \(Self.minimumPages) pages (\(Self.minimumPages * UInt64(pageSize)) bytes)")
        }
        guard label.utf8.count <= 16 else {
            throw HostError(subject: "swap", action: "cannot use label '\(label)'", path: "", hint: "a swap label has at most 16 bytes")
        }
        var u = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        u[6] = (u[6] & 0x0f) | 0x40
        u[8] = (u[8] & 0x3f) | 0x80
        self.init(lastPage: UInt32(min(pages - 1, UInt64(UInt32.max))), uuid: u, label: label)
    }

    /// The first page of the device, exactly.
    public var page: [UInt8] {
        var p = [UInt8](repeating: 0, count: pageSize)
        func put32(_ v: UInt32, at o: Int) { withUnsafeBytes(of: v.littleEndian) { p.replaceSubrange(o..<o + 4, with: $0) } }
        put32(1, at: 1024)                 // version
        put32(lastPage, at: 1028)
        put32(0, at: 1032)                 // nr_badpages
        p.replaceSubrange(1036..<1052, with: uuid)
        let l = Array(label.utf8.prefix(16))
        p.replaceSubrange(1052..<1052 + l.count, with: l)
        p.replaceSubrange(pageSize - 10..<pageSize, with: Self.magic)
        return p
    }

    /// Reads a header back; nil when the page carries no SWAPSPACE2 magic.
    public init?(page p: [UInt8]) {
        guard p.count >= pageSize, Array(p[pageSize - 10..<pageSize]) == Self.magic else { return nil }
        func get32(_ o: Int) -> UInt32 { UInt32(p[o]) | UInt32(p[o + 1]) << 8 | UInt32(p[o + 2]) << 16 | UInt32(p[o + 3]) << 24 }
        guard get32(1024) == 1 else { return nil }
        let labelBytes = p[1052..<1068].prefix(while: { $0 != 0 })
        self.init(lastPage: get32(1028), uuid: Array(p[1036..<1052]), label: String(decoding: labelBytes, as: UTF8.self))
    }

    /// Writes the header page at offset 0 of `path` and syncs it.
    public func write(to path: String) throws(HostError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd < 0 {
            throw HostError(subject: "swap", action: "cannot open for the swap signature", path: path, errno: Errno(rawValue: errno))
        }
        defer { close(fd) }
        let bytes = page
        let n = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        if n != bytes.count {
            throw HostError(subject: "swap", action: "cannot write the swap signature to", path: path,
                            errno: n < 0 ? Errno(rawValue: errno) : .ioError)
        }
        if fsync(fd) != 0 {
            throw HostError(subject: "swap", action: "cannot sync the swap signature on", path: path, errno: Errno(rawValue: errno))
        }
    }

    public static func read(from path: String) throws(HostError) -> SwapSignature? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw HostError(subject: "swap", action: "cannot open", path: path, errno: Errno(rawValue: errno)) }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: pageSize)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 { throw HostError(subject: "swap", action: "cannot read", path: path, errno: Errno(rawValue: errno)) }
        return n == pageSize ? SwapSignature(page: buf) : nil
    }
}

extension SwapSignature {
    public init(deviceSize size: UInt64, label: String = "") throws(HostError) {
        var rng = SystemRandomNumberGenerator()
        try self.init(deviceSize: size, label: label, random: &rng)
    }
}
