import PanelModels

// What the customer reads when a call fails, in Turkish and English. The client says things in
// its own words, chosen by error kind or problem `code`; the server's `title` and `detail` are
// English for logs and other clients, and are never shown here.

// MARK: - Transport

extension TransportError {
    /// A sentence for the customer, in `language`.
    public func message(in language: Language) -> String {
        let tr = language == .tr
        switch self {
        case .invalidURL(let url):
            return tr ? "Sunucu adresi geçersiz: \(url). Adres https://panel.example.com biçiminde olmalı."
                : "The server address is not valid: \(url). It should look like https://panel.example.com."
        case .insecureURL(let host):
            return tr ? "\(host) adresine şifresiz http ile bağlanılmadı. https:// ile başlayan bir adres kullanın "
                + "(şifresiz http yalnızca bu bilgisayardaki sunucuya izinli)."
                : "Refused to connect to \(host) over plain http, which is not encrypted. Use an https:// address "
                + "(plain http is allowed only to a server on this computer)."
        case .invalidHeader(let name):
            return tr ? "İstek gönderilmedi: \(name) başlığında geçersiz karakterler var."
                : "The request was not sent: the \(name) header contains invalid characters."
        case .dnsFailure(let host):
            return tr ? "\(host) sunucusu bulunamadı. Adresi ve internet bağlantınızı denetleyin."
                : "The server \(host) could not be found. Check the address and your internet connection."
        case .connectionRefused(let host):
            return tr ? "\(host) sunucusuna bağlanılamadı: bağlantı reddedildi. Sunucu çalışıyor mu?"
                : "Could not connect to \(host): the connection was refused. Is the server running?"
        case .unreachable(let host):
            return tr ? "\(host) sunucusuna ulaşılamadı. Ağ bağlantınızı denetleyip yeniden deneyin."
                : "The server \(host) could not be reached. Check your network connection and try again."
        case .proxyFailure:
            return tr ? "Vekil sunucu (proxy) üzerinden bağlanılamadı. https_proxy ve no_proxy ayarlarını denetleyin."
                : "Could not connect through the proxy. Check the https_proxy and no_proxy settings."
        case .untrustedCertificate(let host, _):
            return tr ? "\(host) sunucusunun kimliği doğrulanamadı: sertifikasına güvenilmiyor. "
                + "Bilgilerinizi korumak için bağlantı kurulmadı."
                : "The identity of \(host) could not be verified: its certificate is not trusted. "
                + "The connection was not made, to keep your data safe."
        case .tlsFailure(let host, _):
            return tr ? "\(host) ile güvenli bağlantı kurulamadı. Biraz sonra yeniden deneyin."
                : "A secure connection to \(host) could not be set up. Try again in a moment."
        case .connectTimeout(let host):
            return tr ? "\(host) sunucusuna zamanında bağlanılamadı. Sunucu ya da ağ çalışmıyor olabilir; "
                + "biraz sonra yeniden deneyin."
                : "Could not connect to \(host) in time. The server or the network may be down; try again later."
        case .timeout:
            return tr ? "Sunucu zamanında yanıt vermedi. Biraz sonra yeniden deneyin."
                : "The server did not answer in time. Try again in a moment."
        case .tooLarge(let limit):
            return tr ? "Sunucunun yanıtı çok büyük (\(Self.size(limit)) sınırını aşıyor); okunmadı."
                : "The server's answer was too large (over \(Self.size(limit))); it was not read."
        case .connectionLost:
            return tr ? "Yanıt tamamlanmadan sunucuyla bağlantı koptu. Yeniden deneyin."
                : "The connection to the server broke before the answer was complete. Try again."
        case .notHTTP(let host):
            return tr ? "\(host) HTTP ile yanıt vermedi. Adresi ve bağlantı noktasını (port) denetleyin."
                : "\(host) did not answer in HTTP. Check the address and the port."
        case .other(let code, let detail):
            return tr ? "Bağlantı kurulamadı (curl hatası \(code): \(detail))."
                : "The connection failed (curl error \(code): \(detail))."
        }
    }

    /// `4 MiB`, `512 KiB`, `900 bytes`.
    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

// MARK: - API

extension APIFailure {
    /// A sentence for the customer, in `language`. For a 422 it is the summary; each field's own
    /// message belongs beside the field (by its `code`).
    public func message(in language: Language) -> String {
        switch self {
        case .transport(let error): error.message(in: language)
        case .malformed(let reply): reply.message(in: language)
        case .problem(let problem): Self.message(for: problem, in: language)
        }
    }

