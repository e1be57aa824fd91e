import CShim

/// `x` with `digits` decimals, rounded as C's printf("%.*f") rounds (the nearest decimal of the binary value),
/// in the C locale's notation ('.'; tmemctl never calls setlocale).
public func fixedDecimal(_ x: Double, digits: Int) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    let n = Int(cshim_format_fixed(&buffer, buffer.count, Int32(digits), x))
    if n >= buffer.count {
        buffer = [CChar](repeating: 0, count: n + 1)
        _ = cshim_format_fixed(&buffer, buffer.count, Int32(digits), x)
    }
    return String(decoding: buffer[0..<max(0, n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
