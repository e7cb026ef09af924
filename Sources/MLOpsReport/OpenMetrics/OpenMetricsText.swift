import SafeText

/// One metric family of an OpenMetrics exposition: metadata and its samples.
///
/// Only gauges: every number here describes a window and may fall, so none is a counter.
public struct OpenMetricsFamily: Sendable, Equatable {
    public var name: String
    /// The base unit the name ends with (`seconds`, `ratio`), or nil for counts, rates and levels.
    public var unit: String?
    public var help: String
    public var samples: [Sample]

    public struct Sample: Sendable, Equatable {
        public var labels: [(name: String, value: String)]
        public var value: Double

        public init(labels: [(name: String, value: String)] = [], value: Double) {
            self.labels = labels
            self.value = value
        }

        public static func == (a: Sample, b: Sample) -> Bool {
            a.value == b.value && a.labels.map(\.name) == b.labels.map(\.name) && a.labels.map(\.value) == b.labels.map(\.value)
        }
    }

    public init(name: String, unit: String? = nil, help: String, samples: [Sample]) {
        self.name = name
        self.unit = unit
        self.help = help
        self.samples = samples
    }
}

/// Writes families in the OpenMetrics text format (also readable as Prometheus text 0.0.4,
/// which treats `# UNIT` and `# EOF` as comments).
public enum OpenMetricsText {
    /// The content type node_exporter and scrapers expect for this text.
    public static let contentType = "application/openmetrics-text; version=1.0.0; charset=utf-8"

    public static func render(_ families: [OpenMetricsFamily]) -> String {
        var out = ""
        for f in families {
            out += "# HELP \(f.name) \(escapeHelp(f.help))\n"
            out += "# TYPE \(f.name) gauge\n"
            if let unit = f.unit { out += "# UNIT \(f.name) \(unit)\n" }
            for s in f.samples {
                out += f.name
                if !s.labels.isEmpty {
                    out += "{" + s.labels.map { "\($0.name)=\"\(escapeLabelValue($0.value))\"" }.joined(separator: ",") + "}"
                }
                out += " \(number(s.value))\n"
            }
        }
        return out + "# EOF\n"
    }

    /// A label value made inert by `TextSanitizer.clean` (controls visible: a line feed shows
    /// as `␊`, ESC as `␛`) and escaped as the format requires: backslash, double quote and
    /// line feed.
    public static func escapeLabelValue(_ value: String) -> String {
        var out = ""
        for c in TextSanitizer.clean(value) {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// HELP text escapes only backslash and line feed: the Prometheus text parser (promtool)
    /// rejects any other escape, so HELP texts never contain double quotes. Its line feeds
    /// are kept (as `\n`); other controls are made visible.
    static func escapeHelp(_ text: String) -> String {
        var out = ""
        for c in TextSanitizer.cleanLines(text) {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// Swift's shortest round-trip form (`0.15`, `3.0`, `1e-05`), with the format's spelling
    /// of infinities and NaN.
    public static func number(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "+Inf" : "-Inf" }
        return "\(v)"
    }
}
