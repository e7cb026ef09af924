import Foundation
import MLOpsCore

/// One row's values, checked against its kind's field types and rules, in the shape
/// SQLite binds them: whole numbers, reals, or text left in place in the record's bytes.
struct FieldValues {
    /// How a field's value is bound.
    enum Storage { case integer, real, text }

    let storage: [Storage]
    var present: [Bool]
    /// Whole numbers, booleans, epoch seconds; for dates (bound as text), the day number
    /// since 1970-01-01, which the rollup deltas file the row under.
    var integer: [Int64]
    var real: [Double]
    /// Text values are `record.bytes[start[i]..<end[i]]`.
    var start: [Int]
    var end: [Int]
    /// The record field each schema field came from, -1 when the row lacks it.
    var source: [Int]

    init(schema: RecordSchema) {
        storage = schema.fields.map {
            switch $0.type {
            case .integer, .boolean, .timestamp: return .integer
            case .decimal, .money: return .real
            case .text, .date, .choice, .period: return .text
            }
        }
        let n = schema.fields.count
        present = Array(repeating: false, count: n)
        integer = Array(repeating: 0, count: n)
        real = Array(repeating: 0, count: n)
        start = Array(repeating: 0, count: n)
        end = Array(repeating: 0, count: n)
        source = Array(repeating: -1, count: n)
    }
}

/// Checks a record's fields against its kind, straight from the bytes: each field by its
/// type, then the kind's rules across fields. Every problem is an `ImportError` naming
/// the file, line, column, field and value.
struct RowParser {
    let file: String
    let schema: RecordSchema
    /// Each field's type, and a choice field's options as lower-case bytes (empty for the rest).
    private let types: [FieldType]
    private let optionBytes: [[[UInt8]]]
    /// CSV: the field each column holds; nil for JSON Lines.
    private let columnFields: [Int]?
    private let names: [[UInt8]]
    private let required: [Int]
    /// The kind's rules, about field positions.
    private let rules: [RowRule<Int>]


    init(file: String, schema: RecordSchema, columnFields: [Int]?) {
        self.file = file
        self.schema = schema
        self.columnFields = columnFields
        names = schema.fields.map { Array($0.name.utf8) }
        required = schema.fields.indices.filter { schema.fields[$0].required }
        let index = schema.fieldIndex
        rules = schema.rules.map { $0.map { index[$0]! } }
        types = schema.fields.map(\.type)
        optionBytes = schema.fields.map {
            guard case .choice(let options) = $0.type else { return [] }
            return options.map { Array($0.lowercased().utf8) }
        }
    }

    /// Fills `values` from `record`; may rewrite the record's bytes in place (lower-case
    /// choices, upper-case currencies, canonical periods).
    func parse(_ record: inout RawRecord, into values: inout FieldValues) throws {
        let n = schema.fields.count
        for i in 0..<n {
            values.present[i] = false
            values.source[i] = -1
        }
        try place(&record, &values)
        for i in 0..<n {
            let k = values.source[i]
            guard k >= 0, record.layout == .csv || !record.isNull[k] else { continue }
            var s = record.start[k], e = record.end[k]
            record.bytes.withUnsafeBufferPointer { trimSpaces($0, &s, &e) }
            guard s < e else { continue }
            values.start[i] = s
            values.end[i] = e
            values.present[i] = true
            try check(i, &record, &values)
        }
        for i in required where !values.present[i] {
            throw error(i, record, values, nil, "is empty; a value is required (\(schema.fields[i].type.expectation))")
        }
        for i in 0..<n where !values.present[i] {
            if case .boolean = types[i] {
                values.present[i] = true  // an absent boolean is false
                values.integer[i] = 0
            }
        }
        for rule in rules { try apply(rule, &record, &values) }
    }

    /// Matches the record's fields to the schema's: by column for CSV, by name for JSON.
    private func place(_ record: inout RawRecord, _ values: inout FieldValues) throws {
        if let columnFields {
            guard record.count == columnFields.count else {
                throw ImportError(file: file, line: record.line, column: min(record.count, columnFields.count + 1),
                                  problem: "has \(record.count) fields; expected \(columnFields.count), one per header column")
            }
            for k in 0..<record.count { values.source[columnFields[k]] = k }
            return
        }
        var guess = 0
        for k in 0..<record.count {
            // Lines of one file usually list fields in the same order: try the next one first.
            guard let i = fieldIndex(record, key: k, guess: guess) else {
                throw ImportError(file: file, line: record.line, column: record.column(of: k), field: record.key(k),
                                  problem: "is not a \(schema.kind.rawValue) field; expected one of \(schema.fields.map(\.name).joined(separator: ", "))")
            }
            guard values.source[i] < 0 else {
                throw ImportError(file: file, line: record.line, column: record.column(of: k), field: record.key(k), problem: "appears twice in one object")
            }
            values.source[i] = k
            guess = i + 1
        }
        for i in required where values.source[i] < 0 {
            throw ImportError(file: file, line: record.line, field: schema.fields[i].name, problem: "required field is missing")
        }
    }

