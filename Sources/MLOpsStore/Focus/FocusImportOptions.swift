/// The choices a FOCUS import leaves to the user.
public struct FocusImportOptions: Sendable {
    /// Which FOCUS cost column becomes a cost's amount.
    public enum CostColumn: String, CaseIterable, Sendable {
        /// `BilledCost`: what the invoice charges, purchases when they are paid.
        case billed
        /// `EffectiveCost`: amortised, upfront commitments spread over the usage they cover.
        case effective

        var focusColumn: String { self == .billed ? "BilledCost" : "EffectiveCost" }
    }

    /// The key in the `Tags` JSON object naming the owning team.
    public var teamTag: String
    /// The key in the `Tags` JSON object naming the model.
    public var modelTag: String
    public var cost: CostColumn
    /// Patterns that make a compute charge a GPU charge (see `GPUNamePatterns`).
    public var gpuPatterns: GPUNamePatterns
    /// Validate and count, then roll back.
    public var dryRun: Bool

    public init(teamTag: String = "team", modelTag: String = "model", cost: CostColumn = .billed,
                gpuPatterns: GPUNamePatterns = .defaults, dryRun: Bool = false) {
        self.teamTag = teamTag
        self.modelTag = modelTag
        self.cost = cost
        self.gpuPatterns = gpuPatterns
        self.dryRun = dryRun
    }
}
