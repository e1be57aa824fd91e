import TmemCore

/// An exact LRU set of keys: touch moves a key to the most recent end, `removeOldest` takes the least recent.
/// Nodes live in arrays and are linked by index, so a touch is O(1) without allocation.
struct LRUList<Key: Hashable> {
    private var index: [Key: Int] = [:]
    private var keys: [Key?] = []
    private var prev: [Int] = []
    private var next: [Int] = []
    private var freeNodes: [Int] = []
    private var head = -1   // oldest
    private var tail = -1   // newest

    var count: Int { index.count }

    func contains(_ key: Key) -> Bool { index[key] != nil }

    /// Inserts or refreshes a key as the most recently used.
    mutating func touch(_ key: Key) {
        if let n = index[key] {
            unlink(n)
            append(n)
            return
        }
        let n: Int
        if let f = freeNodes.popLast() {
            n = f
            keys[n] = key
        } else {
            n = keys.count
            keys.append(key)
            prev.append(-1)
            next.append(-1)
        }
        index[key] = n
        append(n)
    }

    mutating func remove(_ key: Key) {
        guard let n = index.removeValue(forKey: key) else { return }
        unlink(n)
        keys[n] = nil
        freeNodes.append(n)
    }

    mutating func removeOldest() -> Key? {
        guard head >= 0, let key = keys[head] else { return nil }
        remove(key)
        return key
    }

    var allKeys: [Key] { Array(index.keys) }

    private mutating func unlink(_ n: Int) {
        if prev[n] >= 0 { next[prev[n]] = next[n] } else { head = next[n] }
        if next[n] >= 0 { prev[next[n]] = prev[n] } else { tail = prev[n] }
        prev[n] = -1
        next[n] = -1
    }

    private mutating func append(_ n: Int) {
        prev[n] = tail
        next[n] = -1
        if tail >= 0 { next[tail] = n } else { head = n }
        tail = n
    }
}
