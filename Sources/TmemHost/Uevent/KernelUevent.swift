/// One kernel uevent as the kernel broadcasts it on NETLINK_KOBJECT_UEVENT: `ACTION@DEVPATH` and then
/// `KEY=VALUE` fields, NUL-separated (lib/kobject_uevent.c). udevd's re-broadcasts start with `libudev`
/// instead and are not read here: no udevd runs on the hosts tmemctl is tested on.
public struct KernelUevent: Equatable, Sendable {
    public var action: String
    public var devpath: String
    public var fields: [String: String]

    public init(action: String, devpath: String, fields: [String: String]) {
        self.action = action
        self.devpath = devpath
        self.fields = fields
    }

    /// nil for anything that is not a kernel uevent message.
    public init?(datagram: [UInt8]) {
        let parts = datagram.split(separator: 0, omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) }
        guard let header = parts.first, let at = header.firstIndex(of: "@") else { return nil }
        var f: [String: String] = [:]
        for p in parts.dropFirst() {
            guard let eq = p.firstIndex(of: "=") else { continue }
            f[String(p[..<eq])] = String(p[p.index(after: eq)...])
        }
        action = f["ACTION"] ?? String(header[..<at])
        devpath = f["DEVPATH"] ?? String(header[header.index(after: at)...])
        fields = f
    }

    public var subsystem: String? { fields["SUBSYSTEM"] }
    /// `zram3` for /dev/zram3.
    public var devname: String? { fields["DEVNAME"] }

    /// The zram device an add or remove of a block device names; nil for every other event.
    public var zramDevice: String? {
        guard subsystem == "block", action == "add" || action == "remove",
              let name = devname ?? devpath.split(separator: "/").last.map(String.init),
              name.hasPrefix("zram"), name.dropFirst(4).allSatisfy({ $0.isASCII && $0.isNumber }), name.count > 4
        else { return nil }
        return name
    }
}
