import TmemCore

/// `/proc/crypto`: the crypto API's registered algorithms, in blank-line separated blocks of `key : value`.
/// zswap takes its compressor from here (zram uses its own backends, so the two lists differ).
public enum ProcCrypto {
    public static let relativePath = "proc/crypto"
    public static var kernelPath: String { SystemRoot.kernelName(relativePath) }

    /// Names of the compression algorithms (types `compression`, `scomp`, `acomp`), in file order, unique.
    public static func compressors(parsing text: String, file: String = ProcCrypto.kernelPath) throws(HostError) -> [String] {
        var names: [String] = []
        var name: String?
        var type: String?
        func flush() {
            if let n = name, let t = type, ["compression", "scomp", "acomp"].contains(t), !names.contains(n) { names.append(n) }
            name = nil
            type = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingWhitespace().isEmpty { flush(); continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw HostError.malformed("line '\(line)'", in: file)
            }
            let key = line[..<colon].trimmingWhitespace()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            if key == "name" { name = value }
            if key == "type" { type = value }
        }
        flush()
        return names
    }

    public static func compressors(root: SystemRoot) throws(HostError) -> [String] {
        try compressors(parsing: try root.readForParsing(relativePath, subject: "crypto"), file: root.absolute(relativePath))
    }
}
