/// The positions of keys in a list, found by their UTF-8 bytes: for looking up millions of short
/// keys in a table of hundreds of thousands (a plan marks the incidents that a million ranked
/// actions name through three million links), where `Dictionary<String, Int>` spent most of its
/// time in its seeded SipHash and in probes that missed the cache. Here a key is hashed by FNV-1a
/// and its slot is four bytes in a table at most half full, probed linearly.
///
/// The keys are the team's own (incident keys), so the unseeded hash is no opening for a flood of
/// colliding keys from outside; a duplicate key keeps its first position, as
/// `Dictionary(_:uniquingKeysWith: { a, _ in a })` does.
public struct KeyIndex: Sendable {
    private let keys: [String]
    /// Index into `keys` + 1; 0 is an empty slot.
    private var slots: [UInt32]
    private let mask: Int

    public init(_ keys: [String]) {
        precondition(keys.count < Int(UInt32.max), "a key index holds fewer than 2^32 keys")
        self.keys = keys
        var size = 16
        while size < keys.count * 2 { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
        for (position, key) in keys.enumerated() {
            var slot = Self.hash(key) & mask
            while slots[slot] != 0 {
                if keys[Int(slots[slot] - 1)] == key { break }  // a duplicate: the first stays
                slot = (slot + 1) & mask
            }
            if slots[slot] == 0 { slots[slot] = UInt32(position + 1) }
        }
    }

    /// The position of `key` in the list the index was made from (its first, when repeated).
    public func position(of key: String) -> Int? {
        var slot = Self.hash(key) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if keys[Int(entry - 1)] == key { return Int(entry - 1) }
            slot = (slot + 1) & mask
        }
    }

    /// FNV-1a of the key's UTF-8 bytes, its high bits folded into the low ones that pick the slot.
    static func hash(_ key: String) -> Int {
        var key = key
        let h = key.withUTF8 { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return h
        }
        return Int(truncatingIfNeeded: h ^ (h >> 32))
    }
}
