#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// The wire types of the panel API (v1, JSON, snake_case), shared by the client and the server.
// Explicit coding keys everywhere: the JSON names are the contract (`openapi.yaml`), not an
// encoder setting either side could forget.

// MARK: - Language and localised text

/// The two languages of the product.
public enum Language: String, Codable, Sendable, CaseIterable, Hashable {
    case tr, en
}

/// A text the server gives in both languages.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var tr: String
    public var en: String

    public init(tr: String, en: String) {
        self.tr = tr
        self.en = en
    }

    public subscript(language: Language) -> String {
        switch language {
        case .tr: tr
        case .en: en
        }
    }
}

// MARK: - Addresses and contact details

/// A postal address. `country` is an ISO 3166-1 alpha-2 code; `TR` turns on the Turkish rules
/// (province from the 81, postcode starting with the province's plate code).
public struct Address: Codable, Sendable, Hashable {
    public var line1: String
    public var line2: String?
    public var district: String
    public var province: String
    public var postalCode: String
    public var country: String

    public init(line1: String, line2: String? = nil, district: String, province: String, postalCode: String,
                country: String = "TR") {
        self.line1 = line1
        self.line2 = line2
        self.district = district
        self.province = province
        self.postalCode = postalCode
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case line1, line2, district, province, country
        case postalCode = "postal_code"
    }
}

/// `GET|PUT /v1/me/contact`: the contact details. On `PUT`, `currentPassword` is required when
/// the e-mail (also the sign-in name) changes; it is never returned.
public struct ContactDetails: Codable, Sendable, Hashable {
    public var email: String
    public var phone: String
    public var fax: String?
    public var contactAddress: Address
    public var currentPassword: String?

    public init(email: String, phone: String, fax: String? = nil, contactAddress: Address,
                currentPassword: String? = nil) {
        self.email = email
        self.phone = phone
        self.fax = fax
        self.contactAddress = contactAddress
        self.currentPassword = currentPassword
    }

    enum CodingKeys: String, CodingKey {
        case email, phone, fax
        case contactAddress = "contact_address"
        case currentPassword = "current_password"
    }
}

// MARK: - Billing

/// Who the invoice is made out to.
public enum BillingType: String, Codable, Sendable, CaseIterable, Hashable {
    /// A person: full name and TC Kimlik No.
    case individual
    /// A company: trade name, VKN and tax office.
    case corporate
}

/// `GET|PUT /v1/me/billing`: what an invoice in Turkey carries about the buyer.
public struct BillingProfile: Codable, Sendable, Hashable {
    public var type: BillingType
    public var fullName: String?
    public var tckn: String?
    public var companyName: String?
    public var vkn: String?
    public var taxOffice: String?
    public var address: Address
    public var eInvoiceEmail: String?

    public init(type: BillingType, fullName: String? = nil, tckn: String? = nil, companyName: String? = nil,
                vkn: String? = nil, taxOffice: String? = nil, address: Address, eInvoiceEmail: String? = nil) {
        self.type = type
        self.fullName = fullName
        self.tckn = tckn
        self.companyName = companyName
        self.vkn = vkn
        self.taxOffice = taxOffice
        self.address = address
        self.eInvoiceEmail = eInvoiceEmail
    }

    enum CodingKeys: String, CodingKey {
        case type, tckn, vkn, address
        case fullName = "full_name"
        case companyName = "company_name"
        case taxOffice = "tax_office"
        case eInvoiceEmail = "e_invoice_email"
    }
}

// MARK: - Overview

/// When and from where the customer signed in before this session.
public struct SignInRecord: Codable, Sendable, Hashable {
    public var at: Timestamp
    public var ip: String?

    public init(at: Timestamp, ip: String? = nil) {
        self.at = at
        self.ip = ip
    }
}

/// `GET /v1/me`: who the customer is and what they may change.
public struct Overview: Codable, Sendable, Hashable {
    public var customerNumber: String
    public var firstName: String
    public var lastName: String
    public var email: String
    public var phone: String
    public var fax: String?
    public var contactAddress: Address
    public var billing: BillingProfile
    /// Which fields the customer may change: `email`, `phone`, `fax`, `contact_address`, `billing`.
    public var editable: [String]
    public var updatedAt: Timestamp
    /// The sign-in before the current one, if any.
    public var lastSignIn: SignInRecord?

