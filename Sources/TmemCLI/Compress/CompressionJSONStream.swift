import TmemCore

/// `compress --json` written as the pages are checked, byte for byte what `JSONDocument` writes for a whole
/// `CompressionReport` (or `CompressionReports`): pretty-printed, keys sorted, every key present. Only the pages
/// are streamed, so memory holds one chunk of text whatever the corpus's size; the keys after "pages" are the
/// totals, known once the last page is done. A page that does not round-trip ends the output where it is (the
/// document is then incomplete) and the command fails.
struct CompressionJSONStream {
    /// Text is handed to stdout in pieces of about this many bytes.
    static let flushBytes = 1 << 16
    private static let null = Array("null".utf8)

    private var buffer: [UInt8] = []
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
        // Per page only bytes are appended: the fixed text as prepared arrays and the numbers as digits (string
        // interpolation per field cost ~11k instructions a page in callgrind, more than the C pipeline's whole JSON).
        let open = Array("\(i2){\n\(i3)\"compressed_size\" : ".utf8), between = Array(",\n".utf8)
        let fillKey = Array(",\n\(i3)\"fill\" : ".utf8), indexKey = Array(",\n\(i3)\"index\" : ".utf8)
        let kindKey = Array(",\n\(i3)\"kind\" : ".utf8), close = Array("\n\(i2)}".utf8)
        let same = Array(Self.string(CompressionReport.PageKind.same.rawValue).utf8)
        let compressed = Array(Self.string(CompressionReport.PageKind.compressed.rawValue).utf8)
        var first = true
        let totals = try CompressionReport.forEachPage(corpus: corpus, compressor: settings) { p in
            if !first { bytes(between) }
            first = false
            bytes(open)
            optionalNumber(p.compressedSize.map { UInt64($0) })
            bytes(fillKey)
            optionalNumber(p.fill)
            bytes(indexKey)
            number(UInt64(p.index))
            bytes(kindKey)
            bytes(p.kind == .same ? same : compressed)
            bytes(close)
            if buffer.count >= Self.flushBytes { flush() }
        }
        // A corpus has at least one page, so the array is never empty.
        append("\n\(i1)],\n")
        if schemaVersion { append("\(i1)\"schema_version\" : \(JSONDocument.schemaVersion),\n") }
        append("\(i1)\"total_compressed_size\" : \(totals.totalCompressedSize),\n")
        append("\(i1)\"window_bits\" : \(Self.number(settings.effectiveWindowBits))\n")
        append("\(indent)}")
    }

    private mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushBytes { flush() }
    }

    private mutating func bytes(_ b: [UInt8]) {
        buffer.append(contentsOf: b)
    }

    /// Decimal digits of v, as "\(v)" writes them.
    private mutating func number(_ v: UInt64) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // room for 20 digits
        withUnsafeMutableBytes(of: &digits) { d in
            var n = v, k = d.count
            repeat {
                k -= 1
                d[k] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
            } while n > 0
            buffer.append(contentsOf: d[k...])
        }
    }

    private mutating func optionalNumber(_ v: UInt64?) {
        if let v { number(v) } else { buffer.append(contentsOf: Self.null) }
    }

    private mutating func flush() {
        if !buffer.isEmpty { sink(String(decoding: buffer, as: UTF8.self)) }
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