    private static func message(for problem: Problem, in language: Language) -> String {
        let tr = language == .tr
        let later = retryText(problem.retryAfter, in: language)
        switch problem.code {
        case ProblemCode.invalidCredentials:
            return tr ? "E-posta adresi ya da parola yanlış." : "The e-mail address or the password is wrong."
        case ProblemCode.sessionExpired:
            return tr ? "Oturumunuzun süresi doldu. Devam etmek için parolanızı yeniden girin."
                : "Your session has expired. Enter your password again to continue."
        case ProblemCode.unauthorized:
            return tr ? "Oturum açmanız gerekiyor." : "You need to sign in."
        case ProblemCode.tooManyAttempts:
            return tr ? "Çok fazla deneme yapıldı. \(later)" : "Too many attempts. \(later)"
        case ProblemCode.notFound:
            return tr ? "İstenen kayıt bulunamadı." : "What was asked for was not found."
        case ProblemCode.gone:
            return tr ? "Bu kayıt artık yok." : "This is no longer available."
        case ProblemCode.preconditionRequired:
            return tr ? "Kayıt, güncel hâli okunmadan değiştirilemez. Yenileyip yeniden deneyin."
                : "The record cannot be changed without reading it first. Reload and try again."
        case ProblemCode.preconditionFailed:
            return tr ? "Bu kayıt siz düzenlerken başka biri tarafından değiştirildi."
                : "Someone else changed this record while you were editing it."
        case ProblemCode.validationFailed:
            return tr ? "Bazı alanlar geçersiz. İşaretli alanları düzeltin."
                : "Some fields are not valid. Correct the marked fields."
        case ProblemCode.payloadTooLarge:
            return tr ? "Gönderilen bilgiler çok uzun." : "What was sent is too long."
        case ProblemCode.badRequest, ProblemCode.methodNotAllowed, ProblemCode.unsupportedMediaType:
            return tr ? "Sunucu isteği anlayamadı. Uygulamanın güncellenmesi gerekebilir."
                : "The server could not understand the request. The app may need an update."
        case ProblemCode.serviceUnavailable:
            return tr ? "Sunucu şu anda hizmet veremiyor. \(later)" : "The server is not available right now. \(later)"
        case ProblemCode.internalError:
            return tr ? "Sunucuda bir hata oluştu. \(later)" : "Something went wrong on the server. \(later)"
        default:
            return messageForStatus(problem.status, later: later, in: language)
        }
    }

    /// For a code this client does not know: say what the status means.
    private static func messageForStatus(_ status: Int, later: String, in language: Language) -> String {
        let tr = language == .tr
        switch status {
        case 401: return tr ? "Oturum açmanız gerekiyor." : "You need to sign in."
        case 403: return tr ? "Bu işlem için yetkiniz yok." : "You are not allowed to do this."
        case 404, 410: return tr ? "İstenen kayıt bulunamadı." : "What was asked for was not found."
        case 409, 412: return tr ? "Bu kayıt siz düzenlerken başka biri tarafından değiştirildi."
            : "Someone else changed this record while you were editing it."
        case 429: return tr ? "Çok fazla istek yapıldı. \(later)" : "Too many requests. \(later)"
        case 500..<600: return tr ? "Sunucuda bir sorun var (HTTP \(status)). \(later)"
            : "The server has a problem (HTTP \(status)). \(later)"
        default: return tr ? "Sunucu isteği kabul etmedi (HTTP \(status))."
            : "The server did not accept the request (HTTP \(status))."
        }
    }

    /// `5 dakika sonra yeniden deneyin.` / `Try again in 5 minutes.`; without a time, "in a moment".
    static func retryText(_ seconds: Int?, in language: Language) -> String {
        let tr = language == .tr
        guard let seconds, seconds > 0 else {
            return tr ? "Biraz sonra yeniden deneyin." : "Try again in a moment."
        }
        if seconds < 60 {
            return tr ? "\(seconds) saniye sonra yeniden deneyin."
                : "Try again in \(seconds) second\(seconds == 1 ? "" : "s")."
        }
        let minutes = (seconds + 59) / 60
        return tr ? "\(minutes) dakika sonra yeniden deneyin."
            : "Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
    }
}

extension MalformedReply {
    /// A sentence for the customer, in `language`.
    public func message(in language: Language) -> String {
        let tr = language == .tr
        switch reason {
        case .notJSON where status >= 500:
            return tr ? "Sunucudan beklenmeyen bir yanıt geldi (HTTP \(status)). Aradaki bir ağ geçidi ya da vekil "
                + "sunucu sorunlu olabilir; biraz sonra yeniden deneyin."
                : "The server sent an unexpected answer (HTTP \(status)). A gateway or proxy on the way may be "
                + "failing; try again in a moment."
        case .notJSON, .unexpectedShape:
            return tr ? "Sunucunun yanıtı okunamadı (HTTP \(status), beklenen biçimde değil). Sunucu bu uygulamanın "
                + "sürümüyle uyumsuz olabilir."
                : "The server's answer could not be read (HTTP \(status), not in the expected form). The server "
                + "may not match this version of the app."
        case .unexpectedStatus:
            return tr ? "Sunucu beklenmeyen bir durum kodu döndü (HTTP \(status))."
                : "The server answered with an unexpected status (HTTP \(status))."
        }
    }
}
