/// Splits a modem's byte stream into lines. Pure and incremental: bytes may arrive split anywhere.
///
/// Tolerates `\r\n`, `\r\r\n`, a lone `\r` or `\n`, blank lines, and the SMS prompt `> ` which has no
/// line ending. Over-long runs without a line ending (line noise) are discarded, never buffered
/// without bound.
public struct ATLineFramer: Sendable {
    public let maxLineLength: Int
    private var buffer: [UInt8] = []
    private var discardingOverlongLine = false
    /// Lines dropped because they exceeded `maxLineLength`.
    public private(set) var discardedLines = 0

    public init(maxLineLength: Int = 2048) {
        self.maxLineLength = maxLineLength
        buffer.reserveCapacity(128)
    }

    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) -> [ATFrame] where Bytes.Element == UInt8 {
        var frames: [ATFrame] = []
        for byte in bytes {
            switch byte {
            case 0x0D, 0x0A:
                if discardingOverlongLine {
                    discardingOverlongLine = false
                } else if let line = Self.decode(buffer) {
                    frames.append(.line(line))
                }
                buffer.removeAll(keepingCapacity: true)
            default:
                if discardingOverlongLine { continue }
                buffer.append(byte)
                if buffer.count == 2, buffer[0] == 0x3E, buffer[1] == 0x20 {  // "> "
                    frames.append(.prompt)
                    buffer.removeAll(keepingCapacity: true)
                } else if buffer.count > maxLineLength {
                    buffer.removeAll(keepingCapacity: true)
                    discardingOverlongLine = true
                    discardedLines += 1
                }
            }
        }
        return frames
    }

    /// Decodes a line, dropping NULs and other C0 controls that noisy lines carry; `nil` when nothing
    /// printable is left.
    static func decode(_ bytes: [UInt8]) -> String? {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(bytes.count)
        for byte in bytes where byte >= 0x20 || byte == 0x09 {
            cleaned.append(byte)
        }
        let text = String(decoding: cleaned, as: UTF8.self).trimmingASCIIWhitespace()
        return text.isEmpty ? nil : text
    }
}

extension StringProtocol {
    /// Trims spaces and tabs without Foundation, which stays off the hang-up path.
    func trimmingASCIIWhitespace() -> String {
        let text = Substring(self)
        let utf8 = text.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        return String(text.utf8[start..<end]) ?? String(text)
    }
}
