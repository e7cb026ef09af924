extension Velocity {
    /// Days from each model's first experiment to its first production deployment, for
    /// the models first shipped in `w`: model milestones alone, so research reads it from
    /// the history without the deployments and runs the rest of velocity needs.
    static func ideaToProductionDays(_ history: ModelHistory, in w: TimeWindow) -> [Double] {
        history.firstProduction.compactMap { model, shipped -> Double? in
            guard w.contains(shipped), let idea = history.firstExperiment[model], idea <= shipped else { return nil }
            return Double(idea.seconds(until: shipped)) / 86_400
        }
    }

    static func ideaToProductionMedian(_ days: [Double], previous: [Double]) -> MetricValue {
        MetricValue(Statistics.median(days), previous: Statistics.median(previous), unit: .days, polarity: .lowerIsBetter)
    }

    /// Velocity's `ideaToProductionMedianDays` for the query's windows, from the history only.
    public static func ideaToProductionMedianDays(_ history: ModelHistory, _ query: MetricsQuery) -> MetricValue {
        ideaToProductionMedian(ideaToProductionDays(history, in: query.window), previous: ideaToProductionDays(history, in: query.previous))
    }
}
