import PanelModels

/// The client's words, in Turkish and English side by side so that neither can be forgotten.
/// Screens add their own texts in extensions (`Strings+Contact.swift`…); the shell's and the
/// shared ones are here. Server texts arrive already in both languages (`LocalizedText`).
public struct Strings: Sendable {
    public let language: Language

    public init(_ language: Language) {
        self.language = language
    }

    /// Turkish or English.
    @inline(__always)
    public func pick(_ tr: String, _ en: String) -> String {
        language == .tr ? tr : en
    }

    // MARK: - Frame

    public var productName: String { "Haker Panel" }
    public var languageCode: String { pick("TR", "EN") }
    public var demoBadge: String { "DEMO" }
    public func tooSmall(_ size: String) -> String {
        pick("Pencereyi en az 80x24 yapın (şu an \(size)).", "Make the window at least 80x24 (now \(size)).")
    }

    // MARK: - Common keys

    public var help: String { pick("Yardım", "Help") }
    public var helpHelp: String { pick("Bu ekranın tuşları (F1 ya da ?)", "The keys of this screen (F1 or ?)") }
    public var quit: String { pick("Çık", "Quit") }
    public var quitHelp: String { pick("Panelden çık (her yerden; Ctrl-C de olur)", "Leave the panel (from anywhere; Ctrl-C too)") }
    public var quitHomeHelp: String { pick("Panelden çık (F10 ya da q; Ctrl-C de olur)", "Leave the panel (F10 or q; Ctrl-C too)") }
    public var back: String { pick("Geri", "Back") }
    public var backHelp: String { pick("Ana sayfaya dön (q da olur)", "Back to Home (q too)") }
    public var otherLanguage: String { pick("English", "Türkçe") }
    public var languageHelp: String { pick("Dili değiştir: English (F3 ya da l)", "Switch the language to Türkçe (F3 or l)") }
    public var save: String { pick("Kaydet", "Save") }
    public var saveHelp: String { pick("Değişiklikleri gözden geçirip kaydet (F2 ya da Ctrl-S)", "Review and save the changes (F2 or Ctrl-S)") }
    public var nextField: String { pick("Sonraki alan", "Next field") }
    public var fieldsHelp: String { pick("Alanlar arasında gez (Tab/Shift-Tab, ↓/↑)", "Move between fields (Tab/Shift-Tab, ↓/↑)") }
    public var select: String { pick("Seç", "Select") }
    public var open: String { pick("Aç", "Open") }
    public var toggle: String { pick("Değiştir", "Toggle") }
    public var closeHelp: String { pick("Kapatmak için bir tuşa basın", "Press any key to close") }
    public var cancelRequest: String { pick("Esc: iptal", "Esc: cancel") }

    // MARK: - Common words

    public var ok: String { pick("Tamam", "OK") }
    public var yes: String { pick("Evet", "Yes") }
    public var no: String { pick("Hayır", "No") }
    public var cancel: String { pick("Vazgeç", "Cancel") }
    public var retry: String { pick("Yeniden dene", "Retry") }
    public var loading: String { pick("Yükleniyor…", "Loading…") }
    public var saving: String { pick("Kaydediliyor…", "Saving…") }
    public var saved: String { pick("Kaydedildi.", "Saved.") }
    public var none: String { pick("yok", "none") }
    public var notGiven: String { pick("(boş)", "(empty)") }
    public var error: String { pick("Hata", "Error") }

    // MARK: - Leaving and quitting

    public var unsavedTitle: String { pick("Kaydedilmemiş değişiklikler", "Unsaved changes") }
    public var unsavedLeave: String {
        pick("Yazdıklarınız kaydedilmedi. Yine de çıkılsın mı?", "What you typed has not been saved. Leave anyway?")
    }
    public var discard: String { pick("Değişiklikleri at", "Discard changes") }
    public var stay: String { pick("Kal", "Stay") }
    public var quitTitle: String { pick("Çıkış", "Quit") }

