import Foundation
import MLOpsCore
import SafeText

/// The report as JSON: the `QuarterlyReport` value with snake_case keys, sorted, pretty.
/// The shape is versioned by `schema_version` and documented in docs/REPORT.md.
public enum JSONReport {
    public static func render(_ r: QuarterlyReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Exact JSON; C1 and bidi controls written as \u escapes so a terminal showing it stays inert.
        return TextSanitizer.escapingJSONInvisibles(String(decoding: try encoder.encode(r), as: UTF8.self)) + "\n"
    }
}
