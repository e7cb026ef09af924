// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mlops-dash",
    products: [
        .executable(name: "mlops-dash", targets: ["mlops-dash"]),
        .executable(name: "mlops-bench", targets: ["mlops-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The team store on a PostgreSQL server (issue #18).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            path: "Sources/CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // One rule that makes untrusted text inert, shared by every human-readable output.
        .target(name: "SafeText"),
        .target(name: "TerminalUI", dependencies: ["SafeText"]),
        .target(name: "TerminalNcurses", dependencies: ["TerminalUI", "CNcurses"]),
        .target(name: "MLOpsCore"),
        .target(
            name: "MLOpsStore",
            dependencies: [
                "MLOpsCore", "SafeText", .product(name: "GRDB", package: "GRDB.swift"),
                // The bulk import binds values from the file's bytes with the C API, through GRDB's statements;
                // a cancelled dashboard load stops mid-statement with sqlite3_interrupt.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // The same store on a PostgreSQL server (Sources/MLOpsStore/Postgres).
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(name: "MLOpsSampleData", dependencies: ["MLOpsCore", "MLOpsStore"]),
        .target(name: "MLOpsReport", dependencies: ["MLOpsCore", "MLOpsStore", "SafeText"]),
        .target(name: "MLOpsDash", dependencies: ["MLOpsCore", "TerminalUI"]),
        .executableTarget(
            name: "mlops-dash",
            dependencies: [
                "MLOpsCore", "MLOpsStore", "MLOpsSampleData", "MLOpsReport", "MLOpsDash", "TerminalUI", "TerminalNcurses", "SafeText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "mlops-bench",
            dependencies: ["MLOpsCore", "MLOpsStore", "MLOpsSampleData", "MLOpsReport", "MLOpsDash", "TerminalUI"]
        ),
        // Snapshot files and their diffs, and temporary directories, shared by the test targets.
        .target(name: "SnapshotSupport", dependencies: ["TerminalUI"], path: "Tests/SnapshotSupport"),
        // The demo with hostile team, model and incident names, fed through every output's tests.
        .target(name: "HostileRecords", dependencies: ["MLOpsCore", "MLOpsSampleData"], path: "Tests/HostileRecords"),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "SafeText", "SnapshotSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "MLOpsCoreTests", dependencies: ["MLOpsCore"]),
        .testTarget(name: "MLOpsDashTests", dependencies: ["MLOpsDash", "MLOpsCore", "MLOpsStore", "MLOpsSampleData", "TerminalUI", "SnapshotSupport", "HostileRecords"],
                    exclude: ["__Snapshots__"]),
        // The built executable run as a user runs it (exit codes, /dev/full, hostile names).
        .testTarget(name: "mlops-dashTests", dependencies: ["MLOpsCore", "MLOpsStore", "MLOpsSampleData", "HostileRecords", "SnapshotSupport"]),
        .testTarget(name: "MLOpsStoreTests", dependencies: ["MLOpsCore", "MLOpsStore", "MLOpsSampleData", "MLOpsReport", "SafeText", "SnapshotSupport"],
                    exclude: ["Fixtures"]),
        // Against a real server named by MLOPS_DASH_TEST_POSTGRES (scripts/pg-cluster.sh starts one); skipped without it.
        .testTarget(name: "MLOpsPostgresTests", dependencies: ["MLOpsStore", "MLOpsCore", "MLOpsSampleData", "MLOpsReport", "SnapshotSupport"]),
        .testTarget(
            name: "MLOpsReportTests",
            dependencies: ["MLOpsReport", "MLOpsStore", "MLOpsSampleData", "MLOpsCore", "SnapshotSupport", "SafeText", "HostileRecords"],
            exclude: ["__Snapshots__"]
        ),
    ]
)
