import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libcurl's one-time global set-up.
///
/// `curl_global_init` must run once, before any other thread uses libcurl, and it is costly
/// (it initialises the TLS library). A Swift global is initialised lazily and exactly once,
/// thread-safely, so the first `TransferSet` pays for it and a client that never makes a request
/// never does (issue 7 wants libcurl's start-up as late as possible).
enum CurlLibrary {
    /// The result of `curl_global_init(CURL_GLOBAL_ALL)`, run on first use.
    ///
    /// SIGPIPE is ignored from then on: with CURLOPT_NOSIGNAL (needed because the client sets
    /// timeouts) libcurl no longer shields its writes from it, and a server closing a connection
    /// while the client writes must not kill the client with the terminal still in raw mode.
    static let initialisation: CURLcode = {
        _ = signal(SIGPIPE, SIG_IGN)
        return ccurl_global_init()
    }()

    /// Runs the global set-up if it has not run yet; nil on success, the error otherwise.
    static func ensureInitialised() -> TransportError? {
        let code = initialisation
        guard code != CURLE_OK else { return nil }
        return .other(code: Int(code.rawValue), detail: "curl_global_init: \(text(of: code))")
    }

    /// libcurl's English description of an error code.
    static func text(of code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }
}
