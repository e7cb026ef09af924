extension ScreenBuffer {
    /// Replaces every non-ASCII character with an ASCII stand-in, for terminals whose
    /// locale is not UTF-8: punctuation gets a look-alike, anything else becomes `?`.
    public mutating func foldToASCII() {
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                guard !cell.character.isASCII else { continue }
                var replacement = cell
                replacement.character = ScreenBuffer.asciiStandIn[cell.character] ?? "?"
                replacement.isContinuation = false
                put(replacement, x: x, y: y)
            }
        }
    }

    static let asciiStandIn: [Character: Character] = [
        "·": "-", "—": "-", "–": "-", "…": "~", "✓": "+", "✗": "x", "×": "x", "▏": "_", "≥": ">", "≤": "<",
        "▲": "^", "▼": "v", "↑": "^", "↓": "v", "▶": ">", "→": ">", "←": "<", "│": "|", "─": "-", "┌": "+", "┐": "+", "└": "+", "┘": "+", "█": "#",
    ]
}
