import MLOpsCore

/// Every screen's tables for one data load, built once when the data arrives so a key
/// that moves the cursor never rebuilds rows from the data.
public struct ScreenTableSet: Sendable, Equatable {
    public private(set) var tables: [PanelID: DataTable]

    public init(tables: [PanelID: DataTable] = [:]) { self.tables = tables }

    /// Every focusable panel of every screen.
    public static var allPanels: [PanelID] {
        Screen.allCases.flatMap { screen in screen.focusablePanels.map { PanelID(screen, $0) } }
    }

    /// Builds the tables one after another.
    public static func build(_ data: DashboardData, ascii: Bool) -> ScreenTableSet {
        var tables: [PanelID: DataTable] = [:]
        for id in allPanels { tables[id] = ScreenTables.table(id.panel, on: id.screen, data: data, ascii: ascii) }
        return ScreenTableSet(tables: tables)
    }

    /// Builds the tables of `panels` (all by default) in parallel, one child task per panel;
    /// stops early when cancelled.
    public static func build(_ data: DashboardData, ascii: Bool, panels: [PanelID] = allPanels) async throws -> ScreenTableSet {
        let tables = try await withThrowingTaskGroup(of: (PanelID, DataTable).self) { group in
            for id in panels {
                group.addTask {
                    try Task.checkCancellation()
                    return (id, ScreenTables.table(id.panel, on: id.screen, data: data, ascii: ascii))
                }
            }
            var tables: [PanelID: DataTable] = [:]
            for try await (id, table) in group { tables[id] = table }
            return tables
        }
        return ScreenTableSet(tables: tables)
    }

    public subscript(id: PanelID) -> DataTable? { tables[id] }

    /// The panels of one screen.
    public static func panels(of screen: Screen) -> [PanelID] { screen.focusablePanels.map { PanelID(screen, $0) } }

    /// The panels of one screen whose parts `data` holds: the tables a first stage builds.
    public static func readyPanels(of screen: Screen, in data: DashboardData) -> [PanelID] {
        panels(of: screen).filter(data.isReady(for:))
    }

    /// Builds one screen's tables now, those whose parts `data` holds.
    public static func build(_ data: DashboardData, ascii: Bool, screen: Screen) -> ScreenTableSet {
        var tables: [PanelID: DataTable] = [:]
        for id in readyPanels(of: screen, in: data) { tables[id] = ScreenTables.table(id.panel, on: id.screen, data: data, ascii: ascii) }
        return ScreenTableSet(tables: tables)
    }
}
