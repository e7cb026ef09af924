/// The help overlay: every key the dashboard knows.
enum HelpText {
    static let lines = [
        "1–9        switch screen: 1 Overview 2 Velocity 3 Maintenance",
        "           4 Maturity 5 Finance 6 Product 7 Research",
        "           8 On-call triage (also o)  9 Data health (also d)",
        "Tab S-Tab  next / previous screen",
        "↑ ↓ j k    move · PgUp PgDn · g G first / last",
        "Enter      drill into the records behind a row; on a record: all fields",
        "Esc        back (closes a drill-down, a popup, or clears the filter)",
        "/          filter the current table by text",
        "< >        sort the current table by the previous / next column",
        "t m w      pick team, model, window (7d 30d 90d QTD prev quarter)",
        "T          pick theme",
        ":          command: team NAME · model NAME · window 90d · theme light",
        "           · export · save · quit",
        "r          refresh now (it also refreshes itself when the store changes)",
        "e          export the quarterly report for the quarter being viewed",
        "Ctrl-S     save this screen as plain text",
        "?          this help          q  quit",
    ]
}
