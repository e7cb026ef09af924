import MLOpsCore
import MLOpsSampleData

/// The demo organisation with hostile names, as people and tags can supply them: what
/// every human-readable output must show inert and every CSV cell must keep from running.
///
/// Teams and models are renamed consistently in every record, so the metrics are the
/// demo's; only the names change.
public enum HostileOrganisation {
    /// OSC 52 (write "hi" to the clipboard) and CSI 2J (clear the screen).
    public static let clipboardTeam = "atlas\u{1b}]52;c;aGk=\u{07}\u{1b}[2J"
    /// A spreadsheet formula that would start a program.
    public static let formulaTeam = "=cmd|' /C calc'!A0"
    /// A right-to-left override and a C1 CSI (U+009B) starting an SGR sequence.
    public static let bidiTeam = "\u{202e}tlaboc\u{9b}31m"
    /// A carriage return, a line feed that would forge a line, and a bell.
    public static let lineBreakTeam = "delta\r\nALL CLEAR\u{07}"
    /// A family emoji (ZWJ sequence) in a model name.
    public static let emojiModel = "👨\u{200d}👩\u{200d}👧\u{200d}👦-ranker"
    /// A flag, CJK and a combining mark.
    public static let mixedModel = "🇯🇵検索-cafe\u{301}"
    /// A formula starting with `@` and an OSC 0 window title.
    public static let formulaModel = "@SUM(1+1)\u{1b}]0;pwned\u{07}"
    /// An incident title that retitles the window.
    public static let titleIncident = "\u{1b}]0;pwned\u{07}latency \u{1b}[5mblinks"

    public static let teamNames = ["atlas": clipboardTeam, "beacon": formulaTeam, "cobalt": bidiTeam, "delta": lineBreakTeam]
    public static let modelNames = ["search-ranker": emojiModel, "fraud-score": mixedModel, "assistant-llm": formulaModel]

    /// The demo's records with the names above.
    public static func generate() -> RecordSet {
        var r = DemoOrganisation.generate()
        func team(_ name: String) -> String { teamNames[name] ?? name }
        func model(_ name: String) -> String { modelNames[name] ?? name }
        for i in r.teams.indices { r.teams[i].name = team(r.teams[i].name) }
        for i in r.models.indices { r.models[i].name = model(r.models[i].name); r.models[i].team = team(r.models[i].team) }
        for i in r.runs.indices { r.runs[i].model = model(r.runs[i].model); r.runs[i].team = team(r.runs[i].team) }
        for i in r.deployments.indices { r.deployments[i].model = model(r.deployments[i].model); r.deployments[i].team = team(r.deployments[i].team) }
        for i in r.incidents.indices {
            r.incidents[i].team = team(r.incidents[i].team)
            r.incidents[i].model = r.incidents[i].model.map(model)
            r.incidents[i].title = titleIncident + " " + r.incidents[i].title
        }
        for i in r.maintenance.indices { r.maintenance[i].team = team(r.maintenance[i].team) }
        for i in r.costs.indices { r.costs[i].team = r.costs[i].team.map(team); r.costs[i].model = r.costs[i].model.map(model) }
        for i in r.budgets.indices { r.budgets[i].scope = team(r.budgets[i].scope) }
        for i in r.serving.indices { r.serving[i].model = model(r.serving[i].model) }
        return r
    }

    /// Whether `text` holds anything a terminal would act on: C0 controls other than a
    /// line feed, DEL, C1 controls or bidi controls.
    public static func isInert(_ text: String) -> Bool {
        !text.unicodeScalars.contains { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x200E || v == 0x200F || v == 0x061C
        }
    }
}
