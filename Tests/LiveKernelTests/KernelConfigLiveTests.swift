import Foundation
import Testing
import TmemHost
import TmemTestSupport

extension LiveKernelSuite {
    @Suite struct KernelConfigLive {
        /// The running kernel's configuration as our reader sees it equals what zcat(1) and grep(1) print from the
        /// same file, symbol for symbol.
        @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/config.gz"),
                       "this kernel has no /proc/config.gz (CONFIG_IKCONFIG_PROC)"))
        func procConfigEqualsZcat() throws {
            try LiveKernel.exclusive {
                let config = try #require(KernelConfig.read(root: LiveKernel.root))
                #expect(config.source == .procConfigGz && config.path == "/proc/config.gz")
                let shell = Process()
                shell.executableURL = URL(fileURLWithPath: "/bin/sh")
                shell.arguments = ["-c", "zcat /proc/config.gz | grep '^CONFIG_[A-Za-z0-9_]*='"]
                let out = Pipe()
                shell.standardOutput = out
                try shell.run()
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                shell.waitUntilExit()
                let lines = text.split(separator: "\n")
                #expect(!lines.isEmpty)
                #expect(config.values.count == lines.count)
                for line in lines {
                    let eq = try #require(line.firstIndex(of: "="))
                    #expect(config.value(String(line[..<eq])) == String(line[line.index(after: eq)...]), "\(line)")
                }
            }
        }
    }
}
