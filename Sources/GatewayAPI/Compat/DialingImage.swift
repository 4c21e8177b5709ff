import CCairo
import SessionStore
import Synchronization

/// The "Give a missed call to" picture, drawn with cairo in DejaVu Sans (a real font, legible at a
/// glance) and cached per number: numbers change rarely, clients fetch the image often.
public final class DialingImage: DialingImageRendering {
    private let cache = Mutex<[String: [UInt8]]>([:])
    public let brand: String

    public init(brand: String) {
        self.brand = brand
    }

    public func png(for number: PhoneNumber) async throws -> [UInt8] {
        if let cached = cache.withLock({ $0[number.e164] }) { return cached }
        let png = try Self.render(
            headline: "Give a missed call to",
            number: Self.grouped(number.nationalDialingForm),
            footer: "It is free: we hang up before it connects."
        )
        cache.withLock { $0[number.e164] = png }
        return png
    }

    /// `04466949401` → `044 6694 9401`, easier to read and dial.
    static func grouped(_ digits: String) -> String {
        let characters = Array(digits)
        guard characters.count >= 10 else { return digits }
        let head = characters.count - 8
        return String(characters[0..<head]) + " " + String(characters[head..<(head + 4)]) + " " + String(characters[(head + 4)...])
    }

    public enum RenderError: Error { case cairo(String) }

    static func render(headline: String, number: String, footer: String) throws -> [UInt8] {
        let width: Int32 = 640
        let height: Int32 = 220
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else { throw RenderError.cairo("surface") }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw RenderError.cairo("context") }
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_set_source_rgb(cr, 0.13, 0.13, 0.13)
        centred(cr, headline, size: 30, weight: CAIRO_FONT_WEIGHT_NORMAL, y: 62, width: Double(width))
        cairo_set_source_rgb(cr, 0.0, 0.36, 0.7)
        centred(cr, number, size: 64, weight: CAIRO_FONT_WEIGHT_BOLD, y: 142, width: Double(width))
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4)
        centred(cr, footer, size: 18, weight: CAIRO_FONT_WEIGHT_NORMAL, y: 190, width: Double(width))
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