    public init(customerNumber: String, firstName: String, lastName: String, email: String, phone: String,
                fax: String?, contactAddress: Address, billing: BillingProfile, editable: [String],
                updatedAt: Timestamp, lastSignIn: SignInRecord?) {
        self.customerNumber = customerNumber
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phone = phone
        self.fax = fax
        self.contactAddress = contactAddress
        self.billing = billing
        self.editable = editable
        self.updatedAt = updatedAt
        self.lastSignIn = lastSignIn
    }

    enum CodingKeys: String, CodingKey {
        case email, phone, fax, billing, editable
        case customerNumber = "customer_number"
        case firstName = "first_name"
        case lastName = "last_name"
        case contactAddress = "contact_address"
        case updatedAt = "updated_at"
        case lastSignIn = "last_sign_in"
    }
}

// MARK: - Sessions

/// `POST /v1/session` body.
public struct SessionRequest: Codable, Sendable, Hashable {
    public var email: String
    public var password: String

    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }
}

/// `POST /v1/session` answer (201). The token is opaque; the server keeps only its SHA-256.
public struct SessionGrant: Codable, Sendable, Hashable {
    public var token: String
    /// The hard end of the session (12 hours after sign-in).
    public var expiresAt: Timestamp
    /// Minutes of inactivity after which the session ends (30).
    public var idleTimeoutMinutes: Int

    public init(token: String, expiresAt: Timestamp, idleTimeoutMinutes: Int) {
        self.token = token
        self.expiresAt = expiresAt
        self.idleTimeoutMinutes = idleTimeoutMinutes
    }

    enum CodingKeys: String, CodingKey {
        case token
        case expiresAt = "expires_at"
        case idleTimeoutMinutes = "idle_timeout_minutes"
    }
}

// MARK: - Message preferences

/// A channel messages come through: `email`, `sms`, `phone`.
public struct MessageChannel: Codable, Sendable, Hashable {
    public var id: String
    public var label: LocalizedText

    public init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}

/// A kind of message. `required` topics (security and billing notices) cannot be refused;
/// `requiredReason` says why.
public struct MessageTopic: Codable, Sendable, Hashable {
    public var id: String
    public var label: LocalizedText
    public var description: LocalizedText
    public var required: Bool
    public var requiredReason: LocalizedText?

    public init(id: String, label: LocalizedText, description: LocalizedText, required: Bool,
                requiredReason: LocalizedText? = nil) {
        self.id = id
        self.label = label
        self.description = description
        self.required = required
        self.requiredReason = requiredReason
    }

    enum CodingKeys: String, CodingKey {
        case id, label, description, required
        case requiredReason = "required_reason"
    }
}

/// One cell of the topic × channel grid.
public struct MessagePreference: Codable, Sendable, Hashable {
    public var topic: String
    public var channel: String
    public var optedIn: Bool
    /// True for security and billing notices: always on.
    public var required: Bool
    /// For a refusal: from when it applies (at most 3 business days after it was made).
    public var effectiveFrom: Timestamp?

    public init(topic: String, channel: String, optedIn: Bool, required: Bool = false,
                effectiveFrom: Timestamp? = nil) {
        self.topic = topic
        self.channel = channel
        self.optedIn = optedIn
        self.required = required
        self.effectiveFrom = effectiveFrom
    }

    enum CodingKeys: String, CodingKey {
        case topic, channel, required
        case optedIn = "opted_in"
        case effectiveFrom = "effective_from"
    }
}

/// Where a preference change came from.
public enum ChangeSource: String, Codable, Sendable, CaseIterable, Hashable {
    /// The customer, in this terminal client (or another API client signed in as the customer).
    case terminal
    /// The reject link in a message.
    case link
    /// Support staff.
    case support
    /// The system (sign-up defaults, migrations).
    case system
}

