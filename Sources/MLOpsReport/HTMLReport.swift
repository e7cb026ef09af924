import MLOpsCore
public enum HTMLReport {
    public static func render(_ r: QuarterlyReport) -> String { "" }
}
