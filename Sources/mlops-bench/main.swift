import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsReport
import MLOpsSampleData
import MLOpsStore

// mlops-bench: builds the large store once (cached) and measures what the dashboard does
// on it. `swift run -c release mlops-bench --help` lists the options.

let usage = """
    usage: mlops-bench [--scale large|small|xlarge] [--seed N] [--cache DIR] [--repeats N] [--import-rows N]
           mlops-bench first-frame STORE NOW   (one cold dashboard start; the benchmark times it in a child)
           mlops-bench screens STORE NOW  (each screen's data at 30d, 90d and QTD from a SQLite file or a postgresql:// address)
           mlops-bench import-only FILE STORE [KIND]  (one import (runs by default) into a new store, to run under a profiler)
           mlops-bench report-only STORE NOW   (one quarterly report build, to run under a profiler)
           mlops-bench dashboard-runtime STORE NOW   (key → frame, first frame and idle CPU of the dashboard only)
    """

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "first-frame" {
    guard arguments.count == 3, let now = Instant(iso8601: arguments[2]) else { FileHandle.standardError.write(Data(usage.utf8)); exit(2) }
    FirstFrame.run(store: arguments[1], now: now)
}

if arguments.first == "screens" {
    guard arguments.count == 3, let now = Instant(iso8601: arguments[2]) else { FileHandle.standardError.write(Data(usage.utf8)); exit(2) }
    try EngineScreens.run(store: arguments[1], now: now)
    exit(0)
}

if arguments.first == "import-only" {
    guard arguments.count == 3 || arguments.count == 4, arguments.count == 3 || RecordKind(rawValue: arguments[3]) != nil else {
        FileHandle.standardError.write(Data(usage.utf8)); exit(2)
    }
    let kind = arguments.count == 4 ? RecordKind(rawValue: arguments[3])! : .runs
    let store = try Store.create(at: arguments[2])
    let cpu = Stopwatch.cpuSeconds
    let t = try Stopwatch.seconds { _ = try store.importFile(kind: kind, path: arguments[1], now: Instant(seconds: 0)) }
    print("import-only \(t) s (CPU \(Stopwatch.cpuSeconds - cpu) s)")
    exit(0)
}

if arguments.first == "report-only" {
    guard arguments.count == 3, let now = Instant(iso8601: arguments[2]) else { FileHandle.standardError.write(Data(usage.utf8)); exit(2) }
    let store = try Store.openReadOnly(at: arguments[1])
    let t = try Stopwatch.seconds {
        _ = try QuarterlyReportExporter.report(store: store, quarter: Quarter(containing: now.day).previous, now: now)
    }
    print("report-only \(t) s")
    exit(0)
}

if arguments.first == "dashboard-runtime" {
    guard arguments.count == 3, let now = Instant(iso8601: arguments[2]) else { FileHandle.standardError.write(Data(usage.utf8)); exit(2) }
    do {
        var table = ResultTable()
        try KeyLatency.measure(store: try Store.openReadOnly(at: arguments[1]), now: now, table: &table)
        // Written at once (print would buffer it): the idle minute follows, and a stopped run keeps these rows.
        FileHandle.standardOutput.write(Data((table.render() + "\n").utf8))
        try IdleCPU.measure(store: arguments[1], now: now, table: &table)
        print("\nmlops-bench dashboard-runtime: \(arguments[1]), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(Date())\n")
        print(table.render())
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("mlops-bench: \(error)\n".utf8))
        exit(1)
    }
}

var scale = SampleScale.large, seed = DemoOrganisation.defaultSeed, cache = ".build/bench", repeats = 3, importRows = 200_000
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    guard let value = arguments.first else { FileHandle.standardError.write(Data("\(flag) needs a value\n\(usage)\n".utf8)); exit(2) }
    arguments.removeFirst()
    switch flag {
    case "--scale" where value == "large": scale = .large
    case "--scale" where value == "small": scale = .small
    case "--scale" where value == "xlarge": scale = .xlarge
    case "--seed" where UInt64(value) != nil: seed = UInt64(value)!
    case "--cache": cache = value
    case "--repeats" where Int(value).map { $0 > 0 } == true: repeats = Int(value)!
    case "--import-rows" where Int(value).map { $0 > 0 } == true: importRows = Int(value)!
    default: FileHandle.standardError.write(Data("bad option \(flag) \(value)\n\(usage)\n".utf8)); exit(2)
    }
}