/// One change in the history of message preferences.
public struct MessagePreferenceChange: Codable, Sendable, Hashable {
    public var at: Timestamp
    public var topic: String
    public var channel: String
    public var optedIn: Bool
    public var source: ChangeSource
    public var effectiveFrom: Timestamp?

    public init(at: Timestamp, topic: String, channel: String, optedIn: Bool, source: ChangeSource,
                effectiveFrom: Timestamp? = nil) {
        self.at = at
        self.topic = topic
        self.channel = channel
        self.optedIn = optedIn
        self.source = source
        self.effectiveFrom = effectiveFrom
    }

    enum CodingKeys: String, CodingKey {
        case at, topic, channel, source
        case optedIn = "opted_in"
        case effectiveFrom = "effective_from"
    }
}

/// `GET /v1/me/message-preferences`.
public struct MessagePreferences: Codable, Sendable, Hashable {
    public var topics: [MessageTopic]
    public var channels: [MessageChannel]
    /// One entry per topic × channel.
    public var preferences: [MessagePreference]
    /// Newest first.
    public var history: [MessagePreferenceChange]

    public init(topics: [MessageTopic], channels: [MessageChannel], preferences: [MessagePreference],
                history: [MessagePreferenceChange]) {
        self.topics = topics
        self.channels = channels
        self.preferences = preferences
        self.history = history
    }
}

/// One cell as the client sends it in `PUT /v1/me/message-preferences`.
public struct MessagePreferenceSetting: Codable, Sendable, Hashable {
    public var topic: String
    public var channel: String
    public var optedIn: Bool

    public init(topic: String, channel: String, optedIn: Bool) {
        self.topic = topic
        self.channel = channel
        self.optedIn = optedIn
    }

    enum CodingKeys: String, CodingKey {
        case topic, channel
        case optedIn = "opted_in"
    }
}

/// `PUT /v1/me/message-preferences` body: the cells to set (cells not named stay as they are).
public struct MessagePreferencesUpdate: Codable, Sendable, Hashable {
    public var preferences: [MessagePreferenceSetting]

    public init(preferences: [MessagePreferenceSetting]) {
        self.preferences = preferences
    }
}

// MARK: - My data

/// One stored value, labelled in both languages.
public struct DataField: Codable, Sendable, Hashable {
    public var label: LocalizedText
    public var value: String?

    public init(label: LocalizedText, value: String?) {
        self.label = label
        self.value = value
    }
}

/// A category of data stored about the customer, with why and for how long. Scalar categories
/// (identity, contact, addresses, billing) list their `fields`; list categories (change log, IP
/// log, support threads, sessions, message preferences) have their entries in the report's
/// typed lists and give their size in `count`.
public struct DataCategory: Codable, Sendable, Hashable {
    public var id: String
    public var title: LocalizedText
    public var purpose: LocalizedText
    public var retention: LocalizedText
    public var fields: [DataField]
    public var count: Int?

    public init(id: String, title: LocalizedText, purpose: LocalizedText, retention: LocalizedText,
                fields: [DataField] = [], count: Int? = nil) {
        self.id = id
        self.title = title
        self.purpose = purpose
        self.retention = retention
        self.fields = fields
        self.count = count
    }
}

/// Who made a change.
public enum ChangeActor: String, Codable, Sendable, CaseIterable, Hashable {
    case customer, support, system
}

/// One changed field in a change-log entry.
public struct FieldChange: Codable, Sendable, Hashable {
    /// The field's wire name, e.g. `phone`, `contact_address.postal_code`, `billing.vkn`.
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}

/// One entry of the append-only change log: who changed what, when, from where.
public struct ChangeLogEntry: Codable, Sendable, Hashable {
    public var at: Timestamp
    public var actor: ChangeActor
    /// `contact`, `billing`, `message_preferences`, `email`.
    public var resource: String
    public var changes: [FieldChange]
    public var ip: String?
    /// The client that made it, e.g. `haker-panel/0.1.0`.
    public var client: String?

    public init(at: Timestamp, actor: ChangeActor, resource: String, changes: [FieldChange], ip: String?,
                client: String?) {
        self.at = at
        self.actor = actor
        self.resource = resource
        self.changes = changes
        self.ip = ip
        self.client = client
    }
}

