import SystemPackage
import TmemCore

/// One `/sys/block/zramN` device. Attribute access keeps the kernel's errno and names the attribute.
public struct ZramDevice: Sendable, Hashable {
    public let id: Int
    public let root: SystemRoot

    public init(id: Int, root: SystemRoot) {
        self.id = id
        self.root = root
    }

    /// Accepts the kernel's spelling only, `zram3` or `/dev/zram3`; anything else (`../zram0`, `zram3x`, and `3`,
    /// `zram03`, which would silently address zram3) is nil. `nameRefusal` says why.
    public init?(name: String, root: SystemRoot) {
        guard let id = Self.index(ofKernelName: name) else { return nil }
        self.init(id: id, root: root)
    }

    private static func digits(_ name: String) -> (digits: Substring, hadPrefix: Bool) {
        var s = Substring(name)
        if s.hasPrefix("/dev/") { s = s.dropFirst(5) }
        guard s.hasPrefix("zram") else { return (s, false) }
        return (s.dropFirst(4), true)
    }

    private static func index(ofKernelName name: String) -> Int? {
        let (s, prefixed) = digits(name)
        guard prefixed, !s.isEmpty, s.count <= 9, s.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int(s),
              String(id) == s else { return nil }
        return id
    }

    /// Why `name` addresses no device, with the spelling that would (`zram01` → write zram1).
    public static func nameRefusal(_ name: String) -> String {
        let (s, prefixed) = digits(name)
        if !s.isEmpty, s.count <= 9, s.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int(s) {
            let what = prefixed ? "the kernel names that device zram\(id)" : "a bare number names no device"
            return "'\(name)' is not a zram device name (\(what)); write zram\(id) or /dev/zram\(id)"
        }
        return "'\(name)' is not a zram device name; use zramN or /dev/zramN (see `tmemctl status`)"
    }

    public var name: String { "zram\(id)" }
    public var devicePath: String { root.absolute(nodeRelativePath) }
    /// The block node under the root (`dev/zram3`).
    public var nodeRelativePath: String { Self.nodeRelativePath(named: name) }
    /// The node as the kernel names it in /proc/swaps and mountinfo: always `/dev/zram3`, whatever the root.
    public var kernelNodeName: String { Self.kernelNodeName(named: name) }
    public var sysfsDir: String { Self.sysfsDir(named: name) }

    // By name, for plans and messages that name a device before it exists (or after it is gone).
    /// The directory holding every zram device's sysfs directory (and every other block device's).
    public static let sysfsParentDir = "sys/block"
    public static func sysfsDir(named name: String) -> String { "\(sysfsParentDir)/\(name)" }
    public static func attributePath(named name: String, _ attribute: ZramAttribute) -> String {
        "\(sysfsDir(named: name))/\(attribute.rawValue)"
    }
    public static func nodeRelativePath(named name: String) -> String { "dev/\(name)" }
    public static func kernelNodeName(named name: String) -> String { SystemRoot.kernelName(nodeRelativePath(named: name)) }
    public var exists: Bool { root.isDirectory(sysfsDir) }

    public func attributePath(_ attribute: String) -> String { "\(sysfsDir)/\(attribute)" }
    public func has(_ attribute: String) -> Bool { root.exists(attributePath(attribute)) }

    public func read(_ attribute: String) throws(HostError) -> String {
        do { return try root.read(attributePath(attribute)) } catch {
            throw HostError(subject: name, action: "cannot read",
                            path: root.absolute(attributePath(attribute)), errno: error)
        }
    }

    /// Writes an attribute; `hint` may explain the errno in terms of this attribute.
    public func write(_ attribute: String, _ value: String,
                      hint: (Errno) -> String? = { _ in nil }) throws(HostError) {
        do { try root.write(attributePath(attribute), value) } catch {
            throw HostError(subject: name, action: "cannot write",
                            path: root.absolute(attributePath(attribute)), errno: error, hint: hint(error))
        }
    }
}
