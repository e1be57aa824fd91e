import TmemCore
import TmemHost
#if canImport(Glibc)
import Glibc
#endif

/// The loop behind `tmemctl watch`: a sample every interval, and between samples the kernel's uevents, so a
/// zram device that appears or disappears is reported at once. Ends after `count` samples or, cleanly, on
/// SIGINT/SIGTERM/SIGHUP (the signal only sets a flag; the wait returns with EINTR).
public enum Watcher {
    public static func run(root: SystemRoot, interval: Double, count: Int?, uevents: KernelUeventSocket?,
                           output: (WatchRecord) -> Void, diagnostic: (String) -> Void) {
        Interruption.install()
        defer { Interruption.restore() }
        var previous = WatchSnapshot.take(root: root)
        for e in previous.errors { diagnostic(e) }
        var known = Set(previous.devices.keys)
        var samples = 0
        var deadline = previous.time + interval

        func announce(_ action: WatchEvent.Action, _ device: String, _ source: WatchEvent.Source) {
            let changed = action == .appeared ? known.insert(device).inserted : known.remove(device) != nil
            if changed {
                output(.event(WatchEvent(time: WatchSnapshot.epochSeconds(), action: action, device: device, source: source)))
            }
        }

        while count.map({ samples < $0 }) ?? true {
            if Interruption.pending != nil { return }
            let remaining = deadline - BenchStatistics.now()
            if remaining > 0 {
                if let u = uevents {
                    if u.wait(timeout: remaining) {
                        for e in u.drain() {
                            guard let device = e.zramDevice else { continue }
                            announce(e.action == "add" ? .appeared : .disappeared, device, .uevent)
                        }
                    }
                } else {
                    _ = poll(nil, 0, Int32((remaining * 1000).rounded(.up)))
                }
                continue
            }
            let current = WatchSnapshot.take(root: root)
            for e in current.errors { diagnostic(e) }
            for d in current.vanished { announce(.disappeared, d, .read) }
            for d in known.subtracting(current.devices.keys).subtracting(current.vanished).sorted() {
                announce(.disappeared, d, .listing)
            }
            for d in Set(current.devices.keys).subtracting(known).sorted() { announce(.appeared, d, .listing) }
            output(.sample(WatchSample(from: previous, to: current)))
            previous = current
            samples += 1
            // A late sample (the machine was busy) does not make the next ones come in a burst.
            deadline = max(deadline + interval, current.time + interval / 2)
        }
    }
}
