/// Why a serial port could not be opened or configured; `errno` and the step are kept for the log.
public struct SerialPortError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Step: String, Sendable { case open, exclusive, getAttributes, setAttributes, flush }

    public var path: String
    public var step: Step
    public var errno: Int32

    public var description: String {
        "serial port \(path): \(step.rawValue) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}

#if canImport(Glibc)
import Glibc
#endif
