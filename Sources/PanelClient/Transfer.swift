import CCurl
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One request in flight: its libcurl easy handle and everything the C callbacks write into.
///
/// libcurl gets an unretained pointer to this object (`WRITEDATA`, `HEADERDATA`, `PRIVATE`);
/// the owning `TransferSet` keeps the only strong reference in its table and removes the easy
/// handle from the multi handle before dropping it, so no callback can outlive the object, and
/// `deinit` frees every C resource (easy handle, header list, error buffer): nothing leaks.
final class Transfer {
    let id: TransferID
    let easy: UnsafeMutableRawPointer
    private let target: ParsedURL
    private let maxResponseBytes: Int
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>

    // Filled by the callbacks.
    private var headers = HTTPHeaders()
    private var headerBytes = 0
    private var body = Data()
    /// The cap that stopped the transfer, if one did.
    private var exceededLimit: Int?

    /// Header blocks larger than this stop the transfer: libcurl 7.88 bounds each header line
    /// but not their number, and a hostile server could send headers forever.
    static let maxHeaderBytes = 64 * 1024

    /// Nil when libcurl cannot make an easy handle (out of memory).
    init?(id: TransferID, target: ParsedURL, maxResponseBytes: Int) {
        guard let easy = ccurl_easy_init() else { return nil }
        self.id = id
        self.easy = easy
        self.target = target
        self.maxResponseBytes = maxResponseBytes
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        ccurl_easy_cleanup(easy)
        ccurl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    // MARK: - Setting up

    /// Sets every option of the easy handle for `request`. Throws before anything is sent.
    func configure(_ request: HTTPRequest, options: TransferOptions) throws(TransportError) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try set(CURLOPT_URL, request.url)
        try set(CURLOPT_PROTOCOLS_STR, "http,https")
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_PRIVATE, me)

        // Trust: both checks on, always; only the CA bundle may be changed.
        try set(CURLOPT_SSL_VERIFYPEER, 1)
        try set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = options.caFile { try set(CURLOPT_CAINFO, caFile) }
        // libcurl reads http_proxy/https_proxy/no_proxy itself and nothing here turns that off;
        // but a loopback request must never go through a proxy (the embedded panel, tests), and
        // an empty CURLOPT_PROXY disables it for this transfer alone, leaving no_proxy intact.
        if target.isLoopback { try set(CURLOPT_PROXY, "") }

        // Limits.
        try set(CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.roundedUpMilliseconds)
        try set(CURLOPT_TIMEOUT_MS, options.totalTimeout.roundedUpMilliseconds)
        try set(CURLOPT_LOW_SPEED_LIMIT, max(options.lowSpeedLimit, 1))
        try set(CURLOPT_LOW_SPEED_TIME, max((options.lowSpeedTime.roundedUpMilliseconds + 999) / 1000, 1))

        // Method and body. POSTFIELDSIZE first: COPYPOSTFIELDS copies that many bytes (the plain
        // POSTFIELDS would keep a pointer into Swift memory that is gone by the time it is sent).
        switch request.method {
        case .get: try set(CURLOPT_HTTPGET, 1)
        case .post: try set(CURLOPT_POST, 1)
        case .put, .delete: try set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
        // A POST without a body sends an empty one: left unset, libcurl would read stdin.
        if let body = request.body ?? (request.method == .post ? Data() : nil) {
            try set(CURLOPT_POSTFIELDSIZE, body.count)
            if body.isEmpty {
                try set(CURLOPT_COPYPOSTFIELDS, "")  // an empty body still needs a valid pointer
            } else {
                try check(body.withUnsafeBytes { bytes in
                    ccurl_easy_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS,
                                          UnsafeMutableRawPointer(mutating: bytes.baseAddress))
                })
            }
        }

        try set(CURLOPT_USERAGENT, ClientVersion.userAgent)
        try setHeaders(request)

