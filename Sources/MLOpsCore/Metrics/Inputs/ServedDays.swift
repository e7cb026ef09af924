/// The days each model was served in a query's range: the maturity history's evidence of
/// monitoring (a deployed model with serving stats in a month was watched that month).
///
/// Kept apart from the serving records, which carry each day's requests, errors and
/// latencies and are read for the detail days only: over maturity's eight months a large
/// store holds some 50,000 serving days, and maturity asks of them only which model was
/// served on which day, which a store answers from its `(date, model)` index alone.
public struct ServedDays: Equatable, Sendable {
    /// Each model's days, ascending, each once.
    public var byModel: [String: [Day]]

    public init(byModel: [String: [Day]] = [:]) { self.byModel = byModel }

    /// Each model's days as read, in any order and with repeats: a store's read and the
    /// records both come here to be put in order.
    public init(unordered byModel: [String: [Day]]) {
        self.byModel = byModel.mapValues { Array(Set($0)).sorted() }
    }

    /// The days of these serving records, in any order.
    public init(_ serving: some Sequence<ServingDay>) {
        var byModel: [String: [Day]] = [:]
        for s in serving { byModel[s.model, default: []].append(s.date) }
        self.init(unordered: byModel)
    }

    /// The models `keep` holds, with all their days.
    public func filter(models keep: (String) -> Bool) -> ServedDays {
        ServedDays(byModel: byModel.filter { keep($0.key) })
    }
}
