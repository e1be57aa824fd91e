import Testing
@testable import TmemCore

/// What the exactness table may claim. A per-page bound for zstd was falsified in CI (840 B on one page of
/// captured memory against a stated 128 B; docs/kernel-notes.md#zram-compressors-per-era): bounded zstd rows
/// claim the corpus totals only, and the text and JSON say so.
@Suite struct CompressorExactnessClaimTests {
    static let boundedRows: [(String, CompressorSettings)] = [
        ("6.1", CompressorSettings(.zstd)), ("7.2", CompressorSettings(.zstd)),
        ("6.12", CompressorSettings(.zstd, level: 19)), ("7.2", CompressorSettings(.zstd, level: 12)),
    ]

    @Test func boundedZstdClaimsNoPerPageBound() {
        for (era, settings) in Self.boundedRows {
            let e = CompressorExactness.of(settings, era: era)
            let bound = e.bound
            #expect(bound != nil, "\(era) \(settings): expected a bounded claim, got \(e.status)")
            #expect(bound?.pageBytes == nil, "\(era) \(settings)")
            let report = ExactnessReport(e)
            #expect(report.pageBytes == nil)
            #expect(report.text.contains("pages vary") && !report.text.contains("B/page"), "\(report.text)")
        }
    }

    @Test func exactRowsStayExact() {
        #expect(CompressorExactness.of(CompressorSettings(.lz4), era: "6.1") == .exact)
        #expect(CompressorExactness.of(CompressorSettings(.zstd, level: 9), era: "7.2") == .exact)
        #expect(CompressorExactness.of(CompressorSettings(.zstd, level: 7), era: "7.2") == .unmeasured)
    }
}
