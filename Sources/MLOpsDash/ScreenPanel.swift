/// A panel that can take the keyboard focus: a screen's own table, or a list beside it.
///
/// `Tab` and `Shift-Tab` move the focus between a screen's `focusablePanels`; the keys
/// that move, drill, filter and sort act on the focused one. Charts and tiles never
/// take the focus: there is nothing in them to select.
public enum ScreenPanel: String, CaseIterable, Sendable, Hashable {
    /// The screen's table at the bottom (`ScreenTables.table(for:data:ascii:)`).
    case table
    /// Overview: what needs attention today.
    case attention
    /// Maintenance: the staffing ratio and hours by category.
    case categories
    /// Finance: budgets with spend and forecast.
    case budgets
    /// Product: incidents by severity and risky recent deploys.
    case risks
}

/// One panel on one screen: where a table's cursor is kept.
public struct PanelID: Sendable, Hashable {
    public var screen: Screen
    public var panel: ScreenPanel

    public init(_ screen: Screen, _ panel: ScreenPanel = .table) {
        self.screen = screen
        self.panel = panel
    }
}

extension Screen {
    /// The panels `Tab` moves between, in reading order (top to bottom); the table is always one.
    public var focusablePanels: [ScreenPanel] {
        switch self {
        case .overview: return [.attention, .table]
        case .maintenance: return [.categories, .table]
        case .finance: return [.budgets, .table]
        case .product: return [.risks, .table]
        case .velocity, .maturity, .research, .triage, .dataHealth: return [.table]
        }
    }
}
