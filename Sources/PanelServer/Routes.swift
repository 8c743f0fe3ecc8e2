import Foundation
import HTTPTypes
import Hummingbird
import PanelModels

// MARK: - Sessions

struct SessionRoutes: Sendable {
    let server: PanelServer

    /// `POST /v1/session`. A wrong e-mail and a wrong password answer the same 401 after the same
    /// single bcrypt verification; 5 failures for the account or the IP within 15 minutes → 429.
    @Sendable func signIn(_ request: Request, context: PanelRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(
            SessionRequest.self, from: request, limit: server.configuration.maxBodyBytes)
        let config = server.configuration
        let email = EmailAddress.normalized(body.email)
        let ip = context.clientIP ?? "unknown"
        let now = server.now
        let customer = try server.store.customer(email: email)
        if let wait = try server.store.signInLockout(
            email: email, ip: ip, now: now, limit: config.signInFailureLimit,
            window: config.signInWindowSeconds)
        {
            if let customer {
                try await server.store.logIP(customerID: customer.id, ip: ip, action: "sign_in_failed", now: now)
            }
            throw APIProblem.tooManyAttempts(retryAfter: wait)
        }
        let verified = await server.verifyPassword(
            body.password,
            hash: customer?.passwordHash ?? unknownAccountPasswordHash)
        guard let customer, verified else {
            try await server.store.recordSignInAttempt(
                email: email, ip: ip, succeeded: false, customerID: customer?.id,
                now: now)
            throw APIProblem(.unauthorized, ProblemCode.invalidCredentials, "The e-mail or the password is wrong.")
        }
        try await server.store.recordSignInAttempt(email: email, ip: ip, succeeded: true, customerID: customer.id, now: now)
        let grant = try await server.store.createSession(
            customerID: customer.id, audit: server.audit(context, request),
            now: now, lifetime: config.absoluteLifetimeSeconds,
            idleMinutes: config.idleTimeoutMinutes)
        return try JSONBody.response(grant, status: .created)
    }

    /// `DELETE /v1/session`: revokes the session the request carries.
    @Sendable func signOut(_ request: Request, context: PanelRequestContext) async throws -> Response {
        let session = try context.requireSession()
        try await server.store.revokeSession(
            id: session.sessionID, customerID: session.customerID, ip: context.clientIP,
            now: server.now)
        return Response(status: .noContent)
    }
}

// MARK: - The customer's own resources

struct ProfileRoutes: Sendable {
    let server: PanelServer
    private var store: PanelStore { server.store }
    private var limit: Int { server.configuration.maxBodyBytes }

    /// `GET /v1/me`, not behind the authenticator middleware: it authenticates itself, reading the
    /// session and the overview in one SELECT (the app's most frequent request).
    @Sendable func overview(_ request: Request, context: PanelRequestContext) async throws -> Response {
        guard let overview = try await server.authenticator.authenticate(request, lookUp: PanelStore.sessionOverview)
        else { throw APIProblem.unauthorized }
        return try JSONBody.response(overview)
    }

    @Sendable func contact(_ request: Request, context: PanelRequestContext) async throws -> Response {
        try tagged(try store.contact(customerID: try context.requireSession().customerID))
    }

    @Sendable func billing(_ request: Request, context: PanelRequestContext) async throws -> Response {
        try tagged(try store.billing(customerID: try context.requireSession().customerID))
    }

    @Sendable func preferences(_ request: Request, context: PanelRequestContext) async throws -> Response {
        try tagged(try store.preferences(customerID: try context.requireSession().customerID))
    }

    /// `PUT /v1/me/contact`: 428 without If-Match, 422 per bad field (a new e-mail needs the
    /// current password), 412 when stale, else 200 with the stored, normalised details.
    @Sendable func replaceContact(_ request: Request, context: PanelRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let ifMatch = try Self.requireIfMatch(request)
        let input = try await JSONBody.decode(ContactDetails.self, from: request, limit: limit)
        var errors = ContactValidation.validate(input)
        let new = ContactValidation.normalized(input)
        let current = try store.contact(customerID: session.customerID).value
        if errors.isEmpty, new.email != EmailAddress.normalized(current.email) {
            if let password = input.currentPassword, !password.isEmpty, password.count <= FieldLimits.password {
                if !(try await verifyCurrentPassword(password, session: session, context: context)) {
                    errors.append(
                        FieldError(
                            field: "current_password", code: FieldErrorCode.incorrectPassword,
                            message: "the current password is wrong"))
                }
            } else {
                errors.append(
                    FieldError(
                        field: "current_password", code: FieldErrorCode.required,
                        message: "changing the e-mail needs the current password"))
            }
        }
        guard errors.isEmpty else { throw APIProblem.validation(errors) }
        return try tagged(
            try await store.replaceContact(
                customerID: session.customerID, ifMatch: ifMatch, with: new,
                audit: server.audit(context, request), now: server.now))
    }

