import Foundation
import Testing
import TmemControl

/// The JSON keys config and plan agree on: every key present, null when unset (issue 9's schema), written by
/// the one mechanism every report and record uses (`EveryKeyJSONEncoder`), not by a hand-written encoder.
@Suite struct DesiredStateTests {
    @Test func everyKeyIsPresentAndUnsetOnesAreNull() throws {
        let s = DesiredState(devices: [.init(name: "zram3", disksize: 409_993_216, swap: .init())])
        let json = try JSONSerialization.jsonObject(with: EveryKeyJSONEncoder().encode(s)) as! [String: Any]
        #expect(Set(json.keys) == ["devices", "zswap", "sysctl", "boot"])
        #expect(json["zswap"] is NSNull)
        let d = (json["devices"] as! [[String: Any]])[0]
        #expect(Set(d.keys) == ["name", "disksize", "mem_limit", "resident_limit", "comp_algorithm", "algorithm_params",
                                "recompression", "backing_dev", "backing_file", "writeback_budget", "swap", "mount", "skipped"])
        #expect(d["comp_algorithm"] is NSNull)
        #expect((d["swap"] as! [String: Any])["priority"] as? Int == 100)
        #expect((d["swap"] as! [String: Any])["options"] as? String == "discard")
        // JSONEncoder alone leaves the unset keys out: the nulls come from the shared encoder.
        let plain = try JSONSerialization.jsonObject(with: JSONEncoder().encode(s)) as! [String: Any]
        #expect(plain["zswap"] == nil)
    }

    @Test func roundTrips() throws {
        let s = DesiredState(
            devices: [.init(name: "zram1", disksize: 1 << 30, memLimit: 1 << 28, compAlgorithm: "zstd", algorithmParams: "level=3",
                            recompression: [.init(algorithm: "lz4", params: nil, priority: 1)],
                            mount: .init(point: "/var/tmp", fsType: "ext4", options: "discard"))],
            zswap: .init(enabled: false, withZramSwap: .disableZswap), sysctl: .init(swappiness: 180, pageCluster: 0),
            boot: .init(parameters: ["zswap.enabled": "0"], target: .grub))
        let back = try JSONDecoder().decode(DesiredState.self, from: EveryKeyJSONEncoder().encode(s))
        #expect(back == s)
        #expect(back.devices[0].index == 1)
        #expect(DesiredState.Device(name: "zram01", disksize: 0).index == nil)
    }
}
