/// The tool's name and version, as reports record them.
public enum ToolInfo {
    public static let name = "s1check"
    public static let version = "0.3.0"
}
