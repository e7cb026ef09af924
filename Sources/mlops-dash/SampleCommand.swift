import ArgumentParser
import Foundation
import MLOpsCore
import MLOpsSampleData
import MLOpsStore

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Generate sample data deterministically from a seed.",
        discussion: """
            --scale demo writes the bundled demo (the files in sample-data/) as CSV into --out,
            with its manifest. --scale small, large and xlarge write a synthetic organisation
            (large: 20 teams, 200 models, 1,000,000 runs, 100,000 deployments, 2,000,000 cost
            rows, 20,000 incidents, 200,000 maintenance entries, a year of daily serving stats
            per model, over two years ending on --last-day; small: a hundredth of it; xlarge: ten
            times the history at the same density, 20 years), as CSV or JSON Lines, streamed
            in flat memory. The same seed always gives the same files.
            """
    )

    enum Scale: String, ExpressibleByArgument, CaseIterable {
        case demo, small, large, xlarge
    }

    @Option(help: "How much data: \(Scale.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scale: Scale = .demo

    @Option(help: "Seed for the generator.")
    var seed: UInt64 = DemoOrganisation.defaultSeed

    @Option(help: "Output directory.")
    var out: String

    @Option(help: "File format for --scale small|large|xlarge: csv or jsonl.")
    var format: ImportFormat = .csv

    @Option(name: .customLong("last-day"), help: "Last day of a small|large|xlarge sample (YYYY-MM-DD); default \(DemoOrganisation.anchor).")
    var lastDay: Day = DemoOrganisation.anchor

    func run() throws {
        try failing {
            switch scale {
            case .demo:
                let records = DemoOrganisation.generate(seed: seed)
                try RecordFileWriter.writeCSV(records, to: out)
                let manifest = DemoStore.Manifest(anchor: DemoOrganisation.anchor.iso8601, seed: seed,
                                                  generator: "mlops-dash sample --scale demo --seed \(seed)")
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try AtomicFile.write(try encoder.encode(manifest) + Data("\n".utf8),
                                     to: (out as NSString).appendingPathComponent(DemoStore.manifestName))
                let counts = RecordKind.importOrder.map { "\(records.count(of: $0)) \($0.rawValue)" }
                try StandardOutput.line("\(out): demo written (\(counts.joined(separator: ", "))).")
            case .small, .large, .xlarge:
                let sizes: [Scale: SampleScale] = [.small: .small, .large: .large, .xlarge: .xlarge]
                let organisation = SyntheticOrganisation(scale: sizes[scale]!, seed: seed, lastDay: lastDay)
                // Progress lines are written as each kind finishes; a failed one stops the run.
                var progressError: Error?
                let written = try organisation.writeFiles(format: format, to: out) { kind, rows in
                    if progressError == nil {
                        do { try StandardOutput.line("  \(kind.rawValue): \(rows) rows") } catch { progressError = error }
                    }
                }
                if let progressError { throw progressError }
                let total = written.values.reduce(0, +)
                try StandardOutput.line("\(out): \(scale.rawValue) sample written (\(total) rows, \(organisation.firstDay) to \(organisation.lastDay), seed \(seed)).")
            }
        }
    }
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso8601: argument) }
}