    private func fieldIndex(_ record: RawRecord, key k: Int, guess: Int) -> Int? {
        let length = record.keyEnd[k] - record.keyStart[k]
        return record.lineBytes.withUnsafeBufferPointer { bytes -> Int? in
            let key = UnsafeBufferPointer(rebasing: bytes[record.keyStart[k]..<record.keyEnd[k]])
            for offset in 0..<names.count {
                let i = (guess + offset) % names.count
                if names[i].count == length, names[i].withUnsafeBufferPointer({ memcmp($0.baseAddress!, key.baseAddress!, length) == 0 }) {
                    return i
                }
            }
            return nil
        }
    }

    private func check(_ i: Int, _ record: inout RawRecord, _ values: inout FieldValues) throws {
        let s = values.start[i], e = values.end[i]
        switch types[i] {
        case .text:
            return
        case .integer(let lo, let hi):
            let n = record.bytes.withUnsafeBufferPointer { DecimalText.parseWhole(UnsafeBufferPointer(rebasing: $0[s..<e])) }
            guard let n, lo.map({ n >= $0 }) ?? true, hi.map({ n <= $0 }) ?? true else { throw invalid(i, record, values) }
            values.integer[i] = n
        case .decimal(let lo):
            let d = record.bytes.withUnsafeBufferPointer { DecimalText.parse(UnsafeBufferPointer(rebasing: $0[s..<e])) }
            guard let d else { throw invalid(i, record, values) }
            if let lo, d < lo {
                throw error(i, record, values, text(i, record, values), "is negative; expected \(schema.fields[i].type.expectation)")
            }
            values.real[i] = d
        case .money(let lo):
            // Plain amounts (the usual `12.34`) straight from the bytes; any other form is
            // checked against the strict decimal grammar, then rounded to cents as written.
            var cents = record.bytes.withUnsafeBufferPointer { DecimalText.plainCents(UnsafeBufferPointer(rebasing: $0[s..<e])) }
            if cents == nil {
                let valid = record.bytes.withUnsafeBufferPointer { DecimalText.parse(UnsafeBufferPointer(rebasing: $0[s..<e])) } != nil
                cents = valid ? Money.cents(decimal: text(i, record, values)) : nil
            }
            guard let cents else { throw invalid(i, record, values) }
            if let lo, Money.amount(cents) < lo {
                throw error(i, record, values, text(i, record, values), "is negative; expected \(schema.fields[i].type.expectation)")
            }
            values.real[i] = Money.amount(cents)
        case .boolean:
            guard let b = record.bytes.withUnsafeBufferPointer({ RowParser.boolean(UnsafeBufferPointer(rebasing: $0[s..<e])) }) else {
                throw invalid(i, record, values)
            }
            values.integer[i] = b ? 1 : 0
        case .timestamp:
            let t = record.bytes.withUnsafeBufferPointer { Instant(iso8601: UnsafeBufferPointer(rebasing: $0[s..<e])) }
            guard let t else { throw invalid(i, record, values) }
            values.integer[i] = t.seconds
        case .date:
            let d = record.bytes.withUnsafeBufferPointer { Day(iso8601: UnsafeBufferPointer(rebasing: $0[s..<e])) }
            guard let d else { throw invalid(i, record, values) }
            values.integer[i] = Int64(d.daysSinceEpoch)
        case .choice:
            // Matched regardless of case; stored as the option is written, in lower case.
            let options = optionBytes[i]
            let match = record.bytes.withUnsafeBufferPointer { bytes in
                let value = UnsafeBufferPointer(rebasing: bytes[s..<e])
                return options.firstIndex { RowParser.equalsIgnoringCase(value, $0) }
            }
            guard let match else { throw invalid(i, record, values) }
            // Same length, so written over in place, and only when the case differs.
            let option = options[match]
            record.bytes.withUnsafeMutableBufferPointer { bytes in
                for k in 0..<option.count where bytes[s + k] != option[k] { bytes[s + k] = option[k] }
            }
        case .period:
            let v = text(i, record, values)
            guard let period = BudgetPeriod(v) else { throw invalid(i, record, values) }
            replace(i, with: period.description, &record, &values)
        }
    }

