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
            with its manifest. The same seed always gives the same files.
            """
    )

    enum Scale: String, ExpressibleByArgument, CaseIterable {
        case demo
    }

    @Option(help: "How much data: \(Scale.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scale: Scale = .demo

    @Option(help: "Seed for the generator.")
    var seed: UInt64 = DemoOrganisation.defaultSeed

    @Option(help: "Output directory.")
    var out: String

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
                print("\(out): demo written (\(counts.joined(separator: ", "))).")
            }
        }
    }
}
