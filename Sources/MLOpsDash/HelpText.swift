/// The help overlay: every key the dashboard knows.
enum HelpText {
    /// The popup's width: the longest line plus border and padding, which still fits 80 columns.
    static let width = 76

    static let lines = [
        "1–9        switch screen: 1 Overview 2 Velocity 3 Maintenance",
        "           4 Maturity 5 Finance 6 Product 7 Research",
        "           8 On-call triage (also o)  9 Data health (also d)",
        "Tab S-Tab  next / previous panel; keys act on the focused one",
        "↑ ↓ j k    move · PgUp PgDn · g G first / last",
        "Enter      drill into the records behind a row; on a record: all fields",
        "Esc        back: closes a drill-down or popup, clears the filter,",
        "           or stops a load that is still running",
        "/          filter the focused table by text",
        "S A–Z      sort by column A, B, … (the same letter again: reverse)",
        "< >        sort by the previous / next column",
        "t m w      pick team, model, window (7d 30d 90d QTD prev quarter)",
        "T          pick theme",
        ":          command: team NAME · model NAME · window 90d · theme light",
        "           · export · save · quit",
        "r          refresh now (it also refreshes itself when the store changes)",
        "e          export the quarterly report for the quarter being viewed",
        "           (in the background: keys keep working meanwhile)",
        "Ctrl-S     save this screen as plain text",
        "?          this help          q  quit",
    ]
}
