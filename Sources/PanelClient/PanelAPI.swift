#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelModels

/// The calls of the panel API (v1), each an `Endpoint` typed by what it answers.
///
/// ```swift
/// let base = try APIBase("https://panel.example.com")
/// let transfers = TransferSet()
/// let session = try transfers.perform(PanelAPI.signIn(email: e, password: p), base: base, token: nil).get()
/// let contact = transfers.perform(PanelAPI.contact(), base: base, token: session.token)
/// ```
public enum PanelAPI {
    // MARK: - Session

    /// `POST /v1/session`: 201 with the token; 401 `invalid_credentials`, 429 `too_many_attempts`.
    public static func signIn(email: String, password: String) -> Endpoint<SignedInSession> {
        Endpoint(method: .post, path: "/v1/session",
                 body: JSONShape.encode(SessionRequest(email: email, password: password)), sendsToken: false) {
            let grant = try JSONShape.decode(SessionGrant.self, from: $0.body)
            return SignedInSession(token: SessionToken(grant.token), expiresAt: grant.expiresAt,
                                   idleTimeoutMinutes: grant.idleTimeoutMinutes)
        }
    }

    /// `DELETE /v1/session`: ends the session on the server (on sign-out and on quit).
    public static func signOut() -> Endpoint<NoContent> {
        Endpoint(method: .delete, path: "/v1/session") { _ in NoContent() }
    }

    // MARK: - The customer

    /// `GET /v1/me`: identity, contact, billing, what may be edited.
    public static func overview() -> Endpoint<Overview> {
        get("/v1/me")
    }

    /// `GET /v1/me/contact`, with its ETag.
    public static func contact() -> Endpoint<ContactDetails> {
        get("/v1/me/contact")
    }

    /// `PUT /v1/me/contact` with `If-Match: etag`; a changed e-mail needs `currentPassword`.
    public static func updateContact(_ contact: ContactDetails, ifMatch etag: String) -> Endpoint<ContactDetails> {
        put("/v1/me/contact", contact, ifMatch: etag)
    }

    /// `GET /v1/me/billing`, with its ETag.
    public static func billing() -> Endpoint<BillingProfile> {
        get("/v1/me/billing")
    }

    /// `PUT /v1/me/billing` with `If-Match: etag`.
    public static func updateBilling(_ billing: BillingProfile, ifMatch etag: String) -> Endpoint<BillingProfile> {
        put("/v1/me/billing", billing, ifMatch: etag)
    }

    /// `GET /v1/me/message-preferences`, with its ETag.
    public static func messagePreferences() -> Endpoint<MessagePreferences> {
        get("/v1/me/message-preferences")
    }

    /// `PUT /v1/me/message-preferences` with `If-Match: etag`: the cells to change.
    public static func updateMessagePreferences(_ update: MessagePreferencesUpdate,
                                                ifMatch etag: String) -> Endpoint<MessagePreferences> {
        Endpoint(method: .put, path: "/v1/me/message-preferences", body: JSONShape.encode(update), ifMatch: etag,
                 decodeBody: decodeJSON, decodeCurrent: decodeConflict)
    }

    /// `GET /v1/me/data`: everything stored about the customer.
    public static func dataReport() -> Endpoint<DataReport> {
        get("/v1/me/data")
    }

    /// `GET /v1/me/data/export`: the same report as the raw bytes of a file, to be written as
    /// they are.
    public static func dataExport() -> Endpoint<Data> {
        Endpoint(method: .get, path: "/v1/me/data/export") { $0.body }
    }

    // MARK: - Public

    /// `GET /v1/policies`.
    public static func policies() -> Endpoint<PolicyList> {
        get("/v1/policies", sendsToken: false)
    }

    /// `GET /v1/policies/{id}?lang=`.
    public static func policy(_ id: PolicyID, language: Language) -> Endpoint<PolicyDocument> {
        Endpoint(method: .get, path: "/v1/policies/\(id.rawValue)", query: [QueryItem("lang", language.rawValue)],
                 sendsToken: false, decodeBody: decodeJSON)
    }

    /// `GET /healthz`: any 2xx is healthy.
    public static func health() -> Endpoint<NoContent> {
        Endpoint(method: .get, path: "/healthz", sendsToken: false) { _ in NoContent() }
    }

    // MARK: - Shapes

    private static func get<R: Decodable & Sendable>(_ path: String, sendsToken: Bool = true) -> Endpoint<R> {
        Endpoint(method: .get, path: path, sendsToken: sendsToken, decodeBody: decodeJSON)
    }

    private static func put<R: Codable & Sendable>(_ path: String, _ value: R, ifMatch etag: String) -> Endpoint<R> {
        Endpoint(method: .put, path: path, body: JSONShape.encode(value), ifMatch: etag, decodeBody: decodeJSON,
                 decodeCurrent: decodeConflict)
    }

    @Sendable private static func decodeJSON<R: Decodable>(_ response: HTTPResponse) throws -> R {
        try JSONShape.decode(R.self, from: response.body)
    }

    /// A 412 body: the problem members plus `current` and `etag`.
    @Sendable private static func decodeConflict<R: Codable & Sendable>(_ body: Data) throws
        -> (current: R, etag: String) {
        let conflict = try JSONShape.decode(ConflictCurrent<R>.self, from: body)
        return (conflict.current, conflict.etag)
    }
}
