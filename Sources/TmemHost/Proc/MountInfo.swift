/// One line of `/proc/self/mountinfo` (proc(5)): what is mounted where, by device number.
public struct MountEntry: Equatable, Sendable {
    public var device: String      // "major:minor"
    public var mountPoint: String
    public var fsType: String
    public var source: String

    public init(device: String, mountPoint: String, fsType: String, source: String) {
        self.device = device
        self.mountPoint = mountPoint
        self.fsType = fsType
        self.source = source
    }
}

public enum MountInfo {
    public static func parse(_ text: String, file: String = "/proc/self/mountinfo") throws(HostError) -> [MountEntry] {
        var entries: [MountEntry] = []
        for line in text.asciiSplit("\n") {
            let f = line.asciiSplit(" ", omittingEmptySubsequences: false)
            // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
            guard f.count >= 10, let dash = f[6...].firstIndex(of: "-"), dash + 2 < f.count, f[2].contains(":") else {
                throw HostError.malformed("line '\(line)'", in: file)
            }
            entries.append(MountEntry(device: String(f[2]), mountPoint: unescapeOctal(f[4]),
                                      fsType: String(f[dash + 1]), source: unescapeOctal(f[dash + 2])))
        }
        return entries
    }

    static let relativePath = "proc/self/mountinfo"

    public static func read(root: SystemRoot) throws(HostError) -> [MountEntry] {
        try parse(try root.readForParsing(relativePath, subject: "mountinfo"), file: root.absolute(relativePath))
    }

    /// No mounts when the root has no mountinfo (a fake root without one); a file that is there must parse.
    public static func readIfPresent(root: SystemRoot) throws(HostError) -> [MountEntry] {
        root.exists(relativePath) ? try read(root: root) : []
    }
}
