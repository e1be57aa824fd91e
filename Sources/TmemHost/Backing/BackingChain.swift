import TmemCore

/// What stands behind a zram device's backing_dev: a loop device's file, through a dm-crypt mapping or not.
/// zram shows the node it opened as the kernel names it (`/dev/loop3`, `/dev/dm-0`: a /dev/mapper link is
/// resolved), so the chain is followed through sysfs: dm-N's `slaves/` to the loop device, its `loop/backing_file`.
public struct BackingChain: Equatable, Sendable {
    /// The loop device's backing file, nil when backing_dev is no loop device (or a dm device over none).
    public var file: String?
    /// `loop3`, when a loop device is in the chain.
    public var loop: String?
    /// The dm device's name (`dm/name`, such as `tmemctl-zram1`), when backing_dev is a dm device.
    public var mapping: String?

    public init(file: String? = nil, loop: String? = nil, mapping: String? = nil) {
        self.file = file
        self.loop = loop
        self.mapping = mapping
    }

    public static func resolve(backingDev: String, root: SystemRoot) -> BackingChain {
        var chain = BackingChain()
        // A node removed after zram opened it is shown with the suffix d_path gives it (cryptsetup without udev
        // makes /dev/mapper/NAME itself and removes it at the deferred close, while the mapping lives on).
        let shown = backingDev.hasSuffix(" (deleted)") ? String(backingDev.dropLast(10)) : backingDev
        var block = shown.split(separator: "/").last.map(String.init) ?? shown
        if shown.hasPrefix("/dev/mapper/") {
            let wanted = block
            block = root.list("sys/block").first { (try? root.read("sys/block/\($0)/dm/name"))?.trimmingWhitespace() == wanted } ?? block
        }
        if block.hasPrefix("dm-") {
            chain.mapping = (try? root.read("sys/block/\(block)/dm/name"))?.trimmingWhitespace()
            block = root.list("sys/block/\(block)/slaves").first { $0.hasPrefix("loop") } ?? block
        }
        if block.hasPrefix("loop") {
            chain.loop = block
            chain.file = LoopDevice.state(name: block, root: root).backingFile
        }
        return chain
    }
}

/// Namespace of the sysfs side of loop devices (the ioctl side is `LoopAttachment`).
public enum LoopDevice {}
