import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Yams

/// Serves the OpenAPI description (`/openapi.yaml`) and a reference page drawn from it (`/docs`):
/// rendered here, once, from the same YAML — no CDN, no vendored renderer, and the page can never
/// describe another API than the one served.
public enum APIReference {
    public static func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/yaml; charset=utf-8", .cacheControl: "public, max-age=300", .accessControlAllowOrigin: "*"],
                body: .init(byteBuffer: ByteBuffer(bytes: WidgetAssets.openAPI))
            )
        }
        router.get("/docs") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: ByteBuffer(string: page))
            )
        }
    }

    /// Drawn on first use; a spec that does not parse shows its error (a test keeps it parsing).
    static let page: String = {
        do {
            guard let spec = try Yams.load(yaml: String(decoding: WidgetAssets.openAPI, as: UTF8.self)) as? [String: Any] else {
                return "<!doctype html><title>API reference</title><p>openapi.yaml is not a mapping</p>"
            }
            return render(spec)
        } catch {
            return "<!doctype html><title>API reference</title><p>openapi.yaml does not parse: \(escape("\(error)"))</p>"
        }
    }()

    static let methods = ["get", "post", "put", "patch", "delete", "options"]

    static func render(_ spec: [String: Any]) -> String {
        let info = spec["info"] as? [String: Any] ?? [:]
        let paths = spec["paths"] as? [String: Any] ?? [:]
        let components = spec["components"] as? [String: Any] ?? [:]
        let schemas = components["schemas"] as? [String: Any] ?? [:]
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(info["title"] as? String ?? "API")) — reference</title>
            <style>\(style)</style></head><body><main>
            <h1>\(escape(info["title"] as? String ?? "API")) <small>\(escape("\(info["version"] ?? "")"))</small></h1>
            \(prose(info["description"] as? String))
            <p>The machine-readable description: <a href="/openapi.yaml">/openapi.yaml</a> (OpenAPI \(escape("\(spec["openapi"] ?? "")"))).</p>
            <nav aria-label="Endpoints"><h2>Endpoints</h2><ul>
            """
        var operations: [(id: String, method: String, path: String, operation: [String: Any])] = []
        for path in paths.keys.sorted(by: pathOrder) {
            guard let item = paths[path] as? [String: Any] else { continue }
            for method in methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                operations.append((anchor(method + path), method, path, operation))
            }
        }
        for entry in operations {
            html +=
                "<li><a href=\"#\(entry.id)\"><span class=\"m m-\(entry.method)\">\(entry.method.uppercased())</span> <code>\(escape(entry.path))</code></a> — \(escape(entry.operation["summary"] as? String ?? ""))</li>\n"
        }
        html += "<li><a href=\"#schemas\">Schemas</a></li></ul></nav>\n"
        for entry in operations {
            let operation = entry.operation
            html +=
                "<section id=\"\(entry.id)\" class=\"op\"><h2><span class=\"m m-\(entry.method)\">\(entry.method.uppercased())</span> <code>\(escape(entry.path))</code></h2>\n"
            html += "<p class=\"summary\">\(escape(operation["summary"] as? String ?? ""))</p>\(prose(operation["description"] as? String))\n"
            if let security = operation["security"] as? [[String: Any]], !security.isEmpty {
                html +=
                    "<p><strong>Authentication:</strong> \(security.flatMap(\.keys).map { "<code>\(escape($0))</code>" }.joined(separator: ", "))</p>\n"
            }
            if let parameters = operation["parameters"] as? [[String: Any]], !parameters.isEmpty {
                html +=
                    "<h3>Parameters</h3><table><thead><tr><th scope=\"col\">name</th><th scope=\"col\">in</th><th scope=\"col\">type</th><th scope=\"col\">description</th></tr></thead><tbody>\n"
                for parameter in parameters {
                    let required = parameter["required"] as? Bool == true ? " <em>required</em>" : ""
                    html +=
                        "<tr><td><code>\(escape(parameter["name"] as? String ?? ""))</code>\(required)</td><td>\(escape(parameter["in"] as? String ?? ""))</td><td>\(type(parameter["schema"]))</td><td>\(prose(parameter["description"] as? String, inline: true))\(example(parameter["example"]))</td></tr>\n"
                }
                html += "</tbody></table>\n"
            }
            if let body = operation["requestBody"] as? [String: Any], let content = body["content"] as? [String: Any] {
                html += "<h3>Request body</h3>"
                for (type, media) in content.sorted(by: { $0.key < $1.key }) {
                    html += "<p><code>\(escape(type))</code></p>\(fields((media as? [String: Any])?["schema"], schemas: schemas))"
                }
            }
            if let responses = operation["responses"] as? [String: Any] {
                html +=
                    "<h3>Responses</h3><table><thead><tr><th scope=\"col\">status</th><th scope=\"col\">description</th><th scope=\"col\">body</th></tr></thead><tbody>\n"
                for status in responses.keys.sorted() {
                    let response = resolve(responses[status], in: components) ?? [:]
                    let content = response["content"] as? [String: Any] ?? [:]
                    let bodies = content.sorted(by: { $0.key < $1.key }).map {
                        "<code>\(escape($0.key))</code> \(type(($0.value as? [String: Any])?["schema"]))"
                    }
                    html +=
                        "<tr><td>\(escape(status))</td><td>\(prose(response["description"] as? String, inline: true))</td><td>\(bodies.joined(separator: "<br>"))</td></tr>\n"
                }
                html += "</tbody></table>\n"
            }
            if let callbacks = operation["callbacks"] as? [String: Any] {
                for (name, callback) in callbacks.sorted(by: { $0.key < $1.key }) {
                    html += "<h3>Callback: \(escape(name))</h3>"
                    // `{$ref: "#/components/callbacks/verified"}`: both create operations share one.
                    for (expression, item) in (resolve(callback, in: components) ?? [:]).sorted(by: { $0.key < $1.key }) {
                        for method in methods {
                            guard let hook = (item as? [String: Any])?[method] as? [String: Any] else { continue }
                            html +=
                                "<p><span class=\"m m-\(method)\">\(method.uppercased())</span> <code>\(escape(expression))</code> — \(escape(hook["summary"] as? String ?? ""))</p>\(prose(hook["description"] as? String))"
                            if let parameters = hook["parameters"] as? [[String: Any]] {
                                html +=
                                    "<ul>"
                                    + parameters.map {
                                        "<li><code>\(escape($0["name"] as? String ?? ""))</code> (\(escape($0["in"] as? String ?? ""))) \(prose($0["description"] as? String, inline: true))</li>"
                                    }.joined() + "</ul>"
                            }
                            if let content = (hook["requestBody"] as? [String: Any])?["content"] as? [String: Any] {
                                for (type, media) in content.sorted(by: { $0.key < $1.key }) {
                                    html +=
                                        "<p>Body <code>\(escape(type))</code></p>\(fields((media as? [String: Any])?["schema"], schemas: schemas))"
                                }
                            }
                        }
                    }
                }
            }
            html += "</section>\n"
        }
        html += "<section id=\"schemas\"><h2>Schemas</h2>\n"
        for name in schemas.keys.sorted() {
            html +=
                "<h3 id=\"schema-\(anchor(name))\">\(escape(name))</h3>\(prose((schemas[name] as? [String: Any])?["description"] as? String))\(fields(schemas[name], schemas: schemas))\n"
        }
        html += "</section></main></body></html>\n"
        return html
    }

    /// A schema's properties as a table (a `$ref` is followed once; `oneOf` lists its choices).
    static func fields(_ schema: Any?, schemas: [String: Any]) -> String {
        guard var object = schema as? [String: Any] else { return "" }
        if let ref = object["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = schemas[name] as? [String: Any] else { return "<p>\(type(object))</p>" }
            object = target
        }
        if let choices = object["oneOf"] as? [Any] {
            return "<p>One of: \(choices.map { type($0) }.joined(separator: ", "))</p>"
        }
        guard let properties = object["properties"] as? [String: Any] else { return "<p>\(type(object))</p>" }
        let required = Set(object["required"] as? [String] ?? [])
        var html = "<table><thead><tr><th scope=\"col\">field</th><th scope=\"col\">type</th><th scope=\"col\">description</th></tr></thead><tbody>"
        for name in properties.keys.sorted() {
            let property = properties[name] as? [String: Any] ?? [:]
            let mark = required.contains(name) ? " <em>required</em>" : ""
            html +=
                "<tr><td><code>\(escape(name))</code>\(mark)</td><td>\(type(property))</td><td>\(prose(property["description"] as? String, inline: true))\(example(property["example"]))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    static func type(_ schema: Any?) -> String {
        guard let schema = schema as? [String: Any] else { return "" }
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            return "<a href=\"#schema-\(anchor(name))\">\(escape(name))</a>"
        }
        if let choices = schema["oneOf"] as? [Any] { return choices.map { type($0) }.joined(separator: " | ") }
        var text = escape(schema["type"] as? String ?? "object")
        if text == "array" { text = "array of " + type(schema["items"]) }
        if let format = schema["format"] as? String { text += " (\(escape(format)))" }
        if let values = schema["enum"] as? [Any] { text += ": " + values.map { "<code>\(escape("\($0)"))</code>" }.joined(separator: ", ") }
        return text
    }

    static func example(_ value: Any?) -> String {
        guard let value else { return "" }
        return " <span class=\"ex\">e.g. <code>\(escape("\(value)"))</code></span>"
    }

    /// Paragraphs, with `code` spans; nothing else of Markdown is needed by the spec.
    static func prose(_ text: String?, inline: Bool = false) -> String {
        guard let text, !text.isEmpty else { return "" }
        let paragraphs = text.components(separatedBy: "\n\n").map { paragraph -> String in
            let parts = escape(paragraph.trimmingCharacters(in: .whitespacesAndNewlines)).split(separator: "`", omittingEmptySubsequences: false)
            return parts.enumerated().map { $0.offset % 2 == 1 ? "<code>\($0.element)</code>" : String($0.element) }.joined()
        }
        return inline ? paragraphs.joined(separator: "<br>") : paragraphs.map { "<p>\($0)</p>" }.joined()
    }

    static func anchor(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    }

    /// Compat first, then REST, then the rest, each in path order.
    static func pathOrder(_ a: String, _ b: String) -> Bool {
        func rank(_ path: String) -> Int { path.hasPrefix("/Integ") ? 0 : path.hasPrefix("/v1") ? 1 : 2 }
        return (rank(a), a) < (rank(b), b)
    }

    static func resolve(_ value: Any?, in components: [String: Any]) -> [String: Any]? {
        guard let object = value as? [String: Any] else { return nil }
        guard let ref = object["$ref"] as? String else { return object }
        let parts = ref.split(separator: "/").map(String.init)
        guard parts.count == 4, let group = components[parts[2]] as? [String: Any] else { return object }
        return group[parts[3]] as? [String: Any]
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    static let style = """
        body{font:16px/1.5 system-ui,sans-serif;color:#1f1f1f;margin:0;background:#fafafa}
        main{max-width:960px;margin:0 auto;padding:24px;background:#fff}
        code{font:14px ui-monospace,monospace;background:#f1f1f1;padding:1px 4px;border-radius:4px}
        table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border:1px solid #d6d6d6;padding:6px 8px;text-align:left;vertical-align:top}
        th{background:#f1f1f1}.op{border-top:2px solid #d6d6d6;margin-top:28px}.summary{font-weight:600}
        .m{display:inline-block;min-width:4.2em;text-align:center;border-radius:4px;color:#fff;font-size:13px;font-weight:700;padding:1px 6px}
        .m-get{background:#005cb3}.m-post{background:#1b6b2f}.m-patch,.m-put{background:#8a3b00}.m-delete{background:#a00}.m-options{background:#555}
        .ex{color:#4d4d4d}em{color:#8a3b00;font-style:normal;font-size:13px}nav li{margin:2px 0}
        """
}
