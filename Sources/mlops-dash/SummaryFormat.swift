import ArgumentParser

/// What `summary` writes: text for people, JSON for scripts, OpenMetrics for Prometheus.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, openmetrics
}
