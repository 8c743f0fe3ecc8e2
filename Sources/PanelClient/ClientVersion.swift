/// The client's version, in one place: the `User-Agent` header, `--version`, and the change log
/// on the server (which records the client that made each change) all read it from here.
public enum ClientVersion {
    /// The released version of `haker-panel`.
    public static let current = "0.1.0"

    /// `haker-panel/<version>`, sent as `User-Agent` with every request.
    public static var userAgent: String { "haker-panel/\(current)" }
}
