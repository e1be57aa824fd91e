/// An `Encoder` that builds a `JSONTree` and writes every nil optional as null: its keyed container answers
/// `encodeIfPresent` (which synthesized conformances call for optionals) with `encodeNil` instead of leaving the
/// key out. JSONEncoder then writes the tree (`EveryKeyJSONEncoder`, and the CLI's `JSONDocument` on top of it).
/// This is the one way tmemctl writes nulls: a type needs no hand-written `encode(to:)` to keep its nil keys.
public struct TreeEncoder: Encoder {
    public var codingPath: [any CodingKey]
    public var userInfo: [CodingUserInfoKey: Any] { [:] }
    fileprivate let node: Node

    public static func tree<T: Encodable>(of value: T) throws -> JSONTree {
        let root = Node()
        try root.encode(value, path: [])
        return root.tree
    }

    public func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer<Key>(object: node.object(), codingPath: codingPath))
    }

    public func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(array: node.array(), codingPath: codingPath)
    }

    public func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }
}

/// One value under construction; objects and arrays are filled in place as their containers encode.
private final class Node {
    enum Content { case empty, leaf(JSONTree), object(ObjectBuilder), array(ArrayBuilder) }
    var content = Content.empty

    final class ObjectBuilder {
        var members: [(key: String, node: Node)] = []
        var convertsKeys = true
    }

    final class ArrayBuilder { var items: [Node] = [] }

    var tree: JSONTree {
        switch content {
        case .empty: return .object([], convertsKeys: true)
        case .leaf(let v): return v
        case .object(let o): return .object(o.members.map { ($0.key, $0.node.tree) }, convertsKeys: o.convertsKeys)
        case .array(let a): return .array(a.items.map(\.tree))
        }
    }

    /// The object this node holds, made one if it is still empty (a type may ask for its container twice).
    func object() -> ObjectBuilder {
        if case .object(let o) = content { return o }
        let o = ObjectBuilder()
        content = .object(o)
        return o
    }

    func array() -> ArrayBuilder {
        if case .array(let a) = content { return a }
        let a = ArrayBuilder()
        content = .array(a)
        return a
    }

    func encode<T: Encodable>(_ value: T, path: [any CodingKey]) throws {
        if let dictionary = value as? any StringKeyedEncodable {
            let o = object()
            o.convertsKeys = false
            for (k, v) in dictionary.stringKeyedMembers {
                let child = Node()
                try child.encode(v, path: path + [JSONTree.Key(k)])   // opens the existential: the generic encode
                o.members.append((k, child))
            }
            return
        }
        try value.encode(to: TreeEncoder(codingPath: path, node: self))
    }
}

/// `[String: V]`: its keys are data (zswap parameter names), kept as they are, as JSONEncoder keeps them.
private protocol StringKeyedEncodable {
    var stringKeyedMembers: [(String, any Encodable)] { get }
}

extension Dictionary: StringKeyedEncodable where Key == String, Value: Encodable {
    fileprivate var stringKeyedMembers: [(String, any Encodable)] { map { ($0.key, $0.value as any Encodable) } }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: Node.ObjectBuilder
    var codingPath: [any CodingKey]

    private func child(_ key: Key) -> Node {
        let n = Node()
        object.members.removeAll { $0.key == key.stringValue }
        object.members.append((key.stringValue, n))
        return n
    }

