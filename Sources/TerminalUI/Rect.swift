/// A rectangle of terminal cells, in columns (`x`, `width`) and rows (`y`, `height`).
public struct Rect: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        // Negative sizes only arise from over-eager arithmetic; treat them as empty.
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rect covering a whole screen of the given size.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// True when the rect covers no cells.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// One column past the right edge.
    public var maxX: Int { x + width }
    /// One row past the bottom edge.
    public var maxY: Int { y + height }

    public var description: String { "Rect(x: \(x), y: \(y), width: \(width), height: \(height))" }

    /// Shrinks the rect by `amount` on every side; never produces a negative size.
    public func inset(by amount: Int) -> Rect {
        inset(horizontal: amount, vertical: amount)
    }

    /// Shrinks the rect by separate horizontal and vertical margins.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        let w = max(0, width - 2 * horizontal)
        let h = max(0, height - 2 * vertical)
        return Rect(x: x + min(horizontal, width / 2), y: y + min(vertical, height / 2), width: w, height: h)
    }

    /// The overlapping part of two rects (empty when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// Whether the cell at (`px`, `py`) lies inside the rect.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// Splits into side-by-side columns whose widths are proportional to `fractions`.
    ///
    /// Rounding remainders go to the leftmost columns so the columns always cover
    /// the full width exactly.
    public func splitHorizontally(fractions: [Double], spacing: Int = 0) -> [Rect] {
        guard !fractions.isEmpty else { return [] }
        let available = max(0, width - spacing * (fractions.count - 1))
        let total = fractions.reduce(0) { $0 + max(0, $1) }
        guard total > 0 else {
            return splitHorizontally(widths: fractions.map { _ in 0 }, spacing: spacing)
        }
        var widths = fractions.map { Int((Double(available) * max(0, $0) / total).rounded(.down)) }
        var remainder = available - widths.reduce(0, +)
        var index = 0
        while remainder > 0 {
            widths[index % widths.count] += 1
            remainder -= 1
            index += 1
        }
        return splitHorizontally(widths: widths, spacing: spacing)
    }

    /// Splits into side-by-side columns of the given widths; one `-1` entry takes the rest.
    ///
    /// Columns that would extend past the right edge are clipped (possibly to zero width).
    public func splitHorizontally(widths: [Int], spacing: Int = 0) -> [Rect] {
        let sizes = Rect.resolve(sizes: widths, available: width, spacing: spacing)
        var result: [Rect] = []
        var cursor = x
        for size in sizes {
            let clipped = max(0, min(size, maxX - cursor))
            result.append(Rect(x: min(cursor, maxX), y: y, width: clipped, height: height))
            cursor += size + spacing
        }
        return result
    }

    /// Splits into stacked rows of the given heights; one `-1` entry takes the rest.
    ///
    /// Rows that would extend past the bottom edge are clipped (possibly to zero height).
    public func splitVertically(heights: [Int], spacing: Int = 0) -> [Rect] {
        let sizes = Rect.resolve(sizes: heights, available: height, spacing: spacing)
        var result: [Rect] = []
        var cursor = y
        for size in sizes {
            let clipped = max(0, min(size, maxY - cursor))
            result.append(Rect(x: x, y: min(cursor, maxY), width: width, height: clipped))
            cursor += size + spacing
        }
        return result
    }

    /// Replaces the first `-1` with whatever space the fixed sizes leave over.
    private static func resolve(sizes: [Int], available: Int, spacing: Int) -> [Int] {
        guard !sizes.isEmpty else { return [] }
        let gaps = spacing * (sizes.count - 1)
        let fixed = sizes.filter { $0 >= 0 }.reduce(0, +)
        var flexibleSeen = false
        return sizes.map { size in
            if size < 0 {
                if flexibleSeen { return 0 }
                flexibleSeen = true
                return max(0, available - fixed - gaps)
            }
            return size
        }
    }
}
