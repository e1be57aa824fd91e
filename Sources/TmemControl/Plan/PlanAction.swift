import TmemCore
import TmemHost

/// One step of a plan, in the order apply runs it. Paths are root-relative; the JSON and text show them absolute.
public enum PlanAction: Equatable, Sendable, CustomStringConvertible {
    /// hot_add, expecting the kernel to answer `device` (it returns the lowest free index). `temporary`: a device
    /// passed on the way to a higher index, removed again once that one exists.
    case create(device: String, temporary: Bool)
    case remove(device: String)
    case swapoff(device: String)
    case umount(device: String, point: String)
    case reset(device: String)
    /// A sysfs or procfs write: a zram attribute, a zswap parameter or a sysctl.
    case write(device: String?, path: String, value: String)
    /// The system's mkswap on the device node.
    case mkswap(device: String)
    /// The system's mkfs.TYPE on the device node.
    case mkfs(device: String, fsType: String)
    case swapon(device: String, priority: Int, options: String)
    /// The system's mount(8): `mount -t TYPE [-o OPTIONS] /dev/zramN POINT`.
    case mount(device: String, point: String, fsType: String, options: String)
    /// A boot configuration file rewritten (the existing boot code's edit), with its unified diff.
    case bootFile(path: String, diff: String)
    /// `writeback-device = file:PATH SIZE`: the file made (or reused), bound to a free loop device with direct
    /// I/O and autoclear, dm-crypt opened over it when `encrypt`, and the result written to backing_dev; all
    /// before disksize. Nothing is left to tear down: zram's reset releases it all (TmemHost's LoopAttachment,
    /// CryptBacking).
    case backingFile(device: String, path: String, sizeBytes: UInt64, reuse: Bool, encrypt: Bool)

    public var kind: String {
        switch self {
        case .create: "create"
        case .remove: "remove"
        case .swapoff: "swapoff"
        case .umount: "umount"
        case .reset: "reset"
        case .write: "write"
        case .mkswap: "mkswap"
        case .mkfs: "mkfs"
        case .swapon: "swapon"
        case .mount: "mount"
        case .bootFile: "boot-file"
        case .backingFile: "backing-file"
        }
    }

    public var device: String? {
        switch self {
        case .create(let d, _), .remove(let d), .swapoff(let d), .umount(let d, _), .reset(let d), .mkswap(let d),
             .mkfs(let d, _), .swapon(let d, _, _), .mount(let d, _, _, _), .backingFile(let d, _, _, _, _):
            d
        case .write(let d, _, _): d
        case .bootFile: nil
        }
    }

    /// The file or node acted on, root-relative.
    public var path: String {
        switch self {
        case .create: ZramControl.hotAddPath
        case .remove: ZramControl.hotRemovePath
        case .reset(let d): ZramDevice.attributePath(named: d, .reset)
        case .write(_, let p, _): p
        case .swapoff(let d), .mkswap(let d), .mkfs(let d, _), .swapon(let d, _, _): ZramDevice.nodeRelativePath(named: d)
        case .umount(_, let point), .mount(_, let point, _, _): String(point.drop { $0 == "/" })
        case .bootFile(let p, _): p
        case .backingFile(_, let p, _, _, _): String(p.drop { $0 == "/" })
        }
    }

    /// What is written or passed, or nil.
    public var value: String? {
        switch self {
        case .create(_, let temporary): temporary ? "temporary" : nil
        case .remove(let d): String(d.dropFirst(4))
        case .reset: "1"
        case .write(_, _, let v): v
        case .swapon(_, let p, let o): o.isEmpty ? "priority=\(p)" : "priority=\(p) options=\(o)"
        case .mount(_, _, let t, let o): o.isEmpty ? "type=\(t)" : "type=\(t) options=\(o)"
        case .mkfs(_, let t): "type=\(t)"
        case .bootFile(_, let diff): diff
        case .backingFile(_, _, let size, let reuse, let encrypt): "size=\(size) \(reuse ? "reuse" : "create")\(encrypt ? " encrypt" : "")"
        case .swapoff, .umount, .mkswap: nil
        }
    }

    /// The argument vector of the system program the action runs, or nil for a write or system call.
    public var command: [String]? {
        switch self {
        case .mkswap(let d): ["mkswap", ZramDevice.kernelNodeName(named: d)]
        case .mkfs(let d, let t): ["mkfs.\(t)", ZramDevice.kernelNodeName(named: d)]
        case .mount(let d, let point, let t, let o):
            ["mount", "-t", t] + (o.isEmpty ? [] : ["-o", o]) + [ZramDevice.kernelNodeName(named: d), point]
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .create(let d, let temporary): temporary ? "create \(d) (on the way; removed again)" : "create \(d)"
        case .remove(let d): "remove \(d)"
        case .swapoff(let d): "swapoff \(ZramDevice.kernelNodeName(named: d))"
        case .umount(_, let point): "umount \(point)"
        case .reset(let d): "reset \(d)"
        case .write(_, let p, let v): "write \(v) to /\(p)"
        case .mkswap, .mkfs, .mount: command!.joined(separator: " ")
        case .swapon(let d, let p, let o): "swapon \(ZramDevice.kernelNodeName(named: d)) with priority \(p)" + (o.isEmpty ? "" : " (\(o))")
        case .bootFile(let p, _): "rewrite /\(p)"
        case .backingFile: backingFileDescription { "/" + $0 }
        }
    }

    /// The backing-file step in words, `shown` turning a root-relative path into the one to print.
    public func backingFileDescription(_ shown: (String) -> String) -> String {
        guard case .backingFile(let d, let p, let size, let reuse, let encrypt) = self else { return description }
        let file = shown(String(p.drop { $0 == "/" }))
        return (reuse ? "reuse \(file) (\(size) bytes)" : "create \(file) (\(size) bytes, mode 0600, fallocated)")
            + ", bind it to a free loop device (direct I/O, autoclear)"
            + (encrypt ? ", open dm-crypt over that as \(CryptBacking.mapperNode(CryptBacking.mappingName(device: d))) (plain \(CryptBacking.cipher), a random key for this boot)" : "")
            + " and write that to \(shown(ZramDevice.attributePath(named: d, .backingDev)))"
    }
}
