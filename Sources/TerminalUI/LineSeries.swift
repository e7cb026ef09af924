/// One line in a `LineChart`: values oldest first, `nil` for gaps.
public struct LineSeries: Sendable, Equatable {
    public var name: String
    public var values: [Double?]
    public var style: Style

    public init(name: String, values: [Double?], style: Style = .accent) {
        self.name = name
        self.values = values
        self.style = style
    }
}
