import Foundation
import Testing
import TmemHost
import TmemTestSupport
#if canImport(Glibc)
import Glibc
#endif

extension LiveKernelSuite {
    /// Issue 10 item 12 on the live kernel: `tmemctl zram add --swap` whose stdout is a full pipe, sent SIGINT
    /// while it waits to print the name: the swap it activated is swapped off and the device removed, and it
    /// exits 130 with a message instead of dying silently with active swap left behind.
    @Suite struct InterruptedOutputLive {
        @Test func sigintWhileTheNameIsBlockedUndoesTheSwapDevice() throws {
            let root = LiveKernel.root
            try LiveKernel.exclusive { () throws -> Void in
                let control = ZramControl(root: root)
                let before = Set(control.devices().map(\.id))
                // Whatever happens, no device of this run survives it.
                defer {
                    for d in control.devices() where !before.contains(d.id) {
                        if d.swapArea != nil { try? SwapControl(root: root).swapOff(d) }
                        try? control.hotRemoveWaitingForUdev(d)
                    }
                }
                let run = try BlockedStdoutRun(["zram", "add", "--size", "16M", "--swap", "--priority", "7"])
                let blocked = run.waitUntilBlockedOnStdout(seconds: 60)
                #expect(blocked, "tmemctl never blocked writing its result; stderr: \(run.stderr)")
                let created = control.devices().filter { !before.contains($0.id) }
                #expect(created.count == 1, "expected one new device: \(created.map(\.name))")
                if blocked, let d = created.first {
                    #expect(d.swapArea?.priority == 7, "the new device is active swap before the signal")
                }
                let state = run.signalState
                kill(run.process.processIdentifier, SIGINT)
                let out = run.drainAndWait(seconds: 60)
                #expect(run.process.terminationReason == .exit, "killed by SIGINT instead of cleaning up")
                #expect(run.process.terminationStatus == 128 + SIGINT, "\(state)")
                #expect(run.stderr == "tmemctl: interrupted by signal 2; everything created was removed\n", "\(run.stderr)")
                // Nothing more than the name, and only when the write went through before the signal was handled.
                let extra = String(decoding: out.dropFirst(run.prefill), as: UTF8.self)
                #expect(out.count >= run.prefill && (extra.isEmpty || extra == (created.first.map { "\($0.name)\n" } ?? "-")), "\(extra)")
                let left = control.devices().filter { !before.contains($0.id) }
                #expect(left.isEmpty, "left behind: \(left.map(\.name))")
                for d in created { #expect(d.swapArea == nil, "\(d.name) is still swap") }
            }
        }
    }
}
