import TmemCore

/// `comp_algorithm` as the kernel prints it: every compiled-in backend followed by a space, the selected
/// one in brackets (`[lzo-rle] lzo lz4 \n`).
public struct ZramAlgorithmList: Equatable, Sendable, Codable {
    public var available: [String]
    public var selected: String?

    public init(available: [String], selected: String?) {
        self.available = available
        self.selected = selected
    }

    /// Strict: one line, at most one bracketed name, no empty brackets.
    public init(parsing text: String, path: String) throws(HostError) {
        let body = text.trimmingWhitespace()
        guard !body.contains("\n") else {
            throw HostError.malformed("algorithm list", in: path, hint: "expected one line")
        }
        var names: [String] = []
        var chosen: String?
        for token in body.split(separator: " ") {
            if token.hasPrefix("[") || token.hasSuffix("]") {
                guard token.hasPrefix("["), token.hasSuffix("]"), token.count > 2, chosen == nil else {
                    throw HostError.malformed("algorithm list", in: path, hint: "'\(token)' is not a name")
                }
                let name = String(token.dropFirst().dropLast())
                chosen = name
                names.append(name)
            } else {
                names.append(String(token))
            }
        }
        guard !names.isEmpty else {
            throw HostError.malformed("algorithm list", in: path, hint: "it names no algorithm")
        }
        self.init(available: names, selected: chosen)
    }

    public var availableText: String { available.joined(separator: " ") }
}

/// `recomp_algorithm` (MULTI_COMP): one line per configured secondary, `#<prio>: ` + an algorithm list.
public enum ZramRecompressionList {
    public static func parse(_ text: String, path: String) throws(HostError) -> [Int: ZramAlgorithmList] {
        var result: [Int: ZramAlgorithmList] = [:]
        for line in text.split(separator: "\n") where !line.trimmingWhitespace().isEmpty {
            guard line.hasPrefix("#"), let colon = line.firstIndex(of: ":"),
                  let prio = Int(line[line.index(after: line.startIndex)..<colon]), (1...3).contains(prio),
                  result[prio] == nil
            else {
                throw HostError.malformed("line '\(line)'", in: path)
            }
            result[prio] = try ZramAlgorithmList(parsing: String(line[line.index(after: colon)...]), path: path)
        }
        return result
    }
}
