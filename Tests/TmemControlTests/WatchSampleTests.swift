import Testing
import TmemControl
import TmemCore
import TmemHost

/// Rates from two snapshots, with figures worked out by hand.
@Suite struct WatchSampleTests {
    func snapshot(time: Double, write: UInt64, read: UInt64, discard: UInt64?, notifyFree: UInt64, vm: [String: UInt64],
                  rejects: UInt64? = nil, devices: [String] = ["zram1"]) -> WatchSnapshot {
        let mm = MMStat(origDataSize: 40960, comprDataSize: 10240, memUsedTotal: 12288, memLimit: 0, memUsedMax: 0,
                        samePages: 0, pagesCompacted: 0, hugePages: 0, hugePagesSince: 0)
        let dev = WatchSnapshot.Device(mm: mm, io: IOStat(notifyFree: notifyFree),
                                       block: BlockStat(readIOs: 0, readSectors: read, writeIOs: 0, writeSectors: write, discardSectors: discard))
        return WatchSnapshot(time: time, epoch: 1000 + time, devices: Dictionary(uniqueKeysWithValues: devices.map { ($0, dev) }),
                             vanished: [], errors: [], vmstat: VMStat(fields: vm), zswapRejects: rejects)
    }

    @Test func ratesPerSecond() {
        let a = snapshot(time: 10, write: 800, read: 80, discard: 16, notifyFree: 5,
                         vm: ["zswpout": 100, "zswpin": 10, "zswpwb": 0, "pswpin": 7, "pswpout": 9], rejects: 3)
        let b = snapshot(time: 12, write: 2400, read: 160, discard: 48, notifyFree: 9,
                         vm: ["zswpout": 300, "zswpin": 14, "zswpwb": 6, "pswpin": 7, "pswpout": 29], rejects: 7)
        let s = WatchSample(from: a, to: b)
        #expect(s.intervalSeconds == 2)
        let d = s.devices[0]
        #expect(d.pagesStoredPerSecond == 100)   // (2400 - 800) sectors / 8 / 2 s
        #expect(d.pagesLoadedPerSecond == 5)     // (160 - 80) / 8 / 2
        #expect(d.pagesFreedPerSecond == 4)      // notify_free +4 and (48 - 16) / 8 = 4 discarded pages, over 2 s
        #expect(d.ratio == 4)
        #expect(s.zswap.storesPerSecond == 100)
        #expect(s.zswap.loadsPerSecond == 2)
        #expect(s.zswap.writebacksPerSecond == 3)
        #expect(s.zswap.rejectsPerSecond == 2)
        #expect(s.swap.inPerSecond == 0)
        #expect(s.swap.outPerSecond == 10)
    }

    /// A device new in the interval, a counter that went backwards (reset) and a counter the kernel lacks: null.
    @Test func unknownRatesAreNil() {
        let a = snapshot(time: 0, write: 800, read: 0, discard: nil, notifyFree: 0, vm: ["zswpout": 5])
        let b = snapshot(time: 1, write: 8, read: 0, discard: nil, notifyFree: 0, vm: ["zswpout": 6], devices: ["zram1", "zram2"])
        let s = WatchSample(from: a, to: b)
        #expect(s.devices.map(\.device) == ["zram1", "zram2"])
        #expect(s.devices[0].pagesStoredPerSecond == nil)
        #expect(s.devices[1].pagesStoredPerSecond == nil)
        #expect(s.devices[1].pagesFreedPerSecond == nil)
        #expect(s.zswap.storesPerSecond == 1)
        #expect(s.zswap.writebacksPerSecond == nil)
        #expect(s.zswap.rejectsPerSecond == nil)
    }
}
