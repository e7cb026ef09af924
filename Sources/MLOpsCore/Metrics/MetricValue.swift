/// Which direction of change is good news for a metric.
public enum Polarity: String, Sendable, Codable, Hashable {
    case higherIsBetter, lowerIsBetter, neutral
}

/// Whether a change was good, bad, or neither.
public enum Judgement: String, Sendable, Codable, Hashable {
    case better, worse, unchanged
}

/// The unit a metric is measured in, for formatting and for the report's long format.
public enum MetricUnit: String, Sendable, Codable, Hashable {
    case count, days, personHours = "person_hours", perWeek = "per_week", perDay = "per_day", hours, minutes, ratio, percent, money, milliseconds, level, gpuHours = "gpu_hours"
}

/// A metric's value in a window and in the window before it; nil means "no data".
public struct MetricValue: Sendable, Codable, Hashable {
    public var current: Double?
    public var previous: Double?
    public var unit: MetricUnit
    public var polarity: Polarity

    public init(_ current: Double?, previous: Double?, unit: MetricUnit, polarity: Polarity) {
        self.current = current
        self.previous = previous
        self.unit = unit
        self.polarity = polarity
    }

    /// Current minus previous, when both exist.
    public var delta: Double? {
        guard let c = current, let p = previous else { return nil }
        return c - p
    }

    /// Relative change against the previous value, when it is not zero.
    public var relativeChange: Double? {
        guard let d = delta, let p = previous, p != 0 else { return nil }
        return d / abs(p)
    }

    /// Better or worse, judged by the metric's polarity; changes under 0.5 % are unchanged;
    /// nil for metrics where neither direction is good news.
    ///
    /// A percentage where higher is better (availability) is judged on its shortfall from
    /// 100 %, its error budget: 99.83 % → 99.92 % halves the downtime, which is news, though
    /// the raw percentage moved 0.09 %.
    public var judgement: Judgement? {
        guard let d = delta, let p = previous, let c = current else { return nil }
        let scale = unit == .percent && polarity == .higherIsBetter
            ? max(abs(100 - p), abs(100 - c), 1e-9)
            : max(abs(p), abs(c), 1e-9)
        if abs(d) / scale < 0.005 { return .unchanged }
        switch polarity {
        case .neutral: return nil
        case .higherIsBetter: return d > 0 ? .better : .worse
        case .lowerIsBetter: return d < 0 ? .better : .worse
        }
    }
}

/// One point of a weekly trend: the Monday the week starts and its value (nil: no data).
public struct WeeklyPoint: Sendable, Codable, Hashable {
    public var weekStart: Day
    public var value: Double?

    public init(weekStart: Day, value: Double?) {
        self.weekStart = weekStart
        self.value = value
    }
}

/// A value per month, e.g. the maturity level's history.
public struct MonthlyPoint: Sendable, Codable, Hashable {
    public var month: Month
    public var value: Double?

    public init(month: Month, value: Double?) {
        self.month = month
        self.value = value
    }
}

extension TimeWindow {
    /// Buckets items into the window's Monday weeks and reduces each bucket; weeks with
    /// no items still appear, valued by `empty` (a trend that skips empty weeks lies).
    public func weekly<T>(_ items: [T], at time: (T) -> Instant, empty: Double?, value: ([T]) -> Double?) -> [WeeklyPoint] {
        let starts = weekStarts
        guard let first = starts.first else { return [] }
        var buckets = [[T]](repeating: [], count: starts.count)
        for item in items {
            let t = time(item)
            guard contains(t) else { continue }
            let index = first.distance(to: t.day.startOfWeek) / 7
            if index >= 0 && index < buckets.count { buckets[index].append(item) }
        }
        return zip(starts, buckets).map { WeeklyPoint(weekStart: $0, value: $1.isEmpty ? empty : value($1)) }
    }
}
