import TmemCore
import CShim

/// A userspace swap subsystem that uses tmem only through the frontswap ops table, as mm/swapfile.c and
/// mm/page_io.c did (Linux 6.1 frontswap): swapon calls init, swap-out stores (falling back to the swap
/// device), swap-in loads (falling back to the device), freeing a slot invalidates the page, swapoff invalidates
/// the area. The swap device keeps only a caller-chosen tag per slot, not the bytes, so simulations stay small.
/// One instance is driven by one thread at a time (as the kernel's frontswap context requires).
public final class SimulatedSwap {
    public struct Stats: Codable, Sendable, Equatable {
        /// Pages written to and read from the swap device (vmstat pswpout/pswpin).
        public var pswpout = 0
        public var pswpin = 0
        /// Slots in use, and how many of them frontswap holds (sis->frontswap_pages).
        public var slotsInUse = 0
        public var frontswapPages = 0
        /// debugfs frontswap counters.
        public var loads = 0
        public var succStores = 0
        public var failedStores = 0
        public var invalidates = 0
        /// Zero-filled pages kept in the swap zeromap (Linux 6.12+), never reaching frontswap or the device.
        public var swpoutZero = 0
        public var swpinZero = 0
    }

    public let type: UInt32
    public let slots: Int
    private let fs: OpaquePointer
    private var freeSlots: [Int]
    private var inUse: [Bool]
    private var used = 0
    private var disk: [Int: Int] = [:]
    private var pswpout = 0, pswpin = 0, swpoutZero = 0, swpinZero = 0
    /// Model Linux 6.12+'s swap zeromap: zero-filled pages are marked in a bitmap at swap-out and never reach
    /// frontswap (as they never reach zswap on 6.18, docs/kernel-notes.md#zswap-storing). Off for the frontswap-era kernel.
    public var zeroMap = false
    private var zeroSlots: Set<Int> = []

    /// Registers the tmem backend's frontswap table with a fresh 6.1-era frontswap and swaps on one device.
    public init(type: UInt32 = 0, slots: Int) {
        precondition(slots > 0)
        self.type = type
        self.slots = slots
        fs = cshim_frontswap_create(.v6_1)!
        precondition(cshim_frontswap_register_ops_v6_1(fs, TmemOpsBackend.frontswapOps) == 0)
        precondition(cshim_frontswap_swapon(fs, type, UInt(slots)) == 0)
        freeSlots = Array((0..<slots).reversed())
        inUse = Array(repeating: false, count: slots)
    }

    private var isOn = true

    deinit {
        if isOn { _ = cshim_frontswap_swapoff(fs, type) }
        cshim_frontswap_destroy(fs)
    }

    public var hasFreeSlot: Bool { used < slots }

    /// Writes a page out: frontswap first, the device when the store is refused. Returns the slot, or nil
    /// when swap is full.
    public func swapOut(_ page: UnsafeMutableRawBufferPointer, tag: Int) -> Int? {
        while let slot = freeSlots.popLast() {
            if !inUse[slot] {
                write(page, tag: tag, slot: slot)
                return slot
            }
        }
        return nil
    }

    /// Writes a page to a chosen free slot (trace replay). False when the slot is out of range or in use.
    public func swapOut(_ page: UnsafeMutableRawBufferPointer, tag: Int, slot: Int) -> Bool {
        guard isOn, slot >= 0, slot < slots, !inUse[slot] else { return false }
        write(page, tag: tag, slot: slot)
        return true
    }

    private func write(_ page: UnsafeMutableRawBufferPointer, tag: Int, slot: Int) {
        inUse[slot] = true
        used += 1
        if zeroMap, PageClassifier.classify(UnsafeRawBufferPointer(page)) == .sameFilled(fill: 0) {
            zeroSlots.insert(slot)
            swpoutZero += 1
            return
        }
        var handle = cshim_page(data: page.baseAddress, index: UInt(slot), flags: 0)
        if cshim_frontswap_store(fs, type, UInt(slot), &handle) != 0 {
            disk[slot] = tag
            pswpout += 1
        }
    }

    public func isInUse(_ slot: Int) -> Bool { slot >= 0 && slot < slots && inUse[slot] }

    /// Reads a slot back into `page` (from frontswap, or from the device through `readDevice(tag, page)`), then
    /// frees the slot. Returns true when frontswap served it.
    @discardableResult
    public func swapIn(_ slot: Int, into page: UnsafeMutableRawBufferPointer,
                       readDevice: (Int, UnsafeMutableRawBufferPointer) -> Void) -> Bool {
        if zeroSlots.contains(slot) {
            page.initializeMemory(as: UInt8.self, repeating: 0)
            swpinZero += 1
            free(slot)
            return false
        }
        var handle = cshim_page(data: page.baseAddress, index: UInt(slot), flags: 0)
        let fromFrontswap = cshim_frontswap_load(fs, type, UInt(slot), &handle) == 0
        if !fromFrontswap {
            guard let tag = disk[slot] else { preconditionFailure("swap slot \(slot) is neither in frontswap nor on disk") }
            readDevice(tag, page)
            pswpin += 1
        }
        free(slot)
        return fromFrontswap
    }

    /// The slot's page is no longer needed (swap_free): frontswap drops its copy.
    public func free(_ slot: Int) {
        guard isInUse(slot) else { return }
        zeroSlots.remove(slot)
        cshim_frontswap_invalidate_page(fs, type, UInt(slot))
        disk[slot] = nil
        inUse[slot] = false
        used -= 1
        freeSlots.append(slot)
    }

    /// Whether frontswap holds the slot (the device's frontswap map bit).
    public func inFrontswap(_ slot: Int) -> Bool { cshim_frontswap_test(fs, type, UInt(slot)) }

    /// swapoff: every remaining page is dropped from frontswap (invalidate_area) and from the device. (The
    /// kernel first reads every page back, try_to_unuse; callers that care do that with swapIn.)
    public func swapoff() {
        guard isOn else { return }
        _ = cshim_frontswap_swapoff(fs, type)
        isOn = false
        disk = [:]
        zeroSlots = []
        freeSlots = []
        inUse = Array(repeating: true, count: slots)
        used = slots
    }

    public var stats: Stats {
        let c = cshim_frontswap_get_counters(fs)
        return Stats(pswpout: pswpout, pswpin: pswpin, slotsInUse: isOn ? used : 0,
                     frontswapPages: Int(cshim_frontswap_device_pages(fs, type)),
                     loads: Int(c.loads), succStores: Int(c.succ_stores), failedStores: Int(c.failed_stores),
                     invalidates: Int(c.invalidates), swpoutZero: swpoutZero, swpinZero: swpinZero)
    }
}
