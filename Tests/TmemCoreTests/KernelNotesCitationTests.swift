import Foundation
import Testing

/// Every `docs/kernel-notes.md#section` cited in a comment names a section that exists, and nothing cites the
/// old reference file, which is not in the repository.
@Suite struct KernelNotesCitationTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// This file names the patterns it looks for, so it is not scanned.
    static let thisFile = URL(fileURLWithPath: #filePath).lastPathComponent

    static func sourceFiles() -> [URL] {
        ["Sources", "Tests"].flatMap { top -> [URL] in
            guard let e = FileManager.default.enumerator(atPath: repository.appendingPathComponent(top).path) else { return [] }
            var files: [URL] = []
            while let relative = e.nextObject() as? String {
                let url = repository.appendingPathComponent(top).appendingPathComponent(relative)
                if ["swift", "c", "h"].contains(url.pathExtension), url.lastPathComponent != thisFile { files.append(url) }
            }
            return files
        }
    }

    @Test func everyCitedSectionExists() throws {
        let notes = try String(contentsOf: Self.repository.appendingPathComponent("docs/kernel-notes.md"), encoding: .utf8)
        let sections = Set(notes.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) })
        var cited = 0
        for file in Self.sourceFiles() {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("kernel-abi"), "\(file.lastPathComponent) cites the reference file that is not in the repository")
            for line in text.split(separator: "\n") where line.contains("docs/kernel-notes.md#") {
                // `docs/kernel-notes.md#a, #b and #c`: every `#word` after the file name.
                let rest = line[line.range(of: "docs/kernel-notes.md")!.upperBound...]
                for anchor in rest.split(separator: "#").map({ $0.prefix { $0.isLetter || $0.isNumber || $0 == "-" } })
                    where !anchor.isEmpty {
                    cited += 1
                    #expect(sections.contains(String(anchor)), "\(file.lastPathComponent): no section '\(anchor)' in docs/kernel-notes.md")
                }
            }
        }
        #expect(cited > 50)
    }
}
