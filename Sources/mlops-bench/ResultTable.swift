/// The benchmark's output: one row per measurement, with its target where the issue sets one.
struct ResultTable {
    struct Row {
        var name: String
        var value: String
        var target: String
        var met: Bool?
    }

    private(set) var rows: [Row] = []

    mutating func add(_ name: String, _ value: String, target: String = "", met: Bool? = nil) {
        rows.append(Row(name: name, value: value, target: target, met: met))
        print("  \(name): \(value)")
    }

    func render() -> String {
        let widths = [max(11, rows.map(\.name.count).max() ?? 0), max(8, rows.map(\.value.count).max() ?? 0),
                      max(6, rows.map(\.target.count).max() ?? 0)]
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        var out = "| \(pad("measurement", widths[0])) | \(pad("measured", widths[1])) | \(pad("target", widths[2])) | met |\n"
        out += "|\(String(repeating: "-", count: widths[0] + 2))|\(String(repeating: "-", count: widths[1] + 2))|\(String(repeating: "-", count: widths[2] + 2))|-----|\n"
        for row in rows {
            let met = row.met.map { $0 ? "yes" : "NO" } ?? ""
            out += "| \(pad(row.name, widths[0])) | \(pad(row.value, widths[1])) | \(pad(row.target, widths[2])) | \(pad(met, 3)) |\n"
        }
        return out
    }
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }
