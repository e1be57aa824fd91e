import SystemPackage
import TmemCore

/// `/sys/class/zram-control`: hot_add (reading it creates a device) and hot_remove.
public struct ZramControl: Sendable {
    public let root: SystemRoot
    public static let dir = "sys/class/zram-control"
    public static let hotAddPath = dir + "/hot_add"
    public static let hotRemovePath = dir + "/hot_remove"

    public init(root: SystemRoot) { self.root = root }

    public var isAvailable: Bool { root.exists(Self.dir + "/hot_add") }

    /// The hot_add file, for errors when there is none.
    public var hotAddPath: String { root.absolute(Self.dir + "/hot_add") }

    /// Creates a new zram device and returns it. Each call creates one more device.
    public func hotAdd() throws(HostError) -> ZramDevice {
        let path = Self.dir + "/hot_add"
        let text: String
        do { text = try root.read(path) } catch {
            throw HostError(subject: "zram-control", action: "cannot add a device: read", path: root.absolute(path), errno: error,
                            hint: error == .noSuchFileOrDirectory ? "no zram: this kernel has no zram-control (zram not loaded or not built; modprobe zram)" : nil)
        }
        guard let id = Int(text.trimmingWhitespace()) else {
            throw HostError(subject: "zram-control", action: "cannot add a device: read", path: root.absolute(path),
                            hint: "it returned '\(text.trimmingWhitespace())', not a device id")
        }
        return ZramDevice(id: id, root: root)
    }

    /// Removes a device (the kernel resets it first). EBUSY while it is open (swap, mount).
    public func hotRemove(_ device: ZramDevice) throws(HostError) {
        let path = Self.dir + "/hot_remove"
        do { try root.write(path, "\(device.id)") } catch {
            let hint: String? = switch error {
            case .resourceBusy: device.busyHint()
            case .noSuchAddressOrDevice, .operationNotSupportedByDevice: "no such device"
            default: nil
            }
            throw HostError(subject: device.name, action: "cannot remove the device: write \(device.id) to", path: root.absolute(path), errno: error, hint: hint)
        }
    }

    /// The zram devices present, by id.
    public func devices() -> [ZramDevice] {
        root.list(ZramDevice.sysfsParentDir).compactMap { ZramDevice(name: $0, root: root) }.sorted { $0.id < $1.id }
    }
}