/// One entry of the IP log kept about the customer.
public struct IPLogEntry: Codable, Sendable, Hashable {
    public var at: Timestamp
    public var ip: String
    /// `sign_in`, `sign_in_failed`, `sign_out`, `update_contact`, `update_billing`,
    /// `update_message_preferences`, `export`, `unsubscribe`.
    public var action: String

    public init(at: Timestamp, ip: String, action: String) {
        self.at = at
        self.ip = ip
        self.action = action
    }
}

/// A support correspondence thread kept for as long as the service runs.
public struct SupportThread: Codable, Sendable, Hashable {
    public var subject: String
    public var openedAt: Timestamp
    /// `open`, `answered`, `closed`.
    public var status: String

    public init(subject: String, openedAt: Timestamp, status: String) {
        self.subject = subject
        self.openedAt = openedAt
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case subject, status
        case openedAt = "opened_at"
    }
}

/// A sign-in session (its token is never shown).
public struct SessionRecord: Codable, Sendable, Hashable {
    public var createdAt: Timestamp
    public var lastSeenAt: Timestamp
    public var ip: String?
    public var client: String?
    public var current: Bool

    public init(createdAt: Timestamp, lastSeenAt: Timestamp, ip: String?, client: String?, current: Bool) {
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.ip = ip
        self.client = client
        self.current = current
    }

    enum CodingKeys: String, CodingKey {
        case ip, client, current
        case createdAt = "created_at"
        case lastSeenAt = "last_seen_at"
    }
}

/// Something the company does *not* store about the customer, said in words.
public struct NotStoredItem: Codable, Sendable, Hashable {
    /// `card_data`, `anonymous_statistics`.
    public var id: String
    public var title: LocalizedText
    public var text: LocalizedText

    public init(id: String, title: LocalizedText, text: LocalizedText) {
        self.id = id
        self.title = title
        self.text = text
    }
}

/// `GET /v1/me/data` (and `/v1/me/data/export`): everything stored about the customer.
public struct DataReport: Codable, Sendable, Hashable {
    public var customerNumber: String
    public var generatedAt: Timestamp
    public var categories: [DataCategory]
    public var messagePreferences: MessagePreferences
    public var changeLog: [ChangeLogEntry]
    public var ipLog: [IPLogEntry]
    public var supportThreads: [SupportThread]
    public var sessions: [SessionRecord]
    public var notStored: [NotStoredItem]

    public init(customerNumber: String, generatedAt: Timestamp, categories: [DataCategory],
                messagePreferences: MessagePreferences, changeLog: [ChangeLogEntry], ipLog: [IPLogEntry],
                supportThreads: [SupportThread], sessions: [SessionRecord], notStored: [NotStoredItem]) {
        self.customerNumber = customerNumber
        self.generatedAt = generatedAt
        self.categories = categories
        self.messagePreferences = messagePreferences
        self.changeLog = changeLog
        self.ipLog = ipLog
        self.supportThreads = supportThreads
        self.sessions = sessions
        self.notStored = notStored
    }

    enum CodingKeys: String, CodingKey {
        case categories, sessions
        case customerNumber = "customer_number"
        case generatedAt = "generated_at"
        case messagePreferences = "message_preferences"
        case changeLog = "change_log"
        case ipLog = "ip_log"
        case supportThreads = "support_threads"
        case notStored = "not_stored"
    }
}

// MARK: - Policies

/// `privacy` or `cookies`.
public enum PolicyID: String, Codable, Sendable, CaseIterable, Hashable {
    case privacy, cookies
}

/// One entry of `GET /v1/policies`.
public struct PolicySummary: Codable, Sendable, Hashable {
    public var id: PolicyID
    public var title: LocalizedText
    public var version: String
    /// `YYYY-MM-DD`.
    public var effectiveDate: String

    public init(id: PolicyID, title: LocalizedText, version: String, effectiveDate: String) {
        self.id = id
        self.title = title
        self.version = version
        self.effectiveDate = effectiveDate
    }

    enum CodingKeys: String, CodingKey {
        case id, title, version
        case effectiveDate = "effective_date"
    }
}

