/// Why a compressed page could not be decoded. Decoders check every read and write, so a corrupt, truncated
/// or hostile stream ends here instead of crashing or reading out of bounds.
public enum DecompressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stream ended before its end marker.
    case truncated
    /// The decoded data would not fit in the destination.
    case outputOverrun
    /// A match refers to bytes before the start of the output.
    case lookbehindOverrun
    /// Bytes follow the end marker.
    case trailingInput
    /// An LZO stream declares a bitstream version other than 0 (lzo) or 1 (lzo-rle).
    case unsupportedVersion
    /// Anything else that is not a valid stream.
    case malformed

    public var description: String {
        switch self {
        case .truncated: return "compressed stream is truncated"
        case .outputOverrun: return "decoded data exceeds the destination buffer"
        case .lookbehindOverrun: return "a match refers to data before the start of the output"
        case .trailingInput: return "bytes follow the end of the compressed stream"
        case .unsupportedVersion: return "unsupported LZO bitstream version (expected 0 or 1)"
        case .malformed: return "compressed stream is malformed"
        }
    }
}