    private func put(_ v: JSONTree, _ key: Key) { child(key).content = .leaf(v) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ v: Bool, forKey key: Key) throws { put(.bool(v), key) }
    mutating func encode(_ v: String, forKey key: Key) throws { put(.string(v), key) }
    mutating func encode(_ v: Double, forKey key: Key) throws { put(.double(v), key) }
    mutating func encode(_ v: Float, forKey key: Key) throws { put(.float(v), key) }
    mutating func encode(_ v: Int, forKey key: Key) throws { put(.int(Int64(v)), key) }
    mutating func encode(_ v: Int8, forKey key: Key) throws { put(.int(Int64(v)), key) }
    mutating func encode(_ v: Int16, forKey key: Key) throws { put(.int(Int64(v)), key) }
    mutating func encode(_ v: Int32, forKey key: Key) throws { put(.int(Int64(v)), key) }
    mutating func encode(_ v: Int64, forKey key: Key) throws { put(.int(v), key) }
    mutating func encode(_ v: UInt, forKey key: Key) throws { put(.uint(UInt64(v)), key) }
    mutating func encode(_ v: UInt8, forKey key: Key) throws { put(.uint(UInt64(v)), key) }
    mutating func encode(_ v: UInt16, forKey key: Key) throws { put(.uint(UInt64(v)), key) }
    mutating func encode(_ v: UInt32, forKey key: Key) throws { put(.uint(UInt64(v)), key) }
    mutating func encode(_ v: UInt64, forKey key: Key) throws { put(.uint(v), key) }
    mutating func encode<T: Encodable>(_ v: T, forKey key: Key) throws { try child(key).encode(v, path: codingPath + [key]) }

    // The policy: a nil optional is written as null, not left out.
    mutating func encodeIfPresent(_ v: Bool?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: String?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: Double?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: Float?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: Int?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: Int8?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: Int16?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: Int32?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: Int64?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: UInt?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: UInt8?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: UInt16?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: UInt32?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent(_ v: UInt64?, forKey key: Key) throws { try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key) }
    mutating func encodeIfPresent<T: Encodable>(_ v: T?, forKey key: Key) throws {
        try v.map { try encode($0, forKey: key) } ?? encodeNil(forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedContainer<NestedKey>(object: child(key).object(), codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedContainer(array: child(key).array(), codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        TreeEncoder(codingPath: codingPath, node: child(Key(stringValue: "super")!))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(codingPath: codingPath + [key], node: child(key))
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: Node.ArrayBuilder
    var codingPath: [any CodingKey]
    var count: Int { array.items.count }

    private func next() -> Node {
        let n = Node()
        array.items.append(n)
        return n
    }

    private var indexKey: any CodingKey { JSONTree.Key("\(count)") }

    mutating func encodeNil() throws { next().content = .leaf(.null) }
    mutating func encode<T: Encodable>(_ v: T) throws {
        let key = indexKey
        try next().encode(v, path: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = indexKey
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: next().object(), codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = indexKey
        return UnkeyedContainer(array: next().array(), codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let key = indexKey
        return TreeEncoder(codingPath: codingPath + [key], node: next())
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: Node
    var codingPath: [any CodingKey]

    private func put(_ v: JSONTree) { node.content = .leaf(v) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ v: Bool) throws { put(.bool(v)) }
    mutating func encode(_ v: String) throws { put(.string(v)) }
    mutating func encode(_ v: Double) throws { put(.double(v)) }
    mutating func encode(_ v: Float) throws { put(.float(v)) }
    mutating func encode(_ v: Int) throws { put(.int(Int64(v))) }
    mutating func encode(_ v: Int8) throws { put(.int(Int64(v))) }
    mutating func encode(_ v: Int16) throws { put(.int(Int64(v))) }
    mutating func encode(_ v: Int32) throws { put(.int(Int64(v))) }
    mutating func encode(_ v: Int64) throws { put(.int(v)) }
    mutating func encode(_ v: UInt) throws { put(.uint(UInt64(v))) }
    mutating func encode(_ v: UInt8) throws { put(.uint(UInt64(v))) }
    mutating func encode(_ v: UInt16) throws { put(.uint(UInt64(v))) }
    mutating func encode(_ v: UInt32) throws { put(.uint(UInt64(v))) }
    mutating func encode(_ v: UInt64) throws { put(.uint(v)) }
    mutating func encode<T: Encodable>(_ v: T) throws { try node.encode(v, path: codingPath) }
}
