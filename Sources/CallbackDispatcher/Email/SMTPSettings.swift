import NIOSSL

/// How to reach the mail relay.
public struct SMTPSettings: Sendable {
    public enum Security: String, Sendable, CaseIterable {
        /// Plain text (a relay on localhost).
        case none
        /// Plain connection upgraded with STARTTLS (port 587); refused if the server does not offer it.
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case implicitTLS = "tls"
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name we give in EHLO.
    public var heloName: String
    public var timeout: Duration
    /// Extra CA certificates (PEM files) to trust, beyond the system's.
    public var trustedCertificateFiles: [String]

    public init(
        host: String,
        port: Int = 25,
        security: Security = .none,
        username: String? = nil,
        password: String? = nil,
        heloName: String = "missedcall.localdomain",
        timeout: Duration = .seconds(30),
        trustedCertificateFiles: [String] = []
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.timeout = timeout
        self.trustedCertificateFiles = trustedCertificateFiles
    }

    func tlsConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !trustedCertificateFiles.isEmpty {
            let extra = try trustedCertificateFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) }
            configuration.additionalTrustRoots = [.certificates(extra)]
        }
        return configuration
    }
}

public enum SMTPError: Error, Equatable, Sendable, CustomStringConvertible {
    case connection(String)
    case timeout(stage: String)
    /// The server answered `reply` at `stage` (EHLO, AUTH, MAIL, RCPT, DATA...).
    case rejected(stage: String, reply: SMTPReply)
    case startTLSUnavailable
    case authUnavailable
    case protocolError(String)

    public var isTransient: Bool {
        switch self {
        case .rejected(_, let reply): return reply.isTransient
        case .startTLSUnavailable, .authUnavailable: return false
        default: return true
        }
    }

    public var description: String {
        switch self {
        case .connection(let text): return "SMTP connection failed: \(text)"
        case .timeout(let stage): return "SMTP timed out at \(stage)"
        case .rejected(let stage, let reply): return "SMTP \(stage) rejected: \(reply)"
        case .startTLSUnavailable: return "SMTP server does not offer STARTTLS"
        case .authUnavailable: return "SMTP server offers neither AUTH PLAIN nor LOGIN"
        case .protocolError(let text): return "SMTP protocol error: \(text)"
        }
    }
}
