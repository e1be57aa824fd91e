/// The kernel-exact compressors are tmem codecs as they are.
extension PageCompressor: TmemPageCodec {}

extension TmemStore {
    /// A store as tmemctl runs it: `algorithm` for every page, zbud for ephemeral pools and the zsmalloc model
    /// (chain size 8, Linux 6.18's default) for persistent ones.
    public convenience init(configuration: TmemConfiguration, algorithm: CompressionAlgorithm, zsmallocChainSize: Int = 8) {
        self.init(configuration: configuration,
                  codec: { PageCompressor(algorithm) },
                  ephemeralAllocator: { Zbud() },
                  persistentAllocator: { ZsmallocAllocator(chainSize: zsmallocChainSize) })
    }
}
