import MLOpsCore

/// Maps a FOCUS charge to one of our cost categories.
///
/// | FOCUS ServiceCategory | category |
/// | --- | --- |
/// | Compute, AI and Machine Learning — a name matches a GPU pattern | gpu |
/// | Compute, otherwise | cpu |
/// | AI and Machine Learning, otherwise (endpoints, hosted models, tokens) | serving |
/// | Storage | storage |
/// | Databases, Analytics | warehouse |
/// | Networking | network |
/// | Business Applications | saas |
/// | anything else (Security, Management and Governance, Other, …); any Tax charge | other |
///
/// The names tried against the GPU patterns: ResourceId, ResourceName, ResourceType,
/// ServiceName, ServiceSubcategory, SkuId, ChargeDescription (those the file has).
struct FocusCostCategoryRule {
    var gpuPatterns: GPUNamePatterns

    func category(serviceCategory: String, chargeCategory: String, names: [String?]) -> CostCategory {
        if chargeCategory.lowercased() == "tax" { return .other }
        switch serviceCategory.lowercased() {
        case "compute":
            return gpuPatterns.matches(names) ? .gpu : .cpu
        case "ai and machine learning":
            return gpuPatterns.matches(names) ? .gpu : .serving
        case "storage": return .storage
        case "databases", "analytics": return .warehouse
        case "networking": return .network
        case "business applications": return .saas
        default: return .other
        }
    }
}
