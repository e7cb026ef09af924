import GRDB
import MLOpsCore

/// The days each of the subject's models was served over the query's range: maturity's
/// evidence of monitoring, read from the `(date, model)` index alone. The serving records
/// themselves were 60 ms of a 90-day read (52,600 rows, each day's figures decoded); these
/// pairs take a few.
enum ServedDaysQuery {
    static func fetch(_ db: Database, _ q: MetricsQuery) throws -> ServedDays {
        let condition = SmallRecordsQuery.servingDays(q.filter, q.rangeDays)
        var rows = try InternedRowCursor(db, sql: "SELECT model, date FROM serving \(condition.sql)",
                                         arguments: StatementArguments(condition.arguments.map(\.databaseValue)))
        // Models and dates both by the number of their text: a range holds a few hundred of each.
        var datesByModel: [Int32: [Int32]] = [:]
        while try rows.next() {
            let model = rows.text(0), date = rows.text(1)
            guard model >= 0, date >= 0 else { continue }
            datesByModel[model, default: []].append(date)
        }
        var dayOf: [Int32: Day?] = [:]
        var byModel: [String: [Day]] = [:]
        for (model, dates) in datesByModel {
            guard let name = rows.string(model) else { continue }
            // Two numbers can name one model (texts that differ after a NUL byte): days are
            // gathered by name, and put in order once.
            byModel[name, default: []] += dates.compactMap { number in
                if let known = dayOf[number] { return known }
                let day = rows.string(number).flatMap(Day.init(iso8601:))
                dayOf[number] = day
                return day
            }
        }
        return ServedDays(unordered: byModel)
    }
}
