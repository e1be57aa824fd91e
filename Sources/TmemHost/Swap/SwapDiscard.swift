
/// swapon's discard policy, as fstab's `discard`, `discard=once`, `discard=pages` spell it (swapon(8)).
public enum SwapDiscard: String, Sendable, CaseIterable {
    case none
    /// Both: the whole area at swapon and freed pages.
    case both = "discard"
    case once = "discard=once"
    case pages = "discard=pages"

    var flagCode: Int32 {
        switch self {
        case .none: 0
        case .both: 1
        case .once: 2
        case .pages: 3
        }
    }
}
