import TmemCore

/// `compress --json` written as the pages are checked, byte for byte what `JSONDocument` writes for a whole
/// `CompressionReport` (or `CompressionReports`): pretty-printed, keys sorted, every key present. Only the pages
/// are streamed, so memory holds one chunk of text whatever the corpus's size; the keys after "pages" are the
/// totals, known once the last page is done. A page that does not round-trip ends the output where it is (the
/// document is then incomplete) and the command fails.
struct CompressionJSONStream {
    /// Text is handed to stdout in pieces of about this many bytes.
    static let flushBytes = 1 << 16

    private var buffer = ""
    private let sink: (String) -> Void

    init(sink: @escaping (String) -> Void) {
        self.sink = sink
        buffer.reserveCapacity(Self.flushBytes + 256)
    }

    /// One document: a report, or `{"reports": [...]}` with one report per compressor when `several`.
    static func write(corpus: PageCorpus, compressors: [CompressorSettings], several: Bool,
                      sink: @escaping (String) -> Void) throws(CompressionReport.RoundTripMismatch) {
        var out = CompressionJSONStream(sink: sink)
        if several {
            out.append("{\n  \"reports\" : [\n")
            for (k, c) in compressors.enumerated() {
                try out.report(corpus, c, indent: "    ", schemaVersion: false)
                out.append(k == compressors.count - 1 ? "\n" : ",\n")
            }
            out.append("  ],\n  \"schema_version\" : \(JSONDocument.schemaVersion)\n}\n")
        } else {
            try out.report(corpus, compressors[0], indent: "", schemaVersion: true)
            out.append("\n")
        }
        out.flush()
    }

    private mutating func report(_ corpus: PageCorpus, _ settings: CompressorSettings, indent: String,
                                 schemaVersion: Bool) throws(CompressionReport.RoundTripMismatch) {
        let i1 = indent + "  ", i2 = indent + "    ", i3 = indent + "      "
        append("\(indent){\n")
        append("\(i1)\"algorithm\" : \(Self.string(settings.algorithm.rawValue)),\n")
        append("\(i1)\"level\" : \(Self.number(settings.effectiveLevel)),\n")
        append("\(i1)\"pages\" : [\n")
        var first = true
        let totals = try CompressionReport.forEachPage(corpus: corpus, compressor: settings) { p in
            append(first ? "\(i2){\n" : ",\n\(i2){\n")
            first = false
            append("\(i3)\"compressed_size\" : \(Self.number(p.compressedSize)),\n")
            append("\(i3)\"fill\" : \(Self.number(p.fill)),\n")
            append("\(i3)\"index\" : \(p.index),\n")
            append("\(i3)\"kind\" : \(Self.string(p.kind.rawValue))\n")
            append("\(i2)}")
        }
        // A corpus has at least one page, so the array is never empty.
        append("\n\(i1)],\n")
        if schemaVersion { append("\(i1)\"schema_version\" : \(JSONDocument.schemaVersion),\n") }
        append("\(i1)\"total_compressed_size\" : \(totals.totalCompressedSize),\n")
        append("\(i1)\"window_bits\" : \(Self.number(settings.effectiveWindowBits))\n")
        append("\(indent)}")
    }

    private mutating func append(_ text: String) {
        buffer += text
        if buffer.utf8.count >= Self.flushBytes { flush() }
    }

    private mutating func flush() {
        if !buffer.isEmpty { sink(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func number<T: BinaryInteger>(_ v: T?) -> String {
        v.map { "\($0)" } ?? "null"
    }

    /// The algorithm and kind names are fixed ASCII words that JSON writes without escapes.
    private static func string(_ s: String) -> String {
        precondition(s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "/") })
        return "\"" + s + "\""
    }
}
