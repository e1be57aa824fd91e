/// Input that cannot be carried out, found before anything on the host changed. The CLI maps it to exit 64;
/// the message says what to do instead.
public struct InvalidRequest: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