do {
    var table = ResultTable()
    let organisation = SyntheticOrganisation(scale: scale, seed: seed)
    let bench = BenchmarkStore(organisation: organisation, cache: cache)
    try bench.prepare(table: &table)
    let now = organisation.lastDay.start.adding(hours: 17)
    print("store \(bench.path), now \(now), \(repeats) repeats (median)")

    try bench.importThroughput(rows: importRows, repeats: repeats, table: &table)
    // The imports leave a gigabyte of dirty pages; written back now, they do not slow the
    // dashboard's cold start measured next.
    sync()
    try FirstFrame.measure(store: bench.path, now: now, table: &table)

    let store = try Store.openReadOnly(at: bench.path)
    try KeyLatency.measure(store: store, now: now, table: &table)
    try IdleCPU.measure(store: bench.path, now: now, table: &table)
    let configuration = MetricsConfiguration()
    for spec in [WindowSpec.lastDays(30), .lastDays(90), .quarterToDate] {
        let window = spec.resolve(now: now), previous = spec.comparisonWindow(now: now)
        let query = MetricsQuery(window: window, previous: previous, windowLabel: spec.description, now: now, configuration: configuration)
        let source = store.metricsSource
        var input = try source.input(for: query)
        let load = try Stopwatch.median(repeats: repeats) { input = try source.input(for: query) }
        table.add("\(spec): metric input from SQL, all parts (\(input.records.deployments.count) deployments, " +
                  "\(input.costs.current.count) cost groups)", milliseconds(load))
        // What a window or team switch waits for: the input and every metric of the snapshot.
        let windowSwitch = try Stopwatch.median(repeats: repeats) { _ = PlatformSnapshot.compute(try source.input(for: query), query) }
        table.add("\(spec): window switch, organisation (input and every metric)", milliseconds(windowSwitch),
                  target: "≤ 200 ms", met: windowSwitch <= 0.2)
        if let team = input.records.teamNames.first {
            let teamQuery = query.with(filter: SubjectFilter(team: team))
            let teamSwitch = try Stopwatch.median(repeats: repeats) { _ = PlatformSnapshot.compute(try source.input(for: teamQuery), teamQuery) }
            table.add("\(spec): team switch to \(team) (input and every metric)", milliseconds(teamSwitch), target: "≤ 200 ms", met: teamSwitch <= 0.2)
        }
        let yardstick = SQLiteShell(store: bench.path, window: window)
        let target = spec == .lastDays(90) ? "≤ 100 ms, ≤ 2× sqlite3" : ""
        for screen in ScreenWorkload.all {
            let ours = try Stopwatch.median(repeats: repeats) { try screen.run(source, query) }
            let shell = try yardstick.seconds(screen.sql)
            let ratio = ours / max(shell, 0.0005)
            table.add("\(spec): \(screen.name) data (sqlite3 \(milliseconds(shell)))", "\(milliseconds(ours)), \(String(format: "%.1f", ratio))×",
                      target: target, met: target.isEmpty ? nil : ours <= 0.1 && ratio <= 2)
        }
        let health = try Stopwatch.median(repeats: repeats) { _ = try store.dataHealth() }
        let healthShell = try yardstick.seconds(SQLiteShell.dataHealthSQL)
        table.add("\(spec): data health (sqlite3 \(milliseconds(healthShell)))",
                  "\(milliseconds(health)), \(String(format: "%.1f", health / max(healthShell, 0.0005)))×",
                  target: target, met: target.isEmpty ? nil : health <= 0.1 && health / max(healthShell, 0.0005) <= 2)
    }

    let quarter = Quarter(containing: now.day).previous
    let reportDirectory = "\(cache)/reports"
    try FileManager.default.createDirectory(atPath: reportDirectory, withIntermediateDirectories: true)
    for format in ReportFormat.allCases {
        let t = try Stopwatch.median(repeats: 1) {
            _ = try QuarterlyReportExporter.export(store: store, quarter: quarter, format: format, directory: reportDirectory, now: now,
                                                   overwrite: true)
        }
        table.add("quarterly report \(quarter) as \(format.rawValue)", milliseconds(t), target: "≤ 2000 ms", met: t <= 2)
    }
    table.add("peak resident memory, benchmark process", String(format: "%.0f MB", Stopwatch.peakResidentMB))

    print("\nmlops-bench: \(bench.name), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(Date())\n")
    print(table.render())
} catch {
    FileHandle.standardError.write(Data("mlops-bench: \(error)\n".utf8))
    exit(1)
}
