import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Names one transfer of a `TransferSet`, from `start` to its `FinishedTransfer`.
public struct TransferID: Sendable, Hashable, CustomStringConvertible {
    let number: UInt64

    public var description: String { "transfer #\(number)" }
}

/// A transfer that ended: its answer, or why there is none.
public struct FinishedTransfer: Sendable {
    public let id: TransferID
    public let result: Result<HTTPResponse, TransportError>

    public init(id: TransferID, result: Result<HTTPResponse, TransportError>) {
        self.id = id
        self.result = result
    }
}

/// Requests in flight at once, over one libcurl multi handle, driven from one thread.
///
/// The client's event loop blocks in `wait(on:timeoutMilliseconds:)`, which is
/// `curl_multi_poll` with the loop's own descriptors (stdin, the signal self-pipe) added, so a
/// key, a signal and a finished request all wake the same wait (the shape of TerminalUI's
/// `EventWaiter`; PanelApp adds the conformance). libcurl is loaded and the multi handle made
/// by the first `start`; until then, and whenever no transfer runs, `wait` is plain poll(2): a
/// client that has only painted its sign-in screen has not loaded libcurl, and a key pressed
/// while nothing is being fetched costs libcurl nothing (issue 7).
///
/// Every `start` yields exactly one `FinishedTransfer` from a later `wait` (or `perform`)
/// unless it is cancelled first: a cancelled transfer is removed at once and never reported, so
/// an answer the customer walked away from (Esc) cannot arrive later and surprise a screen.
///
/// What every transfer does, whatever the options: TLS peer and host verification stay on;
/// `http://` is refused before connecting unless the host is loopback; redirects are not
/// followed (a 3xx is handed back as it is); `User-Agent` is `haker-panel/<version>`.
/// Proxies: libcurl reads `https_proxy`, `http_proxy`, `all_proxy` and `no_proxy` from the
/// environment itself and nothing here turns that off, except for loopback hosts, which never
/// go through a proxy (the embedded panel and the tests talk to 127.0.0.1 directly even when a
/// proxy is set and `no_proxy` forgets them).
///
/// Not `Sendable`: libcurl's handles belong to the thread that drives them.
public final class TransferSet {
    /// Applied to every transfer started from now on.
    public var options: TransferOptions

    /// Made by the first transfer that reaches libcurl.
    private var multi: UnsafeMutableRawPointer?
    private var transfers: [TransferID: Transfer] = [:]
    /// Transfers that ended without reaching libcurl (a refused URL), or that `perform` saw
    /// finish while it waited for its own: handed out by the next `wait`.
    private var finishedEarly: [FinishedTransfer] = []
    private var lastNumber: UInt64 = 0

    public init(options: TransferOptions = TransferOptions()) {
        self.options = options
    }

    deinit {
        guard let multi else { return }
        for transfer in transfers.values { ccurl_multi_remove_handle(multi, transfer.easy) }
        transfers.removeAll()
        ccurl_multi_cleanup(multi)
    }

    /// The multi handle while a transfer runs. With none, libcurl has nothing to do, so the loop
    /// waits on its own descriptors alone: no `curl_multi_perform` and `curl_multi_poll` at every key.
    private var busyMulti: UnsafeMutableRawPointer? { transfers.isEmpty ? nil : multi }

    /// How many transfers are started and neither reported nor cancelled.
    public var inFlightCount: Int { transfers.count + finishedEarly.count }

    /// The state of a transfer in flight, for the tests' leak check.
    func transferForTesting(_ id: TransferID) -> AnyObject? {
        transfers[id]
    }

    // MARK: - Starting and cancelling

    /// Starts `request` and returns at once. A request that cannot be sent (bad URL, plain http
    /// to a remote host, a header with a line break) is not sent at all: its failure is reported
    /// by the next `wait` like any other.
    public func start(_ request: HTTPRequest) -> TransferID {
        lastNumber += 1
        let id = TransferID(number: lastNumber)
        switch makeTransfer(id: id, request: request) {
        case .success(let transfer): transfers[id] = transfer
        case .failure(let error): finishedEarly.append(FinishedTransfer(id: id, result: .failure(error)))
        }
        return id
    }

    private func makeTransfer(id: TransferID, request: HTTPRequest) -> Result<Transfer, TransportError> {
        ParsedURL.checkedTarget(request.url).flatMap { target in
            if let error = CurlLibrary.load() { return .failure(error) }
            let outOfMemory = TransportError.other(code: Int(CURLE_OUT_OF_MEMORY.rawValue), detail: "out of memory")
            if multi == nil { multi = ccurl_multi_init() }
            guard let multi else { return .failure(outOfMemory) }
            guard let transfer = Transfer(id: id, target: target, maxResponseBytes: options.maxResponseBytes) else {
                return .failure(outOfMemory)
            }
            do throws(TransportError) {
                try transfer.configure(request, options: options)
            } catch {
                return .failure(error)
            }
            let added = ccurl_multi_add_handle(multi, transfer.easy)
            guard added == CURLM_OK else {
                return .failure(.other(code: Int(added.rawValue), detail: String(cString: ccurl_multi_strerror(added))))
            }
            return .success(transfer)
        }
    }

