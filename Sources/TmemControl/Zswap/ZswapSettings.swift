import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import TmemCore
import TmemHost

/// zswap's parameters as saved by `zswap set --save FILE` and put back by `zswap restore FILE`:
/// `{"zswap": {"enabled": "N", "compressor": "lzo", ...}}`, names and values as the kernel shows them.
public struct ZswapSettings: Codable, Equatable, Sendable {
    public var zswap: [String: String]

    public init(_ values: [ZswapParameter: String]) {
        zswap = Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
    }

    public static func current(root: SystemRoot) throws(HostError) -> ZswapSettings {
        ZswapSettings(try Zswap(root: root).parameters())
    }

    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self) + Data("\n".utf8)
    }

    /// Writes the file as a private file (0600, created exclusively with a temporary file + link/rename, so a
    /// crash never leaves half of one and no planted link redirects it). An existing file is kept unless
    /// `replaceExisting`: a second `--save` to the same name must not lose the first run's original values.
    public func save(to path: String, replaceExisting: Bool = false) throws(HostError) {
        let data: Data
        do { data = try encoded() } catch { fatalError("a [String: String] always encodes: \(error)") }
        let file = try PrivateFile(creating: path, replaceExisting: replaceExisting)
        try file.write(Array(data))
        try file.commit()
    }

    /// A file that cannot be read is a runtime error (exit 1) with its errno; one that is not a settings file is
    /// bad input.
    public static func load(from path: String) throws -> ZswapSettings {
        let data: Data
        do { data = Data(try SystemRoot("/").read(path).utf8) } catch {
            throw HostError(subject: "zswap", action: "cannot read", path: path, errno: error,
                            hint: error == .noSuchFileOrDirectory ? "give a file written by `tmemctl zswap set --save`" : nil)
        }
        do { return try JSONDecoder().decode(ZswapSettings.self, from: data) } catch {
            throw InvalidRequest("\(path) is not a zswap settings file (expected {\"zswap\": {\"enabled\": \"N\", ...}})")
        }
    }
}
