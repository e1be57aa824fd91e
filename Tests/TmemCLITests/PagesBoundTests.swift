import Foundation
import Testing
import TmemTestSupport

/// Every --pages of the built-in mix has the same bound (2^22 pages = 16 GiB): beyond it, a usage error with a
/// message, never a trap on `pages * 4096` nor an attempt to allocate it.
@Suite struct PagesBoundTests {
    static let tooMany: [[String]] = [
        ["model", "--builtin", "--pages", "4194305"],
        ["model", "--builtin", "--pages", "9223372036854775807"],
        ["corpus", "builtin", "-o", "/nonexistent/x.pages", "--pages", "4611686018427387904"],
        ["verify", "--builtin", "--pages", "4194305"],
        ["model", "--builtin", "--pages", "0"],
    ]

    @Test(arguments: 0..<tooMany.count)
    func beyondTheBoundIsAUsageError(_ i: Int) throws {
        let r = try TmemctlRunner.run(Self.tooMany[i])
        #expect(r.status == 64, "\(Self.tooMany[i]): \(r.stderr)")
        #expect(r.stderr.contains("--pages must be between 1 and 4194304"))
        #expect(r.stdout.isEmpty)
    }
}
