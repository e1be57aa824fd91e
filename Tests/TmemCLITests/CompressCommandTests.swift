import ArgumentParser
import Foundation
import Testing
@testable import TmemCLI
import TmemCore

@Suite struct CompressCommandTests {
    @Test func fileOrBuiltinIsRequiredButNotBoth() {
        #expect(throws: (any Error).self) { try CompressCommand.parse(["--algorithm", "lzo"]) }
        #expect(throws: (any Error).self) { try CompressCommand.parse(["--algorithm", "lzo", "f.bin", "--builtin"]) }
        #expect(throws: (any Error).self) { try CompressCommand.parse(["--algorithm", "lzo", "f.bin", "--pages", "3"]) }
        #expect(throws: (any Error).self) { try CompressCommand.parse(["--algorithm", "zst", "--builtin"]) }
        #expect(throws: (any Error).self) { try CompressCommand.parse(["--algorithm", "zstd", "--level", "3", "--kernel", "6.1", "--builtin"]) }
        #expect(throws: Never.self) { try CompressCommand.parse(["--algorithm", "zstd", "--level", "19", "--builtin"]) }
        #expect(throws: Never.self) { try CompressCommand.parse(["--algorithm", "all", "--builtin", "--pages", "3"]) }
    }

    @Test func usageErrorsExitWith64() {
        do {
            _ = try CompressCommand.parse(["--algorithm", "lzo"])
        } catch {
            #expect(CompressCommand.exitCode(for: error).rawValue == 64)
        }
    }

    /// The JSON shape: snake_case keys, every key in every page (null where the page's kind has no such value).
    @Test func jsonShape() throws {
        var bytes = [UInt8](repeating: 0, count: 2 * pageSize)
        bytes[0] = 1 // page 0: compressed; page 1: zero-filled
        let report = try CompressionReport(corpus: try PageCorpus(bytes: bytes), algorithm: .lzo)
        let object = try JSONSerialization.jsonObject(with: Data(Output.json(report).utf8)) as! [String: Any]
        #expect(Set(object.keys) == ["schema_version", "algorithm", "level", "window_bits", "pages", "total_compressed_size"])
        #expect(object["level"] is NSNull && object["window_bits"] is NSNull)
        #expect(object["algorithm"] as? String == "lzo")
        let pages = object["pages"] as! [[String: Any]]
        #expect(Set(pages[0].keys) == ["index", "kind", "compressed_size", "fill"] && pages[0]["fill"] is NSNull)
        #expect(pages[0]["kind"] as? String == "compressed")
        #expect(Set(pages[1].keys) == ["index", "kind", "compressed_size", "fill"] && pages[1]["compressed_size"] is NSNull)
        #expect(pages[1]["kind"] as? String == "same" && pages[1]["fill"] as? Int == 0)
        #expect(object["total_compressed_size"] as? Int == pages[0]["compressed_size"] as? Int)
    }

    /// Same-filled pages with a non-zero word report that word (little-endian read of the bytes).
    @Test func sameFilledPagesReportTheirFillWord() throws {
        let bytes = [UInt8]((0..<512).flatMap { _ in [0xEF, 0xBE, 0xAD, 0xDE, 0, 0, 0, 0] as [UInt8] })
        let report = try CompressionReport(corpus: try PageCorpus(bytes: bytes), algorithm: .lz4)
        #expect(report.pages == [.init(index: 0, kind: .same, compressedSize: nil, fill: 0xDEAD_BEEF)])
        #expect(report.totalCompressedSize == 0)
        #expect(CompressionReportText.render(report, perPage: true).contains("0x00000000deadbeef"))
    }
}