    private func apply(_ rule: RowRule<Int>, _ record: inout RawRecord, _ values: inout FieldValues) throws {
        switch rule {
        case .anyOf(let indices, let problem):
            if !indices.contains(where: { values.present[$0] }) { throw error(indices[0], record, values, nil, problem) }
        case .notBefore(let later, let earlierFields):
            guard values.present[later], let earlier = earlierFields.first(where: { values.present[$0] }) else { return }
            if values.integer[later] < values.integer[earlier] {
                throw error(later, record, values, text(later, record, values),
                            "is before \(schema.fields[earlier].name) (\(Instant(seconds: values.integer[earlier]).iso8601)); a record cannot end before it starts")
            }
        case .atMost(let i, let bound, let problem):
            if values.present[i], values.real[i] > bound { throw error(i, record, values, text(i, record, values), problem) }
        case .notMoreThan(let i, let other, let problem):
            if values.present[i], values.present[other], values.integer[i] > values.integer[other] {
                throw error(i, record, values, text(i, record, values), "is more than \(schema.fields[other].name) (\(values.integer[other])); \(problem)")
            }
        case .currencyCode(let i):
            guard values.present[i] else { return }
            let s = values.start[i], e = values.end[i]
            let letters = e - s == 3 && record.bytes[s..<e].allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
            guard letters else {
                throw error(i, record, values, text(i, record, values), "is not valid; expected a three-letter ISO 4217 code like EUR")
            }
            upperCase(&record, s, e)
        case .defaultValue(let i, let value):
            if !values.present[i] {
                values.present[i] = true
                values.real[i] = value
            }
        }
    }

    // MARK: - Helpers

    private static let trueWords: [[UInt8]] = ["true", "1", "yes", "y", "t"].map { Array($0.utf8) }
    private static let falseWords: [[UInt8]] = ["false", "0", "no", "n", "f"].map { Array($0.utf8) }

    /// Booleans as the docs list them, in any case.
    static func boolean(_ v: UnsafeBufferPointer<UInt8>) -> Bool? {
        if trueWords.contains(where: { equalsIgnoringCase(v, $0) }) { return true }
        if falseWords.contains(where: { equalsIgnoringCase(v, $0) }) { return false }
        return nil
    }

    /// Whether `value` is `lower` (lower-case ASCII) in any case.
    static func equalsIgnoringCase(_ value: UnsafeBufferPointer<UInt8>, _ lower: [UInt8]) -> Bool {
        guard value.count == lower.count else { return false }
        for k in 0..<lower.count {
            var c = value[k]
            if c >= 0x41, c <= 0x5A { c += 32 }
            if c != lower[k] { return false }
        }
        return true
    }

    /// ASCII letters to upper case, in place.
    private func upperCase(_ record: inout RawRecord, _ s: Int, _ e: Int) {
        for k in s..<e {
            let c = record.bytes[k]
            if c >= 0x61, c <= 0x7A { record.bytes[k] = c - 32 }
        }
    }

    /// Points field `i` at new text, appended to the record's bytes.
    private func replace(_ i: Int, with text: String, _ record: inout RawRecord, _ values: inout FieldValues) {
        values.start[i] = record.bytes.count
        record.bytes.append(contentsOf: text.utf8)
        values.end[i] = record.bytes.count
    }

    func text(_ i: Int, _ record: RawRecord, _ values: FieldValues) -> String {
        String(decoding: record.bytes[values.start[i]..<values.end[i]], as: UTF8.self)
    }

    private func invalid(_ i: Int, _ record: RawRecord, _ values: FieldValues) -> ImportError {
        error(i, record, values, text(i, record, values), "is not valid; expected \(schema.fields[i].type.expectation)")
    }

    func error(_ i: Int, _ record: RawRecord, _ values: FieldValues, _ value: String?, _ problem: String) -> ImportError {
        let k = values.source[i]
        return ImportError(file: file, line: record.line, column: k >= 0 ? record.column(of: k) : nil,
                           field: schema.fields[i].name, value: value, problem: problem)
    }
}

/// Drops leading and trailing spaces, tabs and Unicode space separators from
/// `bytes[s..<e]` by moving the bounds.
func trimSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ s: inout Int, _ e: inout Int) {
    while s < e {
        let c = bytes[s]
        if c == 0x20 || c == 0x09 { s += 1; continue }
        if c < 0x80 { break }
        let (scalar, length) = decodeScalar(bytes, at: s, end: e)
        guard let scalar, scalar.properties.generalCategory == .spaceSeparator else { break }
        s += length
    }
    while e > s {
        let c = bytes[e - 1]
        if c == 0x20 || c == 0x09 { e -= 1; continue }
        if c < 0x80 { break }
        var lead = e - 1
        while lead > s, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        let (scalar, _) = decodeScalar(bytes, at: lead, end: e)
        guard let scalar, scalar.properties.generalCategory == .spaceSeparator else { break }
        e = lead
    }
}

/// The scalar starting at `i` (the bytes are valid UTF-8) and its length in bytes.
private func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (Unicode.Scalar?, Int) {
    var iterator = UnsafeBufferPointer(rebasing: bytes[i..<end]).makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, scalar.utf8.count) }
    return (nil, 1)
}
