import SystemPackage
import TmemCore

/// A memory cgroup in the v1 hierarchy (`/sys/fs/cgroup/memory/NAME`), for putting a workload under a
/// memory limit so that the kernel swaps it out (`tmemctl verify --path swap`).
public struct MemoryCgroupV1: Sendable {
    public let root: SystemRoot
    public let name: String

    public static let hierarchy = "sys/fs/cgroup/memory"

    /// Names are one path component of letters, digits, `-`, `_` and `.`, and not `.`/`..`.
    public init(name: String, root: SystemRoot) throws(HostError) {
        let ok = !name.isEmpty && name != "." && name != ".." && name.utf8.count <= 200
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        guard ok else {
            throw HostError(subject: "cgroup", action: "invalid memory cgroup name '\(name)'", path: "",
                            hint: "use one path component of letters, digits, '-', '_' and '.'")
        }
        self.name = name
        self.root = root
    }

    public static func isAvailable(root: SystemRoot) -> Bool {
        root.exists("\(hierarchy)/memory.limit_in_bytes")
    }

    public var directory: String { "\(Self.hierarchy)/\(name)" }
    public var exists: Bool { root.isDirectory(directory) }

    public func create() throws(HostError) {
        guard Self.isAvailable(root: root) else {
            throw HostError(subject: "cgroup", action: "cannot create memory cgroup \(name) under", path: root.absolute(Self.hierarchy),
                            errno: .noSuchFileOrDirectory, hint: "no cgroup v1 memory hierarchy is mounted at /\(Self.hierarchy)")
        }
        do { try root.makeDirectory(directory) } catch {
            throw HostError(subject: "cgroup \(name)", action: "cannot create", path: root.absolute(directory), errno: error,
                            hint: error == .fileExists ? "it already exists; remove it or pick another name" : nil)
        }
    }

    func write(_ file: String, _ value: String) throws(HostError) {
        let rel = "\(directory)/\(file)"
        do { try root.write(rel, value) } catch {
            throw HostError(subject: "cgroup \(name)", action: "cannot write \(value) to", path: root.absolute(rel), errno: error,
                            hint: error == .resourceBusy ? "the group already uses more than that; lower it after freeing memory" : nil)
        }
    }

    func number(_ file: String) throws(HostError) -> UInt64 {
        let rel = "\(directory)/\(file)"
        return try StatLine.numbers(try root.readForParsing(rel, subject: "cgroup \(name)"), path: root.absolute(rel),
                                    allowedCounts: [1])[0]
    }

    /// Sets memory.limit_in_bytes and returns what the kernel stored (it rounds down to whole pages).
    @discardableResult
    public func setLimit(_ bytes: UInt64) throws(HostError) -> UInt64 {
        try write("memory.limit_in_bytes", "\(bytes)")
        return try limit()
    }

    public func limit() throws(HostError) -> UInt64 { try number("memory.limit_in_bytes") }
    public func usage() throws(HostError) -> UInt64 { try number("memory.usage_in_bytes") }

    /// Moves a whole process (all its threads) into the group.
    public func add(pid: Int32) throws(HostError) { try write("cgroup.procs", "\(pid)") }

    /// PIDs in the group.
    public func processes() throws(HostError) -> [Int32] {
        let rel = "\(directory)/cgroup.procs"
        return try root.readForParsing(rel, subject: "cgroup \(name)").split(separator: "\n").compactMap { Int32($0) }
    }

    /// `memory.stat` as name → value (swap, rss, cache, ...).
    public func stat() throws(HostError) -> [String: UInt64] {
        let rel = "\(directory)/memory.stat"
        var out: [String: UInt64] = [:]
        for line in try root.readForParsing(rel, subject: "cgroup \(name)").split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count == 2, let v = UInt64(f[1]) else {
                throw HostError.malformed("line '\(line)'", in: root.absolute(rel))
            }
            out[String(f[0])] = v
        }
        return out
    }

    /// Moves any remaining processes to the parent group, then removes the directory.
    public func remove() throws(HostError) {
        guard exists else { return }
        for pid in (try? processes()) ?? [] {
            let rel = "\(Self.hierarchy)/cgroup.procs"
            try? root.write(rel, "\(pid)")
        }
        do { try root.removeDirectory(directory) } catch {
            throw HostError(subject: "cgroup \(name)", action: "cannot remove", path: root.absolute(directory), errno: error,
                            hint: error == .resourceBusy ? "processes are still in the group" : nil)
        }
    }
}
