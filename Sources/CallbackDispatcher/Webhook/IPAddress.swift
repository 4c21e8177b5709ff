#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 address, classified for the SSRF guard.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(UInt32)
    case v6([UInt8])

    public init?(_ text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            self = .v4(UInt32(bigEndian: v4.s_addr))
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            self = .v6(withUnsafeBytes(of: &v6) { Array($0) })
            return
        }
        return nil
    }

    init?(sockaddr pointer: UnsafeMutablePointer<sockaddr>?) {
        guard let pointer else { return nil }
        switch Int32(pointer.pointee.sa_family) {
        case AF_INET:
            let address = pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
            self = .v4(UInt32(bigEndian: address))
        case AF_INET6:
            var address = pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            self = .v6(withUnsafeBytes(of: &address) { Array($0) })
        default:
            return nil
        }
    }

    public var description: String {
        switch self {
        case .v4(let value):
            return [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
        case .v6(let bytes):
            var address = in6_addr()
            withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// Globally routable unicast: not loopback, private, link-local, CGNAT, multicast, reserved or
    /// unspecified. An IPv6 address that carries IPv4 addresses (`embeddedIPv4`) is public only if
    /// every address it carries is: `[::ffff:127.0.0.1]` or `[2002:7f00:1::1]` reach loopback.
    public var isPublic: Bool {
        switch self {
        case .v4(let a):
            let special: [(UInt32, Int)] = [
                (0x0000_0000, 8), (0x0A00_0000, 8), (0x6440_0000, 10), (0x7F00_0000, 8), (0xA9FE_0000, 16),
                (0xAC10_0000, 12), (0xC000_0000, 24), (0xC000_0200, 24), (0xC0A8_0000, 16), (0xC612_0000, 15),
                (0xC633_6400, 24), (0xCB00_7100, 24), (0xE000_0000, 4), (0xF000_0000, 4),
            ]
            return !special.contains { IPNetwork.matches(a, $0.0, $0.1) }
        case .v6(let b):
            if let carried = embeddedIPv4 { return carried.allSatisfy(\.isPublic) }
            if b.allSatisfy({ $0 == 0 }) { return false }  // ::
            if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return false }  // ::1
            if b[0] == 0xFF { return false }  // multicast
            if b[0] & 0xFE == 0xFC { return false }  // unique local fc00::/7
            if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return false }  // link-local fe80::/10
            if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return false }  // site-local fec0::/10
            if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false }  // documentation
            // NAT64 local-use 64:ff9b:1::/48 (RFC 8215): the operator picks where the IPv4 address
            // sits, so it cannot be read back; never globally reachable anyway.
            if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4] == 0x00 && b[5] == 0x01 { return false }
            return true
        }
    }

    /// The IPv4 addresses an IPv6 address stands for, when it is one of the forms that carry them:
    /// mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, SIIT `::ffff:0:a.b.c.d`, NAT64 well-known
    /// `64:ff9b::a.b.c.d` (RFC 6052), 6to4 `2002:AABB:CCDD::` (RFC 3056), and Teredo `2001:0::/32`,
    /// which carries its server (bytes 4–7) and, inverted, its client (bytes 12–15) (RFC 4380).
    /// `nil` for an IPv4 address or an IPv6 address that carries none. `::` and `::1` are not
    /// read as compatible addresses.
    public var embeddedIPv4: [IPAddress]? {
        guard case .v6(let b) = self else { return nil }
        func v4(_ at: Int, invert: Bool = false) -> IPAddress {
            let value = UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
            return .v4(invert ? ~value : value)
        }
        let zeroTo = { (end: Int) in b[0..<end].allSatisfy { $0 == 0 } }
        if zeroTo(10), b[10] == 0xFF, b[11] == 0xFF { return [v4(12)] }  // mapped
        if zeroTo(8), b[8] == 0xFF, b[9] == 0xFF, b[10] == 0, b[11] == 0 { return [v4(12)] }  // SIIT
        if zeroTo(12), !b[12..<16].allSatisfy({ $0 == 0 }), !(b[12..<15].allSatisfy { $0 == 0 } && b[15] == 1) { return [v4(12)] }  // compatible
        if b[0] == 0x00, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B, b[4..<12].allSatisfy({ $0 == 0 }) { return [v4(12)] }  // NAT64
        if b[0] == 0x20, b[1] == 0x02 { return [v4(2)] }  // 6to4
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x00, b[3] == 0x00 { return [v4(4), v4(12, invert: true)] }  // Teredo
        return nil
    }
}

/// A CIDR block for the allow-list: `127.0.0.0/8`, `::1/128`, `10.20.0.0/16`.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = IPAddress(parts[0]) else { return nil }
        let maxLength: Int
        if case .v4 = address { maxLength = 32 } else { maxLength = 128 }
        let length = parts.count == 2 ? Int(parts[1]) : maxLength
        guard let length, (0...maxLength).contains(length) else { return nil }
        self.address = address
        self.prefixLength = length
    }

    public var description: String { "\(address)/\(prefixLength)" }

    public func contains(_ other: IPAddress) -> Bool {
        switch (address, other) {
        case (.v4(let network), .v4(let candidate)):
            return Self.matches(candidate, network, prefixLength)
        case (.v6(let network), .v6(let candidate)):
            var remaining = prefixLength
            for index in 0..<16 where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if network[index] & mask != candidate[index] & mask { return false }
                remaining -= bits
            }
            return true
        default:
            return false
        }
    }

    static func matches(_ address: UInt32, _ network: UInt32, _ length: Int) -> Bool {
        guard length > 0 else { return true }
        let mask: UInt32 = length >= 32 ? .max : ~(UInt32.max >> UInt32(length))
        return address & mask == network & mask
    }
}
