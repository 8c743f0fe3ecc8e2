#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// The formats of single fields: e-mail, phone, TC Kimlik No, VKN, country, postcode, and the
// rule every text field shares (no control characters). Pure functions, no I/O: the client's
// forms and the server call the same code.

// MARK: - Text

/// What every text field must satisfy.
public enum TextRules {
    /// True when `text` holds a character a terminal or a log could misread: C0 and C1 controls
    /// (tab and newline included), DEL, the line and paragraph separators, and the bidirectional
    /// overrides and isolates that can make a name display as something else.
    public static func containsControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            true
        default:
            false
        }
    }

    /// `text` without spaces (and other Unicode white space) at either end.
    public static func trimmed(_ text: String) -> String {
        // Printable, non-space ASCII at both ends: nothing to trim (the usual case, and the client
        // trims every field at every key).
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first),
            (0x21...0x7E).contains(last)
        {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Trimmed, and nil when nothing is left: how optional fields are stored.
    public static func trimmedOrNil(_ text: String?) -> String? {
        guard let text else { return nil }
        let t = trimmed(text)
        return t.isEmpty ? nil : t
    }
}

// MARK: - E-mail

/// E-mail addresses as the panel accepts them: the everyday form `local@domain.tld` (no quoted
/// local parts, no IP-literal domains), at most 254 characters.
public enum EmailAddress {
    public static let maxLength = 254

    /// Whether `text`, once trimmed, is an address of that form.
    public static func isValid(_ text: String) -> Bool {
        let address = trimmed(text)
        guard address.utf8.count <= maxLength, !TextRules.containsControlCharacters(address) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0]
        let domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."),
            !local.contains("..")
        else { return false }
        guard local.allSatisfy({ localAllowed.contains($0) || (!$0.isASCII && $0.isLetter) }) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return false }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.allSatisfy({ $0 == "-" || $0.isLetter || $0.isNumber })
            else { return false }
        }
        // A top-level domain is letters (or an IDN's `xn--` form), never all digits.
        let tld = labels[labels.count - 1]
        return tld.count >= 2 && (tld.allSatisfy(\.isLetter) || tld.lowercased().hasPrefix("xn--"))
    }

    /// The form the server stores and compares: trimmed and lower-cased (the e-mail is also the
    /// sign-in name, and nobody expects `Ayse@…` and `ayse@…` to be two accounts).
    public static func normalized(_ text: String) -> String {
        trimmed(text).lowercased()
    }

    private static func trimmed(_ text: String) -> String { TextRules.trimmed(text) }

    /// The ASCII characters of a local part (built once: the client checks the e-mail at every key).
    private static let localAllowed = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
}

// MARK: - Phone

/// Phone and fax numbers, stored in E.164 (`+905321234567`).
public enum PhoneNumber {
    /// The longest input accepted before normalising (spaces and punctuation included).
    public static let maxInputLength = 32

    /// The E.164 form of `text`, or nil when it is not a phone number.
    ///
    /// With `country` `TR` the Turkish ways of writing a number are understood: `0532 123 45 67`,
    /// `532 123 45 67`, `(0532) 123-45-67`, `+90 532 123 45 67`, `0090 532 123 45 67`. Elsewhere the
    /// number must be written internationally, with `+` or `00` and the country code. A Turkish
    /// number (+90) always has 10 digits after the country code, starting with 2, 3, 4, 5 or 8.
    /// Spaces, dots, dashes, slashes and parentheses are ignored; anything else refuses the number.
    public static func e164(_ text: String, country: String = "TR") -> String? {
        guard text.count <= maxInputLength else { return nil }
        var digits = ""
        var plus = false
        for ch in TextRules.trimmed(text) {
            if ch.isASCIIDigit {
                digits.append(ch)
            } else if ch == "+", digits.isEmpty, !plus {
                plus = true
            } else if !" .-/()".contains(ch) {
                return nil
            }
        }
        var international: String
        if plus {
            international = digits
        } else if digits.hasPrefix("00") {
            international = String(digits.dropFirst(2))
        } else if CountryCode.normalized(country) == "TR" {
            if digits.hasPrefix("0") {
                international = "90" + digits.dropFirst()
            } else if digits.count == 12, digits.hasPrefix("90") {
                international = digits
            } else {
                international = "90" + digits
            }
        } else {
            return nil
        }
        guard let first = international.first, first != "0", (7...15).contains(international.count) else { return nil }
        if international.hasPrefix("90") {
            let national = international.dropFirst(2)
            guard national.count == 10, let lead = national.first, "23458".contains(lead) else { return nil }
        }
        return "+" + international
    }

