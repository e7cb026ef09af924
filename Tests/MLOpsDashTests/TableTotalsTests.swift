import MLOpsCore
@testable import MLOpsDash
import Testing

/// The screens' tables and tiles use one rule per metric (`Deployment.isFailedChange`,
/// `SubjectVelocity`), so the rows add up to the tiles above them.
@Suite struct TableTotalsTests {
    @Test func velocityRowsAddUpToTheTiles() {
        let data = DemoDashboard.data, v = data.snapshot.velocity
        let table = ScreenTables.table(for: .velocity, data: data)
        #expect(!table.rows.isEmpty)
        // Columns: Model, Team, Deploys, Lead p50, Failed, CFR.
        let deploys = table.rows.reduce(0.0) { $0 + ($1.sortKeys[2] ?? 0) }
        let failed = table.rows.reduce(0.0) { $0 + ($1.sortKeys[4] ?? 0) }
        #expect(deploys == v.deployments.current)
        #expect(Int(failed) == v.failedChanges)
    }

    @Test func overviewTeamDeploysAddUpToTheTile() {
        let data = DemoDashboard.data
        let table = ScreenTables.table(for: .overview, data: data)
        // Every production deployment belongs to a team the overview lists.
        #expect(table.rows.reduce(0.0) { $0 + ($1.sortKeys[2] ?? 0) } == data.snapshot.velocity.deployments.current)
    }
}
