/// Input that cannot be carried out, found before anything on the host changed. The CLI maps it to exit 64;
/// the message says what to do instead.
public struct InvalidRequest: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A request that is well formed but that the host's state refuses now (the device is swap, mounted, open,
/// missing): exit 1 with the message, which says what to change first.
public struct RefusedState: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
