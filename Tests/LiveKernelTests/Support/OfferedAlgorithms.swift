import Testing
import TmemCore
import TmemHost
import TmemTestSupport

/// Which of the modelled compressors the running kernel's zram offers, read from a scratch device's
/// comp_algorithm, so live tests run on whatever kernel this is instead of assuming 6.18's `lzo-rle lzo lz4`.
extension LiveKernel {
    /// The modelled algorithms `device`'s zram lists, in the kernel's order.
    static func modelledAlgorithms(on device: ZramDevice) throws -> [CompressionAlgorithm] {
        try device.algorithms().available.compactMap(CompressionAlgorithm.init(rawValue:))
    }

    /// The first of `preferred` this kernel's zram offers; cancels (skips) the running test, saying why, when
    /// it offers none of them.
    static func firstOffered(_ preferred: [CompressionAlgorithm], on device: ZramDevice,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws -> CompressionAlgorithm {
        let offered = try modelledAlgorithms(on: device)
        guard let a = preferred.first(where: offered.contains) else {
            let listed = try device.algorithms().availableText
            try Test.cancel("this kernel's zram offers none of \(preferred.map(\.rawValue)) (it lists \(listed))",
                            sourceLocation: sourceLocation)
        }
        return a
    }
}
