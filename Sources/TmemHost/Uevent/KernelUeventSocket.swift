import SystemPackage
#if canImport(Glibc)
import Glibc
#endif

/// The kernel's uevent broadcast (netlink family NETLINK_KOBJECT_UEVENT, multicast group 1 = "kernel"), read
/// directly, so devices appearing and disappearing are seen without udevd. Only on the live root: a fake root
/// has no kernel to listen to (docs/kernel-notes.md#uevent-netlink).
public final class KernelUeventSocket {
    /// linux/netlink.h, not exported by Glibc's module map.
    static let netlinkKobjectUevent: Int32 = 15
    static let kernelGroup: UInt32 = 1

    /// `struct sockaddr_nl` (linux/netlink.h): family, pad, port id, multicast groups; 12 bytes.
    struct NetlinkAddress {
        var family: UInt16 = UInt16(AF_NETLINK)
        var pad: UInt16 = 0
        var pid: UInt32 = 0
        var groups: UInt32 = 0
    }

    public let fd: Int32

    public init() throws(HostError) {
        precondition(MemoryLayout<NetlinkAddress>.size == 12, "sockaddr_nl is 12 bytes")
        let s = socket(AF_NETLINK, Int32(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue | SOCK_NONBLOCK.rawValue),
                       Self.netlinkKobjectUevent)
        if s < 0 {
            throw HostError(subject: "uevent", action: "cannot open the kernel's uevent socket", path: "netlink:kobject_uevent",
                            errno: Errno(rawValue: errno))
        }
        var addr = NetlinkAddress(groups: Self.kernelGroup)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<NetlinkAddress>.size)) }
        }
        if rc != 0 {
            let e = Errno(rawValue: errno)
            close(s)
            throw HostError(subject: "uevent", action: "cannot join the kernel's uevent group", path: "netlink:kobject_uevent",
                            errno: e, hint: e == .notPermitted ? "listening to uevents needs root in some containers" : nil)
        }
        fd = s
    }

    deinit { close(fd) }

    /// Waits up to `timeout` seconds for the socket to be readable; false on timeout or when a signal arrived
    /// (EINTR: the caller checks for it).
    public func wait(timeout: Double) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ms = Int32(max(0, min(timeout * 1000, Double(Int32.max))).rounded(.up))
        return poll(&p, 1, ms) > 0 && (p.revents & Int16(POLLIN)) != 0
    }

    /// Every uevent waiting in the socket, without blocking.
    public func drain() -> [KernelUevent] {
        var events: [KernelUevent] = []
        var buf = [UInt8](repeating: 0, count: 8192)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n < 0 {
                if errno == EINTR { continue }
                break   // EAGAIN: empty; ENOBUFS: the kernel dropped some, the next listing catches up
            }
            if n == 0 { break }
            if let e = KernelUevent(datagram: Array(buf[0..<n])) { events.append(e) }
        }
        return events
    }
}
