import Foundation
import Testing
import TmemTestSupport

extension LiveKernelSuite {
    /// `zram add --help` on the live root lists what the kernel's comp_algorithm says, read here directly.
    @Suite struct ZramAlgorithmHelpLive {
        @Test func helpListsThisKernelsAlgorithms() throws {
            try LiveKernel.exclusive { () throws -> Void in
                let devices = try FileManager.default.contentsOfDirectory(atPath: "/sys/block").filter { $0.hasPrefix("zram") }.sorted()
                guard let dev = devices.first(where: { FileManager.default.fileExists(atPath: "/sys/block/\($0)/comp_algorithm") }) else {
                    print("ZramAlgorithmHelpLive: no zram device, nothing to compare"); return
                }
                let offered = try String(contentsOfFile: "/sys/block/\(dev)/comp_algorithm", encoding: .utf8)
                    .split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
                let r = try TmemctlRunner.run(["zram", "add", "--help"])
                let help = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                #expect(r.status == 0)
                #expect(help.contains("Compression algorithm: \(offered.joined(separator: ", ")) (this kernel)"), "\(offered): \(help)")
                print("ZramAlgorithmHelpLive: \(dev) offers \(offered.joined(separator: " "))")
            }
        }
    }
}
