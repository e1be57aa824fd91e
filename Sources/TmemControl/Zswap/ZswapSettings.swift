import Foundation
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

    /// Writes the file atomically (temporary file + rename), so a crash never leaves half a settings file.
    public func save(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try encoded().write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            let e = errno
            try? FileManager.default.removeItem(at: tmp)
            throw HostError(subject: "zswap", action: "cannot save settings to", path: path, errno: .init(rawValue: e))
        }
    }

    public static func load(from path: String) throws(InvalidRequest) -> ZswapSettings {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InvalidRequest("cannot read \(path): \(error.localizedDescription); give a file written by `tmemctl zswap set --save`")
        }
        do { return try JSONDecoder().decode(ZswapSettings.self, from: data) } catch {
            throw InvalidRequest("\(path) is not a zswap settings file (expected {\"zswap\": {\"enabled\": \"N\", ...}})")
        }
    }
}
