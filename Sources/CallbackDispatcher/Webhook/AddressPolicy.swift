import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// The SSRF guard: a notify URL whose host resolves to loopback, private, link-local, multicast or
/// otherwise special addresses is refused unless the configuration allow-lists that network. It is
/// checked when a session is created and again before every delivery (DNS can change).
public struct AddressPolicy: Sendable {
    public var allowedNetworks: [IPNetwork]

    public init(allowedNetworks: [IPNetwork] = []) {
        self.allowedNetworks = allowedNetworks
    }

    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case forbiddenAddress(host: String, address: String)
        case unresolvable(host: String)

        public var description: String {
            switch self {
            case .forbiddenAddress(let host, let address): return "\(host) resolves to \(address), a non-public address that is not allow-listed"
            case .unresolvable(let host): return "\(host) does not resolve"
            }
        }
    }

    /// Resolves `host` and checks every address; returns them when all are acceptable.
    public func check(host: String) async throws(Refusal) -> [IPAddress] {
        let addresses: [IPAddress]
        if let literal = IPAddress(host) {
            addresses = [literal]
        } else {
            addresses = await Self.resolve(host)
        }
        guard !addresses.isEmpty else { throw .unresolvable(host: host) }
        for address in addresses where !permits(address) {
            throw .forbiddenAddress(host: host, address: address.description)
        }
        return addresses
    }

    /// Allow-listed, or public. An IPv6 form that carries IPv4 addresses is judged by those: an
    /// allow-listed `127.0.0.0/8` admits `::ffff:127.0.0.1` too, and nothing admits
    /// `[64:ff9b::10.0.0.1]` that would not admit `10.0.0.1`.
    public func permits(_ address: IPAddress) -> Bool {
        if allowedNetworks.contains(where: { $0.contains(address) }) { return true }
        if let carried = address.embeddedIPv4 { return carried.allSatisfy(permits) }
        return address.isPublic
    }

    /// getaddrinfo blocks, so it runs on NIO's thread pool.
    static func resolve(_ host: String) async -> [IPAddress] {
        (try? await NIOThreadPool.singleton.runIfActive {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [IPAddress]() }
            defer { freeaddrinfo(first) }
            var addresses: [IPAddress] = []
            var cursor: UnsafeMutablePointer<addrinfo>? = first
            while let info = cursor {
                if let address = IPAddress(sockaddr: info.pointee.ai_addr) { addresses.append(address) }
                cursor = info.pointee.ai_next
            }
            return addresses
        }) ?? []
    }
}
