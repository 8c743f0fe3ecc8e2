import Foundation
import HTTPTypes
import Hummingbird
import PanelModels

// MARK: - The reject link in every message

/// `GET /v1/unsubscribe/{token}` shows what the link would refuse and changes nothing (mail
/// scanners fetch links); `POST` refuses (the page's button, or RFC 8058 one-click from the mail
/// provider). No sign-in: the token is the authority, and it works once. Browsers (`Accept:
/// text/html`) get pages, other clients JSON.
struct RejectLinkRoutes: Sendable {
    let server: PanelServer

    @Sendable func confirm(_ request: Request, context: PanelRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let link = try find(token, request)
        if link.used { throw problemPage(.gone, request) }
        guard Self.wantsHTML(request) else {
            // The cell as it is now: the link has changed nothing yet.
            let cells = try server.store.preferences(customerID: link.customerID).value.preferences
            let cell = cells.first { $0.topic == link.topic && $0.channel == link.channel }
            return try JSONBody.response(
                cell ?? MessagePreference(topic: link.topic, channel: link.channel, optedIn: true))
        }
        let (topic, channel) = labels(link.topic, link.channel)
        let body = """
            <p lang="tr">Bu bağlantı, <strong>\(topic.tr)</strong> iletilerini <strong>\(channel.tr)</strong> ile \
            almayı reddetmenizi sağlar. Henüz hiçbir şey değişmedi.</p>
            <p lang="en">This link refuses <strong>\(topic.en)</strong> by <strong>\(channel.en)</strong>. \
            Nothing has changed yet.</p>
            <form method="post"><button type="submit">Reddet / Refuse</button></form>
            """
        return Self.page(.ok, title: "Ret / Refuse", body: body)
    }

    @Sendable func refuse(_ request: Request, context: PanelRequestContext) async throws -> Response {
        let token = context.parameters.get("token") ?? ""
        let link = try find(token, request)
        guard !link.used, let cell = try await server.store.useRejectLink(token: token, ip: context.clientIP, now: server.now)
        else { throw problemPage(.gone, request) }
        guard Self.wantsHTML(request) else { return try JSONBody.response(cell) }
        let (topic, channel) = labels(link.topic, link.channel)
        let from = cell.effectiveFrom ?? server.now
        let body = """
            <p lang="tr"><strong>\(topic.tr)</strong> iletilerini <strong>\(channel.tr)</strong> ile almayı \
            reddettiniz. Reddiniz \(from.turkeyDate) tarihinden itibaren geçerlidir.</p>
            <p lang="en">You refused <strong>\(topic.en)</strong> by <strong>\(channel.en)</strong>, \
            from \(from.turkeyDate) on.</p>
            """
        return Self.page(.ok, title: "Reddedildi / Refused", body: body)
    }

    // MARK: Helpers

    private func find(_ token: String, _ request: Request) throws -> PanelStore.RejectLink {
        // Tokens are 43 base64url characters; anything else cannot be one.
        guard token.count == 43,
            token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }),
            let link = try server.store.rejectLink(token: token)
        else { throw problemPage(.notFound, request) }
        return link
    }

    /// The topic and channel labels, HTML-escaped.
    private func labels(_ topic: String, _ channel: String) -> (LocalizedText, LocalizedText) {
        let t = MessageCatalog.topic(topic)?.label ?? LocalizedText(tr: topic, en: topic)
        let c = MessageCatalog.channels.first { $0.id == channel }?.label ?? LocalizedText(tr: channel, en: channel)
        return (
            LocalizedText(tr: Self.escape(t.tr), en: Self.escape(t.en)),
            LocalizedText(tr: Self.escape(c.tr), en: Self.escape(c.en))
        )
    }

    private func problemPage(_ status: HTTPResponse.Status, _ request: Request) -> any Error {
        let gone = status == .gone
        guard Self.wantsHTML(request) else {
            return gone ? APIProblem(.gone, ProblemCode.gone, "This link has already been used.") : APIProblem.notFound
        }
        let body =
            gone
            ? "<p lang=\"tr\">Bu bağlantı daha önce kullanıldı.</p>"
                + "<p lang=\"en\">This link has already been used.</p>"
            : "<p lang=\"tr\">Bu bağlantı geçerli değil.</p><p lang=\"en\">This link is not valid.</p>"
        return HTMLPage(
            response: Self.page(
                status, title: gone ? "Kullanıldı / Used" : "Bulunamadı / Not found",
                body: body))
    }

    static func wantsHTML(_ request: Request) -> Bool {
        request.headers[.accept]?.lowercased().contains("text/html") ?? false
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func page(_ status: HTTPResponse.Status, title: String, body: String) -> Response {
        let html = """
            <!doctype html>
            <html lang="tr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>Haker — \(title)</title></head>
            <body style="font-family:sans-serif;max-width:36em;margin:2em auto">
            <h1>Haker</h1>
            \(body)
            </body></html>
            """
        return Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                // The token is in the URL: keep it out of Referer headers and frames.
                .referrerPolicy: "no-referrer", .xFrameOptions: "DENY",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// An HTML error page for a browser, thrown like a problem.
struct HTMLPage: Error, HTTPResponseError {
    let response: Response
    var status: HTTPResponse.Status { response.status }

    func response(from request: Request, context: some RequestContext) throws -> Response { response }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
