import ArgumentParser
import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsStore
import TerminalNcurses
import TerminalUI

struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the terminal dashboard (the default command). Without --db it opens the bundled demo."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var metrics: MetricsOptions

    @Option(help: "Colour theme: a file name in themes/ without .theme (default, light, high-contrast, mono).")
    var theme: String = "default"

    @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Option(help: "Open on this screen: 1-9 or its name (overview, velocity, maintenance, maturity, finance, product, research, triage, health).")
    var screen: String = "1"

    func validate() throws {
        guard Screen.named(screen) != nil else {
            throw ValidationError("--screen must be 1 to 9 or a screen's name: " + Screen.allCases.map { $0.names[0] }.joined(separator: ", "))
        }
    }

    func run() throws {
        try failing {
            let themes = try ThemeFiles.load()
            guard themes[theme] != nil else {
                throw ValidationError(ThemeCatalog.unknownThemeMessage(theme, available: themes.keys.sorted()))
            }
            let s = try store.openForReading()
            let settings = metrics.settings
            let loader = DashboardLoader(store: s, configuration: settings.configuration, clock: { settings.clock() })
            var state = DashboardState(window: metrics.window, filter: metrics.filter, themeName: theme,
                                       availableThemes: themes.keys.sorted(), ascii: ascii || !LocaleCheck.isUTF8)
            state.screen = Screen.named(screen)!
            // The store is opened (and a broken one reported plainly) before the terminal switches
            // modes; its data is loaded after the first frame, which shows the screen "Loading…".
            let backend = NcursesBackend(colorMode: ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty ? .auto : .none } ?? .auto)
            NcursesBackend.installSignalRestorer()
            defer { backend.shutdown() }
            DashboardRunner(backend: backend, environment: .live(loader: loader), themes: themes).run(state)
        }
    }
}

enum LocaleCheck {
    static var isUTF8: Bool {
        let env = ProcessInfo.processInfo.environment
        let value = env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
        return value.uppercased().contains("UTF-8") || value.uppercased().contains("UTF8")
    }
}

/// The theme files shipped in `themes/`, found like the demo data.
enum ThemeFiles {
    static func load() throws -> [String: Theme] {
        let env = ProcessInfo.processInfo.environment
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes").path
        let candidates: [String] = [env["MLOPS_DASH_THEMES"], FileManager.default.currentDirectoryPath + "/themes", checkout].compactMap { $0 }
        guard let dir = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/default.theme") }) else {
            return ["default": Theme.standard, "mono": Theme.monochrome]
        }
        return try ThemeCatalog.load(directory: URL(fileURLWithPath: dir))
    }
}
