import CCairo
import SessionStore
import Synchronization

/// The "Give a missed call to" picture, drawn with cairo in DejaVu Sans (a real font, legible at a
/// glance), at 1× (640×260) or 2× for high-density screens. The picture of a pool number
/// (`ImageUrl`) says how long the window lasts and is cached per number and scale: numbers change
/// rarely, clients fetch it often. The picture of one session (`out=IMG`) also names the phone to
/// call from and is drawn each time (≈ 2 ms).
public final class DialingImage: DialingImageRendering {
    private let cache = Mutex<[String: [UInt8]]>([:])
    public let brand: String
    /// How long a session waits for its call: the window the picture tells of.
    public let window: Duration

    public init(brand: String, window: Duration = .seconds(120)) {
        self.brand = brand
        self.window = window
    }

    public func png(for number: PhoneNumber, scale: Int) async throws -> [UInt8] {
        let key = "\(number.e164)@\(scale)"
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let png = try Self.render(
            number: Self.grouped(number.nationalDialingForm),
            detail: "Call within \(Self.spoken(window)) of asking for it.",
            scale: scale
        )
        cache.withLock { $0[key] = png }
        return png
    }

    public func png(for session: VerificationSession, scale: Int) async throws -> [UInt8] {
        let window = Duration.seconds(max(0, session.expiresAt.timeIntervalSince(session.createdAt)))
        return try Self.render(
            number: Self.grouped(session.dialingNumber.nationalDialingForm),
            detail: "from \(Self.spaced(session.mobile.e164)), within \(Self.spoken(window))",
            scale: scale
        )
    }

    /// `+919920123456` → `+91 99201 23456`, as the widget shows it; other numbers as they are.
    static func spaced(_ e164: String) -> String {
        let characters = Array(e164)
        guard e164.hasPrefix("+91"), characters.count == 13 else { return e164 }
        return "+91 " + String(characters[3..<8]) + " " + String(characters[8...])
    }

    /// `120 s` → `2 minutes`, `90 s` → `90 seconds`.
    static func spoken(_ window: Duration) -> String {
        let seconds = Int(window.components.seconds)
        if seconds >= 120, seconds % 60 == 0 { return "\(seconds / 60) minutes" }
        if seconds == 60 { return "1 minute" }
        return "\(seconds) seconds"
    }

    /// `04466949401` → `044 6694 9401`, easier to read and dial.
    static func grouped(_ digits: String) -> String {
        let characters = Array(digits)
        guard characters.count >= 10 else { return digits }
        let head = characters.count - 8
        return String(characters[0..<head]) + " " + String(characters[head..<(head + 4)]) + " " + String(characters[(head + 4)...])
    }

    public enum RenderError: Error { case cairo(String) }

    /// 1× size in points; a 2× picture is the same drawing at twice the pixels.
    static let width = 640.0
    static let height = 260.0

    static func render(number: String, detail: String, scale: Int) throws -> [UInt8] {
        let factor = Double(max(1, min(scale, 3)))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width * factor), Int32(height * factor)) else {
            throw RenderError.cairo("surface")
        }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw RenderError.cairo("context") }
        defer { cairo_destroy(cr) }
        cairo_scale(cr, factor, factor)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
        centred(cr, "Give a missed call to", size: 30, weight: CAIRO_FONT_WEIGHT_NORMAL, y: 62, width: width)
        cairo_set_source_rgb(cr, 0.0, 0.36, 0.7)
        centred(cr, number, size: 64, weight: CAIRO_FONT_WEIGHT_BOLD, y: 142, width: width)
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
        centred(cr, detail, size: 24, weight: CAIRO_FONT_WEIGHT_BOLD, y: 188, width: width)
        cairo_set_source_rgb(cr, 0.33, 0.33, 0.33)
        centred(cr, "It is free: we hang up before it connects.", size: 18, weight: CAIRO_FONT_WEIGHT_NORMAL, y: 230, width: width)
        cairo_surface_flush(surface)
        let sink = PNGSink()
        let status = cairo_surface_write_to_png_stream(
            surface,
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<PNGSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(
                    contentsOf: UnsafeBufferPointer(start: data, count: Int(length))
                )
                return CAIRO_STATUS_SUCCESS
            },
            Unmanaged.passUnretained(sink).toOpaque()
        )
        guard status == CAIRO_STATUS_SUCCESS else { throw RenderError.cairo("png \(status)") }
        return sink.bytes
    }

    private static func centred(_ cr: OpaquePointer, _ text: String, size: Double, weight: cairo_font_weight_t, y: Double, width: Double) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, weight)
        cairo_set_font_size(cr, size)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        cairo_move_to(cr, (width - extents.width) / 2 - extents.x_bearing, y)
        cairo_show_text(cr, text)
    }
}

/// Collects the PNG bytes cairo streams out (used only inside `render`, on one thread).
private final class PNGSink {
    var bytes: [UInt8] = []
}