    /// Stops a transfer at once: its connection is closed and it is never reported. Returns
    /// false when `id` is not in flight (already reported, or unknown).
    @discardableResult
    public func cancel(_ id: TransferID) -> Bool {
        if let transfer = transfers.removeValue(forKey: id) {
            if let multi { ccurl_multi_remove_handle(multi, transfer.easy) }
            return true
        }
        let before = finishedEarly.count
        finishedEarly.removeAll { $0.id == id }
        return finishedEarly.count < before
    }

    // MARK: - Waiting

    /// Blocks until one of `fds` is readable (or hung up), a transfer finished, or
    /// `timeoutMilliseconds` passed (-1: no limit), and drives the transfers meanwhile.
    /// Returns at once when something is already ready. A descriptor counts as readable on
    /// POLLIN, POLLHUP or POLLERR, so a closed stdin wakes the loop instead of spinning it.
    public func wait(on fds: [Int32], timeoutMilliseconds: Int32)
        -> (readable: [Int32], finished: [FinishedTransfer]) {
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds < 0 ? nil : clock.now + .milliseconds(timeoutMilliseconds)
        var extra = fds.map { curl_waitfd(fd: $0, events: Int16(CURL_WAIT_POLLIN), revents: 0) }
        while true {
            let finished = collectFinished()
            let readable = Self.readable(fds)
            if !finished.isEmpty || !readable.isEmpty { return (readable, finished) }
            // curl_multi_poll returns early whenever libcurl needs to act (a timer, a socket),
            // so keep waiting until the deadline rather than hand the loop an empty wake-up.
            var remaining = Int32.max / 2
            if let deadline {
                let left = deadline - clock.now
                guard left > .zero else { return ([], []) }
                remaining = Int32(clamping: left.roundedUpMilliseconds)
            }
            var events: Int32 = 0
            let polled = busyMulti.map { multi in
                extra.withUnsafeMutableBufferPointer { buffer in
                    ccurl_multi_poll(multi, buffer.baseAddress, UInt32(buffer.count), remaining, &events)
                }
            }
            if polled != CURLM_OK {
                // No transfer is running (or the multi handle broke): the descriptors alone.
                var plain = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                _ = poll(&plain, nfds_t(plain.count), remaining)
            }
        }
    }

    /// Runs the transfers once and takes every finished one out of the set.
    private func collectFinished() -> [FinishedTransfer] {
        var finished = finishedEarly
        finishedEarly.removeAll()
        guard let multi = busyMulti else { return finished }
        var running: Int32 = 0
        _ = ccurl_multi_perform(multi, &running)
        var queued: Int32 = 0
        while let message = ccurl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            var owner: UnsafeMutableRawPointer?
            _ = ccurl_easy_getinfo_ptr(easy, CURLINFO_PRIVATE, &owner)
            guard let owner else { continue }
            let transfer = Unmanaged<Transfer>.fromOpaque(owner).takeUnretainedValue()
            // Read the outcome before the handle goes: dropping the transfer frees it.
            let result = transfer.outcome(ccurl_msg_result(message))
            ccurl_multi_remove_handle(multi, easy)
            transfers[transfer.id] = nil
            finished.append(FinishedTransfer(id: transfer.id, result: result))
        }
        return finished
    }

    /// Which of `fds` have input, or hung up, right now.
    private static func readable(_ fds: [Int32]) -> [Int32] {
        guard !fds.isEmpty else { return [] }
        var polled = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard poll(&polled, nfds_t(polled.count), 0) > 0 else { return [] }
        let ready = Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)
        return polled.filter { $0.revents & ready != 0 }.map(\.fd)
    }

    // MARK: - Blocking

    /// Sends `request` and blocks until it ends: for line mode and tests. Other transfers of
    /// the set keep running meanwhile; those that finish are kept for the next `wait`.
    public func perform(_ request: HTTPRequest) -> Result<HTTPResponse, TransportError> {
        let id = start(request)
        var others: [FinishedTransfer] = []
        defer { finishedEarly.append(contentsOf: others) }
        while true {
            for done in collectFinished() {
                if done.id == id { return done.result }
                others.append(done)
            }
            var events: Int32 = 0
            if multi.map({ ccurl_multi_poll($0, nil, 0, 1000, &events) }) != CURLM_OK {
                _ = poll(nil, 0, 10)  // only a broken multi handle gets here: do not spin
            }
        }
    }
}

@available(*, unavailable, message: "a TransferSet is driven from one thread")
extension TransferSet: Sendable {}