/// `GET /v1/policies` answer.
public struct PolicyList: Codable, Sendable, Hashable {
    public var policies: [PolicySummary]

    public init(policies: [PolicySummary]) {
        self.policies = policies
    }
}

/// `GET /v1/policies/{id}?lang=tr|en`: one policy in one language, Markdown.
public struct PolicyDocument: Codable, Sendable, Hashable {
    public var id: PolicyID
    public var language: Language
    public var title: String
    public var version: String
    /// `YYYY-MM-DD`.
    public var effectiveDate: String
    public var body: String

    public init(id: PolicyID, language: Language, title: String, version: String, effectiveDate: String,
                body: String) {
        self.id = id
        self.language = language
        self.title = title
        self.version = version
        self.effectiveDate = effectiveDate
        self.body = body
    }

    enum CodingKeys: String, CodingKey {
        case id, title, version, body
        case language = "lang"
        case effectiveDate = "effective_date"
    }
}

// MARK: - Errors (RFC 9457 problem details)

/// One bad field in a 422.
public struct FieldError: Codable, Sendable, Hashable {
    /// The field's wire path: `phone`, `contact_address.postal_code`, `address.province`,
    /// `tckn`, `current_password`, `preferences.service_updates.sms`.
    public var field: String
    /// A stable code the client translates (see `FieldErrorCode`).
    public var code: String
    /// The server's English explanation, for logs and other clients.
    public var message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// `application/problem+json`. `code` is stable and translated by the client.
public struct Problem: Codable, Sendable, Hashable, Error {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var code: String
    public var errors: [FieldError]?
    /// For 429 and 503: seconds until a retry may succeed (also in `Retry-After`).
    public var retryAfter: Int?

    public init(type: String = "about:blank", title: String, status: Int, detail: String? = nil, code: String,
                errors: [FieldError]? = nil, retryAfter: Int? = nil) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.code = code
        self.errors = errors
        self.retryAfter = retryAfter
    }

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, errors
        case retryAfter = "retry_after"
    }
}

/// The extra members of a 412 problem: the resource as the server has it now, and its ETag.
public struct ConflictCurrent<Resource: Codable & Sendable>: Codable, Sendable {
    public var current: Resource
    public var etag: String

    public init(current: Resource, etag: String) {
        self.current = current
        self.etag = etag
    }
}

/// The stable problem codes of the API.
public enum ProblemCode {
    public static let badRequest = "bad_request"
    public static let invalidCredentials = "invalid_credentials"
    public static let unauthorized = "unauthorized"
    public static let sessionExpired = "session_expired"
    public static let tooManyAttempts = "too_many_attempts"
    public static let notFound = "not_found"
    public static let gone = "gone"
    public static let methodNotAllowed = "method_not_allowed"
    public static let preconditionRequired = "precondition_required"
    public static let preconditionFailed = "precondition_failed"
    public static let validationFailed = "validation_failed"
    public static let payloadTooLarge = "payload_too_large"
    public static let unsupportedMediaType = "unsupported_media_type"
    public static let internalError = "internal_error"
    public static let serviceUnavailable = "service_unavailable"
}

/// The stable field-error codes of a 422.
public enum FieldErrorCode {
    public static let required = "required"
    public static let tooLong = "too_long"
    public static let controlCharacters = "control_characters"
    public static let invalidEmail = "invalid_email"
    public static let invalidPhone = "invalid_phone"
    public static let invalidPostalCode = "invalid_postal_code"
    public static let postalCodeProvinceMismatch = "postal_code_province_mismatch"
    public static let unknownProvince = "unknown_province"
    public static let invalidCountry = "invalid_country"
    public static let invalidTCKN = "invalid_tckn"
    public static let invalidVKN = "invalid_vkn"
    public static let notAllowed = "not_allowed"
    public static let notEditable = "not_editable"
    public static let incorrectPassword = "incorrect_password"
    public static let emailTaken = "email_taken"
    public static let requiredTopic = "required_topic"
    public static let unknownTopic = "unknown_topic"
    public static let unknownChannel = "unknown_channel"
}
