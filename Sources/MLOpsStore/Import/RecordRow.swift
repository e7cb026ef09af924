import MLOpsCore

/// One row of an import file, its values placed by field, with typed, located access.
///
/// Every accessor that finds a bad value throws an `ImportError` naming the file, the
/// line, the column, the field, the value and what was expected.
struct RecordRow {
    let file: String
    let line: Int
    let schema: RecordSchema
    var values: [String?]
    var columns: [Int?]

    func index(_ name: String) -> Int {
        guard let i = schema.fieldIndex[name] else { preconditionFailure("\(schema.kind) has no field \(name)") }
        return i
    }

    func error(_ field: String, _ value: String?, _ problem: String) -> ImportError {
        let i = index(field)
        return ImportError(file: file, line: line, column: columns[i], field: field, value: value, problem: problem)
    }

    func invalid(_ field: String, _ value: String) -> ImportError {
        error(field, value, "is not valid; expected \(schema.fields[index(field)].type.expectation)")
    }

    // MARK: - Text

    func optionalText(_ name: String) -> String? { values[index(name)] }

    func text(_ name: String) throws -> String {
        guard let v = values[index(name)] else {
            throw error(name, nil, "is empty; a value is required (\(schema.fields[index(name)].type.expectation))")
        }
        return v
    }

    // MARK: - Numbers

    func optionalInt(_ name: String) throws -> Int? {
        guard let v = values[index(name)] else { return nil }
        guard let n = Int(v) ?? Double(v).flatMap({ $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }) else { throw invalid(name, v) }
        if case .integer(let lo, let hi) = schema.fields[index(name)].type {
            if let lo, n < lo { throw invalid(name, v) }
            if let hi, n > hi { throw invalid(name, v) }
        }
        return n
    }

    func int(_ name: String) throws -> Int {
        guard let n = try optionalInt(name) else { _ = try text(name); fatalError("unreachable") }
        return n
    }

    func optionalDouble(_ name: String) throws -> Double? {
        guard let v = values[index(name)] else { return nil }
        guard let d = Double(v), d.isFinite else { throw invalid(name, v) }
        if case .decimal(let lo?) = schema.fields[index(name)].type, d < lo {
            throw error(name, v, "is negative; expected \(schema.fields[index(name)].type.expectation)")
        }
        return d
    }

    func double(_ name: String) throws -> Double {
        guard let d = try optionalDouble(name) else { _ = try text(name); fatalError("unreachable") }
        return d
    }

    /// A money amount: rounded to cents on its decimal digits, half away from zero
    /// (`Money.cents(decimal:)`), so `1.005` is 1.01 and what is stored is exact cents.
    func money(_ name: String) throws -> Double {
        let v = try text(name)
        guard let cents = Money.cents(decimal: v) else { throw invalid(name, v) }
        if case .decimal(let lo?) = schema.fields[index(name)].type, Money.amount(cents) < lo {
            throw error(name, v, "is negative; expected \(schema.fields[index(name)].type.expectation)")
        }
        return Money.amount(cents)
    }

    func bool(_ name: String) throws -> Bool {
        guard let v = values[index(name)] else { return false }
        switch v.lowercased() {
        case "true", "1", "yes", "y", "t": return true
        case "false", "0", "no", "n", "f": return false
        default: throw invalid(name, v)
        }
    }

    // MARK: - Time

    func optionalInstant(_ name: String) throws -> Instant? {
        guard let v = values[index(name)] else { return nil }
        guard let t = Instant(iso8601: v) else { throw invalid(name, v) }
        return t
    }

    func instant(_ name: String) throws -> Instant {
        guard let t = try optionalInstant(name) else { _ = try text(name); fatalError("unreachable") }
        return t
    }

    func day(_ name: String) throws -> Day {
        let v = try text(name)
        guard let d = Day(iso8601: v) else { throw invalid(name, v) }
        return d
    }

    func period(_ name: String) throws -> BudgetPeriod {
        let v = try text(name)
        guard let p = BudgetPeriod(v) else { throw invalid(name, v) }
        return p
    }

    func choice<E: RawRepresentable>(_ name: String, _: E.Type) throws -> E where E.RawValue == String {
        let v = try text(name)
        guard let e = E(rawValue: v.lowercased()) else { throw invalid(name, v) }
        return e
    }

    func optionalChoice<E: RawRepresentable>(_ name: String, _: E.Type) throws -> E? where E.RawValue == String {
        guard values[index(name)] != nil else { return nil }
        return try choice(name, E.self)
    }

    /// Fails when `later` is before `earlier`: time does not run backwards in a record.
    func requireOrder(_ earlier: Instant?, _ earlierName: String, _ later: Instant?, _ laterName: String) throws {
        if let a = earlier, let b = later, b < a {
            throw error(laterName, values[index(laterName)], "is before \(earlierName) (\(a.iso8601)); a record cannot end before it starts")
        }
    }
}
