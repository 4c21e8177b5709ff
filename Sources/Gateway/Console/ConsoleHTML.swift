import Foundation
import GatewayAPI

/// The console's pages as HTML text: one layout, escaping, and charts drawn as inline SVG by the
/// server (no script, no chart library).
enum ConsoleHTML {
    static let pages: [(path: String, title: String)] = [
        ("modems", "Modems"), ("pool", "Pool"), ("calls", "Calls"), ("funnel", "Funnel"), ("deliveries", "Deliveries"), ("nodes", "Nodes"),
    ]

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// `base` is where the console is mounted (`/console`); `script` runs at the end of the page.
    /// Pages without a live stream of their own reload every 15 s (`refresh`).
    static func page(_ current: String, base: String, title: String, body: String, script: String = "", refresh: Bool = false) -> String {
        let nav = pages.map { page -> String in
            let here = page.path == current ? " aria-current=\"page\"" : ""
            return "<a href=\"\(base)/\(page.path)\"\(here)>\(page.title)</a>"
        }.joined()
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            \(refresh ? "<meta http-equiv=\"refresh\" content=\"15\">" : "")<title>\(escape(title)) — missedcall console</title><style>\(style)</style></head>
            <body><header><strong>missedcall</strong><nav aria-label="Console">\(nav)</nav></header>
            <main><h1>\(escape(title))</h1>\(body)</main>\(script.isEmpty ? "" : "<script>\(script)</script>")</body></html>
            """
    }

    /// A table; cells are HTML already (escape what comes from data).
    static func table(_ headers: [String], _ rows: [[String]], caption: String? = nil, rowClasses: [String]? = nil, id: String? = nil) -> String {
        var html = "<table\(id.map { " id=\"\($0)\"" } ?? "")>"
        if let caption { html += "<caption>\(escape(caption))</caption>" }
        html +=
            "<thead><tr>" + headers.map { (header: String) -> String in "<th scope=\"col\">\(escape(header))</th>" }.joined() + "</tr></thead><tbody>"
        for (index, row) in rows.enumerated() {
            let cls = rowClasses?[index].isEmpty == false ? " class=\"\(rowClasses?[index] ?? "")\"" : ""
            html += "<tr\(cls)>" + row.map { (cell: String) -> String in "<td>\(cell)</td>" }.joined() + "</tr>"
        }
        if rows.isEmpty { html += "<tr><td colspan=\"\(headers.count)\" class=\"muted\">none</td></tr>" }
        return html + "</tbody></table>"
    }

    /// Four bars for a signal in dBm (-113 … -51), with the number for screen readers and tooltips.
    static func signalBars(_ dBm: Int?) -> String {
        guard let dBm else { return "<span class=\"muted\">—</span>" }
        let level = dBm >= -73 ? 4 : dBm >= -83 ? 3 : dBm >= -93 ? 2 : dBm >= -105 ? 1 : 0
        let bars = (1...4).map { index -> String in
            let height = 4 + index * 4
            return "<rect x=\"\((index - 1) * 6)\" y=\"\(20 - height)\" width=\"4\" height=\"\(height)\" class=\"\(index <= level ? "on" : "off")\"/>"
        }.joined()
        return
            "<svg class=\"bars\" width=\"24\" height=\"20\" role=\"img\" aria-label=\"signal \(dBm) dBm\"><title>\(dBm) dBm</title>\(bars)</svg> <span class=\"muted\">\(dBm) dBm</span>"
    }

    /// Horizontal bars, one per (label, value), scaled to the largest; values written beside them.
    static func barChart(_ items: [(label: String, value: Int)], label: String) -> String {
        let width = 560
        let rowHeight = 26
        let labelWidth = 130
        let peak = max(1, items.map(\.value).max() ?? 1)
        var svg = "<svg class=\"chart\" width=\"\(width)\" height=\"\(items.count * rowHeight + 4)\" role=\"img\" aria-label=\"\(escape(label))\">"
        for (index, item) in items.enumerated() {
            let y = index * rowHeight
            let length = Int(Double(width - labelWidth - 70) * Double(item.value) / Double(peak))
            svg += "<text x=\"0\" y=\"\(y + 17)\">\(escape(item.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(max(1, length))\" height=\"18\" class=\"bar\"/>"
            svg += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 17)\">\(item.value)</text>"
        }
        return svg + "</svg>"
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : "\(Int((Double(part) * 100 / Double(whole)).rounded())) %"
    }

    static func ago(_ date: Date?, now: Date = Date()) -> String {
        guard let date else { return "—" }
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 60 { return "\(max(0, seconds)) s ago" }
        if seconds < 3600 { return "\(seconds / 60) min ago" }
        if seconds < 86_400 { return "\(seconds / 3600) h ago" }
        return "\(seconds / 86_400) d ago"
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
    }

    static let style = """
        body{font:15px/1.45 system-ui,sans-serif;color:#1f1f1f;margin:0;background:#f4f6f8}
        header{display:flex;gap:24px;align-items:center;background:#12263a;color:#fff;padding:10px 20px}
        header a{color:#dbe9f7;text-decoration:none;margin-right:14px;padding:4px 2px}header a[aria-current]{color:#fff;border-bottom:2px solid #ffbf47}
        main{max-width:1180px;margin:0 auto;padding:12px 20px 40px}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:28px}
        table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0 18px}caption{text-align:left;font-weight:600;padding:6px 0}
        th,td{border-bottom:1px solid #dcdcdc;padding:6px 8px;text-align:left;vertical-align:middle}th{background:#eef1f4}
        tr.bad td{background:#fdecea}tr.warn td{background:#fff6e0}.muted{color:#595959}.ok{color:#1b6b2f;font-weight:600}
        .err{color:#a00;font-weight:600}.warn-text{color:#8a3b00;font-weight:600}
        .bars rect.on{fill:#1b6b2f}.bars rect.off{fill:#c9c9c9}.chart text{font-size:13px;fill:#1f1f1f}.chart rect.bar{fill:#005cb3}
        .cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #dcdcdc;border-radius:8px;padding:10px 16px;min-width:140px}
        .card b{display:block;font-size:1.6em}button{font:inherit;background:#005cb3;color:#fff;border:0;border-radius:6px;padding:5px 12px;cursor:pointer}
        button:focus-visible,a:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}code{font:13px ui-monospace,monospace}
        form.inline{display:inline}
        """
}
