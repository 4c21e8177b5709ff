import Foundation

/// The widget's files, compiled into the binary (`PackageResources`, from `Web/Resources`): no
/// file to install or lose, and the served script always matches the server's API.
public enum WidgetAssets {
    /// The widget's words, one JSON file per language in `Web/Resources/i18n/`; a new language is
    /// a file there and a line here.
    static let languages: [(code: String, json: [UInt8])] = [
        ("en", PackageResources.en_json),
        ("hi", PackageResources.hi_json),
    ]

    /// `missedcall.js` with every language's words in place of its `/*MESSAGES*/ {}`.
    public static let script: [UInt8] = {
        let table = languages.map { "\"\($0.code)\": \(String(decoding: $0.json, as: UTF8.self))" }.joined(separator: ",\n")
        let source = String(decoding: PackageResources.missedcall_js, as: UTF8.self)
        return Array(source.replacingOccurrences(of: "/*MESSAGES*/ {}", with: "{\n\(table)}").utf8)
    }()

    public static let stylesheet: [UInt8] = PackageResources.missedcall_css

    /// The OpenAPI description of every endpoint and webhook (`docs/api/openapi.yaml` links here).
    public static let openAPI: [UInt8] = PackageResources.openapi_yaml
}

extension WidgetAssets {
    /// The page `/demo` serves when the daemon runs simulated modems.
    public static let demoPage: [UInt8] = PackageResources.demo_html
}
