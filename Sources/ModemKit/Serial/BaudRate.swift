#if canImport(Glibc)
import Glibc
#endif

/// Line speeds a USB modem's tty accepts. USB CDC ports ignore it, real UARTs do not.
public enum BaudRate: Int, Sendable, CaseIterable {
    case b9600 = 9600
    case b19200 = 19200
    case b38400 = 38400
    case b57600 = 57600
    case b115200 = 115200
    case b230400 = 230400
    case b460800 = 460800
    case b921600 = 921600

    var termiosSpeed: speed_t {
        switch self {
        case .b9600: return speed_t(B9600)
        case .b19200: return speed_t(B19200)
        case .b38400: return speed_t(B38400)
        case .b57600: return speed_t(B57600)
        case .b115200: return speed_t(B115200)
        case .b230400: return speed_t(B230400)
        case .b460800: return speed_t(B460800)
        case .b921600: return speed_t(B921600)
        }
    }
}
