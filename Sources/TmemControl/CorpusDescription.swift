/// Which pages a report is about, as `model` and `verify` print it:
/// `{"path": "heap.pages", "pages": 4096, "seed": null}` for a file, `{"path": null, "pages": 4096, "seed": 1}` for the
/// built-in mix. `path` is always present (null for the mix), so consumers can rely on the key.
public struct CorpusDescription: Codable, Equatable, Sendable {
    /// The corpus file; nil for the built-in mix.
    public var path: String?
    public var pages: Int
    /// The built-in mix's seed (null for files).
    public var seed: UInt64?

    public init(path: String?, pages: Int, seed: UInt64? = nil) {
        self.path = path
        self.pages = pages
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey { case path, pages, seed }

    /// One line for text output.
    public var label: String {
        if let p = path { return "\(p), \(pages) pages" }
        return "built-in mix (seed \(seed ?? 0)), \(pages) pages"
    }
}