        // Callbacks: plain C functions that find this object through the user-data pointer.
        try check(ccurl_easy_setopt_write_function(easy, CURLOPT_WRITEFUNCTION) { data, size, count, me in
            guard let me else { return 0 }
            return Unmanaged<Transfer>.fromOpaque(me).takeUnretainedValue()
                .receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        try set(CURLOPT_WRITEDATA, me)
        try check(ccurl_easy_setopt_write_function(easy, CURLOPT_HEADERFUNCTION) { data, size, count, me in
            guard let me else { return 0 }
            return Unmanaged<Transfer>.fromOpaque(me).takeUnretainedValue()
                .receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
        })
        try set(CURLOPT_HEADERDATA, me)
    }

    private func setHeaders(_ request: HTTPRequest) throws(TransportError) {
        var fields = request.headers.fields
        if let token = request.bearerToken {
            fields.append(HTTPHeader(name: "Authorization", value: "Bearer \(token.value)"))
        }
        // libcurl would announce a body over 1 KiB with `Expect: 100-continue` and wait for the
        // server's go-ahead; our bodies are small, so skip the extra round trip.
        if request.body != nil { fields.append(HTTPHeader(name: "Expect", value: "")) }
        for field in fields {
            // A CR or LF in a header (an ETag from a hostile server, say) would inject headers.
            let forbidden: (UInt8) -> Bool = { $0 == 13 || $0 == 10 || $0 == 0 }
            guard !field.name.isEmpty, !field.name.utf8.contains(where: { forbidden($0) || $0 == 58 || $0 == 32 }),
                  !field.value.utf8.contains(where: forbidden)
            else { throw .invalidHeader(name: String(field.name.unicodeScalars.filter { $0.value >= 32 })) }
            // `Name;` is libcurl's spelling of a header sent with an empty value; `Name:` would
            // remove the header instead.
            let line = field.value.isEmpty && field.name != "Expect"
                ? "\(field.name);" : "\(field.name): \(field.value)"
            guard let list = ccurl_slist_append(headerList, line) else {
                throw .other(code: Int(CURLE_OUT_OF_MEMORY.rawValue), detail: "ccurl_slist_append")
            }
            headerList = list
        }
        if let headerList { try check(ccurl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList)) }
    }

    private func set(_ option: CURLoption, _ value: Int) throws(TransportError) {
        try check(ccurl_easy_setopt_long(easy, option, value))
    }

    private func set(_ option: CURLoption, _ value: String) throws(TransportError) {
        try check(ccurl_easy_setopt_string(easy, option, value))
    }

    private func set(_ option: CURLoption, _ value: UnsafeMutableRawPointer) throws(TransportError) {
        try check(ccurl_easy_setopt_ptr(easy, option, value))
    }

    private func check(_ code: CURLcode) throws(TransportError) {
        guard code == CURLE_OK else {
            throw .other(code: Int(code.rawValue), detail: "curl_easy_setopt: \(CurlLibrary.text(of: code))")
        }
    }

    // MARK: - Callbacks

    /// CURLOPT_WRITEFUNCTION: keeps the body, up to the cap. Returning less than given makes
    /// libcurl stop with CURLE_WRITE_ERROR, which `outcome` reports as `.tooLarge`.
    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard body.count + bytes.count <= maxResponseBytes else {
            exceededLimit = maxResponseBytes
            return 0
        }
        body.append(contentsOf: bytes)
        return bytes.count
    }

    /// CURLOPT_HEADERFUNCTION: one raw header line at a time, CRLF included. A status line
    /// starts a new header block (after a `100 Continue`, or a proxy's `CONNECT` answer), so
    /// only the final response's headers are kept.
    private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Int {
        headerBytes += bytes.count
        guard headerBytes <= Self.maxHeaderBytes else {
            exceededLimit = Self.maxHeaderBytes
            return 0
        }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 10 || bytes[end - 1] == 13 { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            headerBytes = bytes.count
        } else if let first = line.first, first == " " || first == "\t", let last = headers.fields.last {
            // An obsolete folded continuation line (RFC 9112 §5.2): part of the previous value.
            let joined = HTTPHeader(name: last.name, value: last.value + " " + line.trimmedOfSpaces)
            headers = HTTPHeaders(headers.fields.dropLast() + [joined])
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon]).trimmedOfSpaces
            let value = line[line.index(after: colon)...].trimmedOfSpaces
            headers.add(name, value)
            // A declared length over the cap: stop now rather than read megabytes to throw away.
            if HTTPHeaders.sameName(name, "Content-Length"), let length = Int(value), length > maxResponseBytes {
                exceededLimit = maxResponseBytes
                return 0
            }
        }
        return bytes.count
    }

    // MARK: - Outcome

    /// The response, or the typed reason there is none, once libcurl reports the transfer done.
    func outcome(_ code: CURLcode) -> Result<HTTPResponse, TransportError> {
        guard code == CURLE_OK else {
            // Connected: a connect time was recorded, or (on a loopback connect faster than the
            // clock's microsecond) the request went out.
            var connectTime: curl_off_t = 0
            _ = ccurl_easy_getinfo_off(easy, CURLINFO_CONNECT_TIME_T, &connectTime)
            var requestBytes = 0
            _ = ccurl_easy_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &requestBytes)
            var osErrno = 0
            _ = ccurl_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno)
            let buffered = String(cString: errorBuffer)
            return .failure(.from(code: code, host: target.host,
                                  detail: buffered.isEmpty ? CurlLibrary.text(of: code) : buffered,
                                  connected: connectTime > 0 || requestBytes > 0, osErrno: osErrno,
                                  exceededLimit: exceededLimit))
        }
        var status = 0
        _ = ccurl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: headers, body: body))
    }
}
