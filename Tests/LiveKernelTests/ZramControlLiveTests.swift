import Testing
import TmemHost
import TmemTestSupport
import TmemCore

extension LiveKernelSuite {
    @Suite struct ZramControlLive {
        @Test func hotAddCreatesAFreshDeviceAndHotRemoveDeletesIt() throws {
            try LiveKernel.exclusive { () throws -> Void in
                let before = ZramControl(root: LiveKernel.root).devices().map(\.id)
                let id = try LiveKernel.withScratchZram { (device: ZramDevice) throws -> Int in
                    #expect(device.exists)
                    #expect(!before.contains(device.id))
                    #expect(try device.read("initstate").trimmingWhitespace() == "0")
                    #expect(try device.read("disksize").trimmingWhitespace() == "0")
                    return device.id
                }
                #expect(!ZramDevice(id: id, root: LiveKernel.root).exists)
            }
        }
    }
}
