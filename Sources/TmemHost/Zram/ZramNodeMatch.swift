import TmemCore

extension ZramDevice {
    /// Whether `path` (as /proc/swaps or a mount table names it, maybe a link such as /dev/disk/by-label/x)
    /// is this device's block node: the same `major:minor` as the device's `dev` attribute.
    public func isNode(_ path: String) -> Bool {
        if path == "/dev/\(name)" { return true }
        guard let number = deviceNumber, let node = try? BlockDeviceNode(path: path, root: root) else { return false }
        return number == node.number
    }
}
