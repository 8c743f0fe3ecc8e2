#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PanelClient
import PanelModels

// What screens ask the shell to do (`Effect`), the API calls they may make (`APICall`), and what
// comes back to them (`Incoming`). Screens never touch curl or the disk: they return effects, and
// the shell runs them and hands the outcome back as an `Incoming` value. Reducer tests assert on
// these values.

// MARK: - API calls

/// One call of the panel API, as a value: a screen returns it in `.call(…)`; the shell starts it,
/// keeps it while it is in flight (to cancel it, or to repeat it after the customer signs in
/// again), and hands the outcome back with the call it answers.
public enum APICall: Hashable, Sendable, CustomStringConvertible {
    case signIn(email: String, password: String)
    case signOut
    case overview
    case contact
    case saveContact(ContactDetails, etag: String)
    case billing
    case saveBilling(BillingProfile, etag: String)
    case messagePreferences
    case saveMessagePreferences(MessagePreferencesUpdate, etag: String)
    case dataReport
    case dataExport
    case policy(PolicyID, Language)

    /// True for calls that change something (the status line says "saving", not "loading").
    public var isSave: Bool {
        switch self {
        case .saveContact, .saveBilling, .saveMessagePreferences: true
        default: false
        }
    }

    /// Never the password, nor a form's content: only which call it is.
    public var description: String {
        switch self {
        case .signIn: "signIn"
        case .signOut: "signOut"
        case .overview: "overview"
        case .contact: "contact"
        case .saveContact: "saveContact"
        case .billing: "billing"
        case .saveBilling: "saveBilling"
        case .messagePreferences: "messagePreferences"
        case .saveMessagePreferences: "saveMessagePreferences"
        case .dataReport: "dataReport"
        case .dataExport: "dataExport"
        case .policy(let id, let language): "policy(\(id.rawValue), \(language.rawValue))"
        }
    }
}

/// The outcome of an `APICall`, typed by what the call answers.
public enum APIReply: Sendable {
    case signIn(APIResult<SignedInSession>)
    case signOut(APIResult<NoContent>)
    case overview(APIResult<Overview>)
    /// `contact` and `saveContact`.
    case contact(APIResult<ContactDetails>)
    /// `billing` and `saveBilling`.
    case billing(APIResult<BillingProfile>)
    /// `messagePreferences` and `saveMessagePreferences`.
    case messagePreferences(APIResult<MessagePreferences>)
    case dataReport(APIResult<DataReport>)
    case dataExport(APIResult<Data>)
    case policy(APIResult<PolicyDocument>)

    /// The failure, whatever the call.
    public var failure: APIFailure? {
        switch self {
        case .signIn(let r): r.failure
        case .signOut(let r): r.failure
        case .overview(let r): r.failure
        case .contact(let r): r.failure
        case .billing(let r): r.failure
        case .messagePreferences(let r): r.failure
        case .dataReport(let r): r.failure
        case .dataExport(let r): r.failure
        case .policy(let r): r.failure
        }
    }
}

// MARK: - What screens receive

/// What the shell hands to the current screen.
public enum Incoming: Sendable {
    /// A call the screen made has been answered.
    case reply(APICall, APIReply)
    /// A call the screen made was cancelled (Esc during the request, or the customer gave up
    /// signing in again): the screen keeps its form as typed.
    case cancelled(APICall)
    /// The file the screen asked to write (`.writeFile`) was written, or why not.
    case fileWritten(path: String, error: FileWriteError?)
}

/// Why a file could not be written.
public enum FileWriteError: Error, Hashable, Sendable {
    /// The file exists and overwriting was not asked for.
    case exists
    /// The system said no (`errno`).
    case system(Int32)
    /// `--demo` writes nothing on the disk of the machine serving it.
    case notInTheDemo

    public func message(in language: Language) -> String {
        switch (self, language) {
        case (.exists, .tr): "Bu adda bir dosya zaten var."
        case (.exists, .en): "A file of that name already exists."
        case (.system(let code), .tr): "Dosya yazılamadı: \(systemMessage(code, .tr))."
        case (.system(let code), .en): "The file could not be written: \(systemMessage(code, .en))."
        case (.notInTheDemo, .tr): "Demo, sunucunun diskine dosya yazmaz: verileriniz ekranda."
        case (.notInTheDemo, .en): "The demo writes no file on the server's disk: your data is on the screen."
        }
    }

    private func systemMessage(_ code: Int32, _ language: Language) -> String {
        let tr = language == .tr
        switch code {
        case 2: return tr ? "klasör yok" : "no such folder"
        case 13: return tr ? "izin yok" : "permission denied"
        case 21: return tr ? "bu bir klasör" : "that is a folder"
        case 28: return tr ? "diskte yer kalmadı" : "no space left on the disk"
        case 30: return tr ? "salt okunur dosya sistemi" : "read-only file system"
        default: return tr ? "sistem hatası \(code)" : "system error \(code)"
        }
    }
}

// MARK: - Effects

/// What a screen asks the shell to do.
public enum Effect: Hashable, Sendable {
    /// Start an API call; the outcome comes back as `.reply(call, …)`.
    case call(APICall)
    /// Open another screen.
    case navigate(Route)
    /// Go back (to Home; from Home, quit). The screen has already decided there is nothing to lose.
    case back
    /// The customer signed in (from the sign-in screen).
    case signedIn(SignedInSession, email: String)
    /// End the session and return to sign-in.
    case signOut
    /// Leave the program (ending the session on the server).
    case quit
    /// Write `data` to `path` with mode 0600; the outcome comes back as `.fileWritten`.
    case writeFile(path: String, data: Data, overwrite: Bool)
}
