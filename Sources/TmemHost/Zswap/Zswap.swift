import SystemPackage
import TmemCore

/// zswap's runtime parameters in `/sys/module/zswap/parameters/`, each write read back.
public struct Zswap: Sendable {
    public let root: SystemRoot
    static let dir = "sys/module/zswap/parameters"
    public static var parametersKernelPath: String { SystemRoot.kernelName(dir) }
    /// A parameter's root-relative file, for plans that write it later.
    public static func parameterRelativePath(_ name: String) -> String { "\(dir)/\(name)" }
    /// The parameter a root-relative path names, if it is one of zswap's.
    public static func parameter(atRelativePath path: String) -> ZswapParameter? {
        guard path.hasPrefix(dir + "/") else { return nil }
        return ZswapParameter(rawValue: String(path.dropFirst(dir.count + 1)))
    }

    public init(root: SystemRoot) { self.root = root }

    public var isAvailable: Bool { root.isDirectory(Self.dir) }

    func path(_ p: ZswapParameter) -> String { Self.parameterRelativePath(p.rawValue) }

    /// The module's sysfs directory (absent when the kernel has no zswap).
    public var modulePath: String { root.absolute("sys/module/zswap") }

    /// A parameter's file, for errors about its value.
    public func parameterPath(_ p: ZswapParameter) -> String { root.absolute(path(p)) }

    /// The parameters this kernel has, in the enum's order.
    public var presentParameters: [ZswapParameter] {
        ZswapParameter.allCases.filter { root.exists(path($0)) }
    }

    public func value(_ p: ZswapParameter) throws(HostError) -> String? {
        guard root.exists(path(p)) else { return nil }
        do { return try root.read(path(p)).trimmingWhitespace() } catch {
            throw HostError(subject: "zswap", action: "cannot read", path: root.absolute(path(p)), errno: error)
        }
    }

    /// Every present parameter and its value.
    public func parameters() throws(HostError) -> [ZswapParameter: String] {
        var values: [ZswapParameter: String] = [:]
        for p in presentParameters { values[p] = try value(p) }
        return values
    }

    /// Writes one parameter and reads it back; a kernel that shows something else is an error, not a success.
    public func set(_ p: ZswapParameter, to value: String) throws(HostError) {
        let full = root.absolute(path(p))
        guard let normalized = p.normalize(value) else {
            let expected = switch p.kind {
            case .bool: "Y or N"
            case .percent: "a whole number of percent"
            case .name: "a name without spaces"
            }
            throw HostError(subject: "zswap", action: "cannot write", path: full,
                            errno: .invalidArgument, hint: "'\(value)' is not \(expected)")
        }
        guard root.exists(path(p)) else {
            throw HostError(subject: "zswap", action: "cannot write", path: full,
                            errno: .noSuchFileOrDirectory,
                            hint: isAvailable ? "this kernel has no zswap parameter \(p.rawValue)"
                                              : "this kernel has no zswap (CONFIG_ZSWAP)")
        }
        do { try root.write(path(p), normalized) } catch {
            throw HostError(subject: "zswap", action: "cannot write", path: full,
                            errno: error, hint: hint(p, normalized, error))
        }
        let back = try self.value(p) ?? ""
        if p.normalize(back) != normalized {
            throw HostError(subject: "zswap", action: "wrote \(normalized) but read back '\(back)' from",
                            path: full, hint: p == .enabled ? "zswap could not start; check dmesg" : nil)
        }
    }

    func hint(_ p: ZswapParameter, _ value: String, _ e: Errno) -> String? {
        switch (p, e) {
        case (.compressor, .noSuchFileOrDirectory):
            "the kernel's crypto API has no '\(value)' (see /proc/crypto; a module may need loading)"
        case (.zpool, .noSuchFileOrDirectory):
            "no zpool '\(value)' in this kernel"
        case (.enabled, .operationNotSupportedByDevice):
            "zswap could not create a pool with the configured compressor"
        case (_, .permissionDenied), (_, .notPermitted):
            "this kernel lets \(p.rawValue) be set only at boot (zswap.\(p.rawValue)= on the kernel command line), or you are not root"
        case (_, .invalidArgument):
            "the kernel rejected the value"
        default:
            nil
        }
    }
}
