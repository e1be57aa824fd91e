import Foundation
import Testing
import TmemCore
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    @Suite struct KernelFeaturesLive {
        /// The running kernel's own configuration, decompressed by gzip rather than by the code under test.
        static func procConfig() -> String? {
            guard FileManager.default.isReadableFile(atPath: "/proc/config.gz") else { return nil }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/gzip")
            p.arguments = ["-dc", "/proc/config.gz"]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return nil }
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
        }

        /// huge_class_size per chain size, worked by hand in docs/kernel-notes.md#zsmalloc-huge-class-size.
        static let hugeClassSizeByChain = [4: 3257, 8: 3625, 16: 3833]

        /// Whatever this kernel is: the chain rule detected equals CONFIG_ZSMALLOC_CHAIN_SIZE as the kernel's own
        /// /proc/config.gz states it (no option: the pre-6.3 rule), and huge_class_size the hand-worked value.
        @Test func detectsTheChainRuleTheKernelConfigStates() throws {
            try LiveKernel.exclusive {
                let f = KernelFeatures.detect(root: LiveKernel.root)
                guard let config = Self.procConfig() else {
                    print("skip: /proc/config.gz is not readable on this kernel (CONFIG_IKCONFIG_PROC off); detected \(f.chainRule) from \(f.chainRuleSource.rawValue)")
                    #expect(f.chainRuleSource != .procConfig)
                    return
                }
                #expect(f.chainRuleSource == .procConfig)
                let prefix = "CONFIG_ZSMALLOC_CHAIN_SIZE="
                let line = config.split(separator: "\n").first { $0.hasPrefix(prefix) }
                let chain = line.flatMap { Int($0.dropFirst(prefix.count)) }
                if let chain {
                    #expect(f.chainRule == .leastWaste(chainSize: chain))
                } else {
                    #expect(f.chainRule == .usagePercent, "no \(prefix) in the config: a kernel before 6.3")
                }
                if let expected = Self.hugeClassSizeByChain[chain ?? 4] {
                    #expect(f.hugeClassSize == expected)
                } else {
                    print("note: no hand-worked huge_class_size for chain size \(chain ?? 4); not checked")
                }
            }
        }
    }
}
