import CShimSystem
#if canImport(Glibc)
import Glibc
#endif

/// A block device as udev's database describes it.
public struct UdevBlockDevice: Codable, Sendable, Equatable {
    public var sysname: String
    public var devnode: String?
    /// udev has processed the device's add event (its database entry exists).
    public var isInitialized: Bool
    /// blkid's finding, e.g. "swap" (ID_FS_TYPE), once udev has probed it.
    public var fsType: String?
}

/// zram block devices through libudev, and waiting until udev has finished with one. libudev reads the live
/// /sys and /run/udev, so this is for the live host only (fake roots have no udev).
public final class UdevDevices {
    private let udev: OpaquePointer

    public init?() {
        guard let u = udev_new() else { return nil }
        udev = u
    }

    deinit { udev_unref(udev) }

    /// systemd-udevd (or eudev) is running: its control socket exists. Without it nothing probes devices,
    /// and nothing will ever mark one initialized.
    public static var isDaemonRunning: Bool { access("/run/udev/control", F_OK) == 0 }

    /// Block devices named zram*, by number.
    public func zramDevices() -> [UdevBlockDevice] {
        guard let e = udev_enumerate_new(udev) else { return [] }
        defer { udev_enumerate_unref(e) }
        udev_enumerate_add_match_subsystem(e, "block")
        udev_enumerate_add_match_sysname(e, "zram*")
        udev_enumerate_scan_devices(e)
        var out: [UdevBlockDevice] = []
        // udev_list_entry_foreach, written out with the function it expands to.
        var entry = udev_enumerate_get_list_entry(e)
        while let current = entry {
            if let syspath = udev_list_entry_get_name(current),
               let d = udev_device_new_from_syspath(udev, syspath) {
                out.append(Self.describe(d))
                udev_device_unref(d)
            }
            entry = udev_list_entry_get_next(current)
        }
        return out.sorted { ($0.sysname.count, $0.sysname) < ($1.sysname.count, $1.sysname) }
    }

    public func device(named sysname: String) -> UdevBlockDevice? {
        guard let d = udev_device_new_from_subsystem_sysname(udev, "block", sysname) else { return nil }
        defer { udev_device_unref(d) }
        return Self.describe(d)
    }

    public enum WaitOutcome: String, Sendable, Equatable {
        /// udev has processed the device and has no events queued.
        case settled
        /// No udev daemon: nobody will open the device behind our back.
        case noDaemon = "no-daemon"
        /// The device is gone (or never existed).
        case noDevice = "no-device"
        case timedOut = "timed-out"
    }

    /// Waits, at most `timeoutMilliseconds`, until udev has processed the device (initialized) and its event
    /// queue is empty: then its blkid probe no longer holds the node open, and reset or hot_remove will not
    /// see EBUSY from udev. Polls every 5 ms; udev usually finishes in tens of milliseconds.
    public func waitUntilSettled(_ sysname: String, timeoutMilliseconds: Int = 2000) -> WaitOutcome {
        guard Self.isDaemonRunning else { return .noDaemon }
        let queue = udev_queue_new(udev)
        defer { if let queue { udev_queue_unref(queue) } }
        var waited = 0
        while true {
            guard let d = device(named: sysname) else { return .noDevice }
            let idle = queue.map { udev_queue_get_queue_is_empty($0) != 0 } ?? true
            if d.isInitialized && idle { return .settled }
            if waited >= timeoutMilliseconds { return .timedOut }
            usleep(5_000)
            waited += 5
        }
    }

    private static func describe(_ d: OpaquePointer) -> UdevBlockDevice {
        func text(_ p: UnsafePointer<CChar>?) -> String? { p.map { String(cString: $0) } }
        return UdevBlockDevice(sysname: text(udev_device_get_sysname(d)) ?? "",
                               devnode: text(udev_device_get_devnode(d)),
                               isInitialized: udev_device_get_is_initialized(d) != 0,
                               fsType: text(udev_device_get_property_value(d, "ID_FS_TYPE")))
    }
}