    /// The current password, checked under the sign-in's rules: a wrong one counts as a failed
    /// sign-in of the account, and 5 failures lock both (429), so a stolen session cannot be used to
    /// guess the password at bcrypt's pace without limit.
    private func verifyCurrentPassword(
        _ password: String, session: AuthenticatedSession, context: PanelRequestContext
    ) async throws -> Bool {
        let config = server.configuration
        guard let customer = try store.customer(id: session.customerID) else { throw APIProblem.unauthorized }
        let email = EmailAddress.normalized(customer.email)
        let ip = context.clientIP ?? "unknown"
        if let wait = try store.signInLockout(
            email: email, ip: ip, now: server.now, limit: config.signInFailureLimit,
            window: config.signInWindowSeconds)
        {
            throw APIProblem.tooManyAttempts(retryAfter: wait)
        }
        let verified = await server.verifyPassword(password, hash: customer.passwordHash)
        if !verified {
            try await store.recordSignInAttempt(
                email: email, ip: ip, succeeded: false, customerID: customer.id, now: server.now)
        }
        return verified
    }

    /// `PUT /v1/me/billing`: as the contact details, without the password rule.
    @Sendable func replaceBilling(_ request: Request, context: PanelRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let ifMatch = try Self.requireIfMatch(request)
        let input = try await JSONBody.decode(BillingProfile.self, from: request, limit: limit)
        let errors = BillingValidation.validate(input)
        guard errors.isEmpty else { throw APIProblem.validation(errors) }
        return try tagged(
            try await store.replaceBilling(
                customerID: session.customerID, ifMatch: ifMatch,
                with: BillingValidation.normalized(input),
                audit: server.audit(context, request), now: server.now))
    }

    /// `PUT /v1/me/message-preferences`: sets the named cells; unknown topics or channels and
    /// refusing a required topic are 422s at `preferences.<topic>.<channel>`.
    @Sendable func updatePreferences(_ request: Request, context: PanelRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let ifMatch = try Self.requireIfMatch(request)
        let input = try await JSONBody.decode(MessagePreferencesUpdate.self, from: request, limit: limit)
        var errors: [FieldError] = []
        for setting in input.preferences {
            let field = "preferences.\(setting.topic).\(setting.channel)"
            guard errors.allSatisfy({ $0.field != field }) else { continue }
            if let topic = MessageCatalog.topic(setting.topic) {
                if !MessageCatalog.isChannel(setting.channel) {
                    errors.append(
                        FieldError(
                            field: field, code: FieldErrorCode.unknownChannel,
                            message: "channels are email, sms and phone"))
                } else if topic.required && !setting.optedIn {
                    errors.append(
                        FieldError(
                            field: field, code: FieldErrorCode.requiredTopic,
                            message: "\(topic.label.en) cannot be turned off"))
                }
            } else {
                errors.append(FieldError(field: field, code: FieldErrorCode.unknownTopic, message: "no such topic"))
            }
        }
        guard errors.isEmpty else { throw APIProblem.validation(errors) }
        return try tagged(
            try await store.updatePreferences(
                customerID: session.customerID, ifMatch: ifMatch,
                settings: input.preferences,
                audit: server.audit(context, request), now: server.now))
    }

    @Sendable func data(_ request: Request, context: PanelRequestContext) async throws -> Response {
        try JSONBody.response(try store.dataReport(session: try context.requireSession(), now: server.now))
    }

    /// `GET /v1/me/data/export`: the same report as a file to keep.
    @Sendable func export(_ request: Request, context: PanelRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let report = try store.dataReport(session: session, now: server.now)
        try await store.logIP(customerID: session.customerID, ip: context.clientIP, action: "export", now: server.now)
        let name = "haker-panel-data-\(report.customerNumber.filter { $0.isLetter || $0.isNumber || $0 == "-" }).json"
        return try JSONBody.response(report, headers: [.contentDisposition: "attachment; filename=\"\(name)\""])
    }

    // MARK: Helpers

    private func tagged<R: Encodable>(_ resource: Tagged<R>) throws -> Response {
        try JSONBody.response(resource.value, headers: [.eTag: resource.etag])
    }

    static func requireIfMatch(_ request: Request) throws -> String {
        guard let value = request.headers[.ifMatch], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIProblem.preconditionRequired
        }
        return value
    }
}

// MARK: - Policies

struct PolicyRoutes: Sendable {
    let policies: PolicyLibrary

    @Sendable func list(_ request: Request, context: PanelRequestContext) async throws -> Response {
        try JSONBody.response(PolicyList(policies: policies.summaries))
    }

    /// `GET /v1/policies/{id}?lang=tr|en` (Turkish when `lang` is absent).
    @Sendable func show(_ request: Request, context: PanelRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(PolicyID.init(rawValue:)) else { throw APIProblem.notFound }
        let lang = request.uri.queryParameters.get("lang") ?? "tr"
        guard let language = Language(rawValue: lang) else {
            throw APIProblem.badRequest("lang is tr or en.")
        }
        return try JSONBody.response(policies.document(id, language))
    }
}