    // MARK: - Session

    public var sessionExpiredTitle: String { pick("Oturum sona erdi", "Session ended") }
    public var sessionExpired: String {
        pick("Oturumunuzun süresi doldu. Kaldığınız yerden devam etmek için parolanızı girin; yazdıklarınız duruyor.",
             "Your session has ended. Enter your password to carry on where you were; what you typed is kept.")
    }
    public var password: String { pick("Parola", "Password") }
    public var email: String { pick("E-posta", "E-mail") }
    public var signedOut: String { pick("Oturum kapatıldı.", "Signed out.") }
    public var idleEnded: String {
        pick("Uzun süre işlem yapılmadığı için oturum kapatıldı. Görüşmek üzere!",
             "The session was closed after a long time without activity. See you soon!")
    }

    // MARK: - Errors

    /// A field error's message beside its field, by `code` (the server's English `message` is
    /// never shown).
    public func fieldError(_ code: String) -> String {
        switch code {
        case FieldErrorCode.required: pick("Zorunlu alan", "Required")
        case FieldErrorCode.tooLong: pick("Çok uzun", "Too long")
        case FieldErrorCode.controlCharacters: pick("Denetim karakteri içeremez", "No control characters")
        case FieldErrorCode.invalidEmail: pick("Geçerli bir e-posta değil", "Not a valid e-mail address")
        case FieldErrorCode.invalidPhone: pick("Geçerli bir telefon değil (0532 123 45 67)", "Not a valid phone (+90 532 123 45 67)")
        case FieldErrorCode.invalidPostalCode: pick("Posta kodu 5 rakam olmalı", "The postcode must be 5 digits")
        case FieldErrorCode.postalCodeProvinceMismatch: pick("Posta kodu bu ile ait değil", "Postcode not of this province")
        case FieldErrorCode.unknownProvince: pick("81 ilden biri olmalı", "Must be one of the 81 provinces")
        case FieldErrorCode.invalidCountry: pick("İki harfli ülke kodu (TR)", "Two-letter country code (TR)")
        case FieldErrorCode.invalidTCKN: pick("Geçerli bir TC Kimlik No değil", "Not a valid TC Kimlik No")
        case FieldErrorCode.invalidVKN: pick("Geçerli bir vergi kimlik no değil", "Not a valid tax number (VKN)")
        case FieldErrorCode.notAllowed: pick("Bu türde kullanılmaz", "Not used for this type")
        case FieldErrorCode.notEditable: pick("Değiştirilemez", "Cannot be changed")
        case FieldErrorCode.incorrectPassword: pick("Parola yanlış", "Wrong password")
        case FieldErrorCode.emailTaken: pick("Bu e-posta başka bir hesapta", "E-mail used by another account")
        case FieldErrorCode.requiredTopic: pick("Zorunlu bildirim, kapatılamaz", "Required notice, cannot be refused")
        case FieldErrorCode.unknownTopic, FieldErrorCode.unknownChannel: pick("Bilinmeyen seçenek", "Unknown option")
        default: pick("Geçersiz değer", "Invalid value")
        }
    }

    // MARK: - Field labels (shared by the forms and My data)

    public var firstName: String { pick("Ad", "First name") }
    public var lastName: String { pick("Soyad", "Last name") }
    public var customerNumber: String { pick("Müşteri no", "Customer no.") }
    public var phone: String { pick("Telefon", "Phone") }
    public var fax: String { pick("Faks", "Fax") }
    public var addressLine1: String { pick("Adres satırı 1", "Address line 1") }
    public var addressLine2: String { pick("Adres satırı 2", "Address line 2") }
    public var district: String { pick("İlçe", "District") }
    public var province: String { pick("İl", "Province") }
    public var postalCode: String { pick("Posta kodu", "Postcode") }
    public var country: String { pick("Ülke", "Country") }
    public var currentPassword: String { pick("Mevcut parola", "Current password") }
}
