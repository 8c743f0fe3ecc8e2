import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libcurl, loaded on first use.
///
/// The client does not link libcurl: loading it (and OpenSSL, GnuTLS, Kerberos... with it) costs
/// about 5 ms and 9 MB, which a client showing its sign-in screen does not need yet (issue 7).
/// `ccurl_load` opens it with dlopen and runs `curl_global_init`, which must run once, before
/// any other thread uses libcurl. A Swift global is initialised lazily and exactly once,
/// thread-safely, so the first transfer pays for it and a client that never makes a request
/// never does.
enum CurlLibrary {
    /// Nil once libcurl is loaded and set up; the reason otherwise (libcurl.so.4 missing, a
    /// failed `curl_global_init`), reported as the failure of every transfer.
    ///
    /// SIGPIPE is ignored from then on: with CURLOPT_NOSIGNAL (needed because the client sets
    /// timeouts) libcurl no longer shields its writes from it, and a server closing a connection
    /// while the client writes must not kill the client with the terminal still in raw mode.
    static let loadFailure: TransportError? = {
        _ = signal(SIGPIPE, SIG_IGN)
        var reason = [CChar](repeating: 0, count: 512)
        let code = ccurl_load(&reason, reason.count)
        guard code != CURLE_OK else { return nil }
        let text = reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return .other(code: Int(code.rawValue), detail: String(decoding: text, as: UTF8.self))
    }()

    /// Loads libcurl if it is not loaded yet; nil on success, the error otherwise.
    static func load() -> TransportError? {
        loadFailure
    }

    /// libcurl's English description of an error code (libcurl must be loaded).
    static func text(of code: CURLcode) -> String {
        String(cString: ccurl_easy_strerror(code))
    }
}