    /// Whether `text` is a phone number (see `e164(_:country:)`).
    public static func isValid(_ text: String, country: String = "TR") -> Bool {
        e164(text, country: country) != nil
    }
}

// MARK: - Turkish identity and tax numbers

/// T.C. Kimlik No: the 11-digit identity number of a Turkish citizen.
public enum TCKN {
    /// 11 ASCII digits, the first not 0; the 10th digit is (7 × (d1+d3+d5+d7+d9) − (d2+d4+d6+d8))
    /// mod 10 and the 11th is the sum of the first ten mod 10.
    public static func isValid(_ text: String) -> Bool {
        guard let d = asciiDigits(text, count: 11), d[0] != 0 else { return false }
        let odd = d[0] + d[2] + d[4] + d[6] + d[8]
        let even = d[1] + d[3] + d[5] + d[7]
        let tenth = ((odd * 7 - even) % 10 + 10) % 10
        let eleventh = d[0..<10].reduce(0, +) % 10
        return d[9] == tenth && d[10] == eleventh
    }
}

/// Vergi Kimlik No: the 10-digit tax number of a company (or a sole trader).
public enum VKN {
    /// 10 ASCII digits; the last is the check digit of the Revenue Administration's algorithm.
    public static func isValid(_ text: String) -> Bool {
        guard let d = asciiDigits(text, count: 10) else { return false }
        var sum = 0
        for i in 0..<9 {
            let shifted = (d[i] + 9 - i) % 10
            guard shifted != 0 else { continue }
            let weighted = (shifted * (1 << (9 - i))) % 9
            sum += weighted == 0 ? 9 : weighted
        }
        return d[9] == (10 - sum % 10) % 10
    }
}

/// The digits of `text` when it is exactly `count` ASCII digits.
private func asciiDigits(_ text: String, count: Int) -> [Int]? {
    let bytes = Array(text.utf8)
    guard bytes.count == count, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    return bytes.map { Int($0 - 48) }
}

// MARK: - Countries and postcodes

/// ISO 3166-1 alpha-2 country codes.
public enum CountryCode {
    /// Trimmed and upper-cased: `tr` → `TR`.
    public static func normalized(_ text: String) -> String {
        TextRules.trimmed(text).uppercased()
    }

    /// Whether `text` (after `normalized`) is an assigned alpha-2 code.
    public static func isValid(_ text: String) -> Bool {
        assigned.contains(normalized(text))
    }

    /// The 249 officially assigned codes.
    public static let assigned: Set<String> = Set(
        """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW \
        BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI \
        FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN \
        IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME \
        MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF \
        PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV \
        SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE \
        YT ZA ZM ZW
        """.split(separator: " ").map(String.init))
}

/// Turkish postcodes: 5 digits, the first two the province's plate code.
public enum TurkishPostalCode {
    /// Whether `text` is 5 ASCII digits starting with a plate code (01–81).
    public static func isWellFormed(_ text: String) -> Bool {
        guard let d = asciiDigits(text, count: 5) else { return false }
        return (1...81).contains(d[0] * 10 + d[1])
    }

    /// Whether a well-formed `text` belongs to `province`.
    public static func matches(_ text: String, province: Province) -> Bool {
        isWellFormed(text) && text.hasPrefix(province.plateCodeText)
    }
}
