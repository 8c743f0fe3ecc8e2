/// The API calls in flight on a `TransferSet`, each remembered with how to turn its outcome
/// into the app's own event: the glue between `Endpoint`s and the event loop.
///
/// ```swift
/// let id = calls.start(PanelAPI.contact(), on: transfers, base: base, token: token) { .contactLoaded($0) }
/// …
/// for finished in wait.finished { if let event = calls.finish(finished) { handle(event) } }
/// …
/// calls.cancel(id, on: transfers)   // Esc: nothing will be reported for it
/// ```
///
/// Like the `TransferSet`, it belongs to the one thread of the event loop.
public struct PendingCalls<Event> {
    private var outcomes: [TransferID: (Result<HTTPResponse, TransportError>) -> Event] = [:]

    public init() {}

    /// How many calls are waiting for their outcome.
    public var count: Int { outcomes.count }

    /// Starts `endpoint` and remembers to hand its outcome to `makeEvent`.
    @discardableResult
    public mutating func start<Response>(_ endpoint: Endpoint<Response>, on transfers: TransferSet, base: APIBase,
                                         token: SessionToken?,
                                         makeEvent: @escaping (APIResult<Response>) -> Event) -> TransferID {
        let id = transfers.start(endpoint, base: base, token: token)
        outcomes[id] = { makeEvent(endpoint.decode($0)) }
        return id
    }

    /// The event for a finished transfer, or nil when it is not one of these calls.
    public mutating func finish(_ finished: FinishedTransfer) -> Event? {
        outcomes.removeValue(forKey: finished.id).map { $0(finished.result) }
    }

    /// Cancels a call: its transfer stops at once and no event will come for it.
    @discardableResult
    public mutating func cancel(_ id: TransferID, on transfers: TransferSet) -> Bool {
        outcomes[id] = nil
        return transfers.cancel(id)
    }
}
