import Foundation
import Testing
import TerminalUI

@Suite struct ThemeTests {
    @Test func parsesNamesNumbersBackgroundsAndComments() throws {
        let text = """
        # comment line
        text       = white on default
        muted      = bright-black   # trailing comment

        accent     = 33
        selection  = black on cyan
        critical=bright-red
        """
        let theme = try Theme.parse(name: "test", text: text)
        #expect(theme.name == "test")
        #expect(theme.color(for: .text) == ThemeColor(foreground: .ansi(7), background: .default))
        #expect(theme.color(for: .muted) == ThemeColor(foreground: .ansi(8)))
        #expect(theme.color(for: .accent) == ThemeColor(foreground: .indexed(33)))
        #expect(theme.color(for: .selection) == ThemeColor(foreground: .ansi(0), background: .ansi(6)))
        #expect(theme.color(for: .critical) == ThemeColor(foreground: .ansi(9)))
        // Missing roles fall back to the text colours.
        #expect(theme.color(for: .border) == theme.color(for: .text))
    }

    @Test func badColourNamesLineColumnAndExpectation() {
        let text = "text = white\nwarn = yelow on black\n"
        #expect {
            try Theme.parse(name: "dark", text: text)
        } throws: { error in
            guard let error = error as? ThemeError else { return false }
            return error.line == 2 && error.column == 8 && error.token == "yelow"
                && error.description.hasPrefix("dark.theme:2:8: unexpected 'yelow'; expected a colour: default, black, red")
                && error.description.hasSuffix("or a number 0-255")
        }
    }

    @Test func badBackgroundAndOutOfRangeNumber() throws {
        let background = #expect(throws: ThemeError.self) { try Theme.parse(name: "t", text: "ok = green on 300") }
        #expect(background?.column == 15)
        #expect(background?.token == "300")
        let file = #expect(throws: ThemeError.self) { try Theme.parse(name: "t", text: "ok = green blue", file: "themes/t.theme") }
        #expect(file?.description == "themes/t.theme:1:12: unexpected 'blue'; expected 'on <background colour>' or end of line")
    }

    @Test func unknownRoleListsRoles() {
        let error = #expect(throws: ThemeError.self) { try Theme.parse(name: "t", text: "\n  txt = red") }
        #expect(error?.description == "t.theme:2:3: unexpected 'txt'; expected a role (text, muted, border, title, accent, ok, warn, critical, selection, header, background)")
    }

    @Test func missingColourPointsAtEndOfLine() {
        let error = #expect(throws: ThemeError.self) { try Theme.parse(name: "t", text: "text =") }
        #expect(error?.column == 7)
        #expect(error?.description == "t.theme:1:7: unexpected end of line; expected a colour after '='")
    }

    @Test func monochromeReliesOnAttributes() {
        let mono = Theme.monochrome
        #expect(mono.effectiveStyle(.selection, colorsAvailable: true).reverse)
        #expect(mono.effectiveStyle(Style(role: .critical), colorsAvailable: true).bold)
        #expect(Theme.standard.effectiveStyle(.selection, colorsAvailable: true) == .selection)
        #expect(Theme.standard.effectiveStyle(.selection, colorsAvailable: false).reverse)
        #expect(mono.effectiveStyle(.text, colorsAvailable: false) == .text)
    }

    @Test func paletteClamping() {
        #expect(TerminalColor.default.paletteIndex(colorCount: 8) == -1)
        #expect(TerminalColor.ansi(9).paletteIndex(colorCount: 256) == 9)
        #expect(TerminalColor.ansi(9).paletteIndex(colorCount: 8) == 1)
        #expect(TerminalColor.indexed(196).paletteIndex(colorCount: 256) == 196)
        #expect(TerminalColor.indexed(196).paletteIndex(colorCount: 16) == 9)  // pure red -> bright red
        #expect(TerminalColor.indexed(196).paletteIndex(colorCount: 8) == 1)
        #expect(TerminalColor.indexed(236).paletteIndex(colorCount: 16) == 0)  // dark grey -> black
        #expect(TerminalColor.indexed(250).paletteIndex(colorCount: 16) == 7)
        #expect(TerminalColor.indexed(33).paletteIndex(colorCount: 8) == 4)    // blue
    }

    @Test func shippedThemesDefineEveryRole() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes")
        let themes = try ThemeCatalog.load(directory: directory)
        #expect(themes.keys.sorted() == ["default", "high-contrast", "light", "mono"])
        for theme in themes.values {
            #expect(Set(theme.colors.keys) == Set(ThemeRole.allCases), "\(theme.name) misses roles")
        }
        #expect(themes["default"] == Theme.standard)
        #expect(themes["mono"]?.colors == Theme.monochrome.colors)
    }

    @Test func unknownThemeListsAvailableOnes() {
        let themes = ["light": Theme.monochrome, "default": Theme.standard]
        let error = #expect(throws: UnknownThemeError.self) { try ThemeCatalog.theme(named: "dracula", in: themes) }
        #expect(error?.description == "unknown theme 'dracula'; available themes: default, light")
        #expect(ThemeCatalog.unknownThemeMessage("x", available: []) == "unknown theme 'x'; no themes are available")
    }
}
