#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

// MARK: - Provinces

/// One of Turkey's 81 provinces (il), with its licence-plate code, which is also the first two
/// digits of every postcode in it.
public struct Province: Sendable, Hashable {
    /// 1...81.
    public var plateCode: Int
    /// The official Turkish name, e.g. `İstanbul`, `Hakkâri`.
    public var name: String

    public init(plateCode: Int, name: String) {
        self.plateCode = plateCode
        self.name = name
    }

    /// `06` for Ankara: the two digits a postcode in the province starts with.
    public var plateCodeText: String {
        plateCode < 10 ? "0\(plateCode)" : "\(plateCode)"
    }

    /// All 81, in plate-code order.
    public static let all: [Province] = provinceNames.enumerated().map {
        Province(plateCode: $0.offset + 1, name: $0.element)
    }

    /// The province with this plate code (1...81), if any.
    public static func withPlateCode(_ code: Int) -> Province? {
        (1...81).contains(code) ? all[code - 1] : nil
    }

    /// The province a customer meant by `name`, ignoring case, Turkish letters and surrounding
    /// spaces (`istanbul`, `ISTANBUL`, `İstanbul` and `Istanbul` all find İstanbul), or by a few
    /// well-known former names (`İçel` → Mersin, `Afyon` → Afyonkarahisar).
    public static func named(_ name: String) -> Province? {
        let key = TurkishText.searchKey(name)
        guard !key.isEmpty else { return nil }
        return byKey[key]
    }

    /// The provinces to offer while the user types `query`: those whose name starts with it first,
    /// then those that contain it, each group in alphabetical (Turkish) order; a number matches
    /// the plate code (`6` or `06` → Ankara). An empty query offers all 81.
    public static func matching(_ query: String) -> [Province] {
        let key = TurkishText.searchKey(query)
        if key.isEmpty { return alphabetical }
        if key.allSatisfy(\.isASCIIDigit), let code = Int(key) {
            return withPlateCode(code).map { [$0] } ?? []
        }
        let prefix = alphabetical.filter { keys[$0.plateCode - 1].hasPrefix(key) }
        let inside = alphabetical.filter {
            let name = keys[$0.plateCode - 1]
            return !name.hasPrefix(key) && name.contains(key)
        }
        return prefix + inside
    }

    // MARK: Tables

    private static let provinceNames = [
        "Adana", "Adıyaman", "Afyonkarahisar", "Ağrı", "Amasya", "Ankara", "Antalya", "Artvin", "Aydın",
        "Balıkesir", "Bilecik", "Bingöl", "Bitlis", "Bolu", "Burdur", "Bursa", "Çanakkale", "Çankırı",
        "Çorum", "Denizli", "Diyarbakır", "Edirne", "Elazığ", "Erzincan", "Erzurum", "Eskişehir",
        "Gaziantep", "Giresun", "Gümüşhane", "Hakkâri", "Hatay", "Isparta", "Mersin", "İstanbul", "İzmir",
        "Kars", "Kastamonu", "Kayseri", "Kırklareli", "Kırşehir", "Kocaeli", "Konya", "Kütahya", "Malatya",
        "Manisa", "Kahramanmaraş", "Mardin", "Muğla", "Muş", "Nevşehir", "Niğde", "Ordu", "Rize", "Sakarya",
        "Samsun", "Siirt", "Sinop", "Sivas", "Tekirdağ", "Tokat", "Trabzon", "Tunceli", "Şanlıurfa", "Uşak",
        "Van", "Yozgat", "Zonguldak", "Aksaray", "Bayburt", "Karaman", "Kırıkkale", "Batman", "Şırnak",
        "Bartın", "Ardahan", "Iğdır", "Yalova", "Karabük", "Kilis", "Osmaniye", "Düzce",
    ]

    /// Former or everyday names people still type.
    private static let aliases: [String: Int] = ["icel": 33, "afyon": 3, "maras": 46, "urfa": 63, "antep": 27]

    private static let keys: [String] = all.map { TurkishText.searchKey($0.name) }

    private static let byKey: [String: Province] = {
        var table: [String: Province] = [:]
        for province in all { table[keys[province.plateCode - 1]] = province }
        for (alias, code) in aliases { table[alias] = all[code - 1] }
        return table
    }()

    private static let alphabetical: [Province] = all.sorted {
        TurkishText.collationKey($0.name).lexicographicallyPrecedes(TurkishText.collationKey($1.name))
    }
}

// MARK: - Turkish text folding

/// Folding of Turkish text for search and for ordering, without ICU.
public enum TurkishText {
    /// Lower-case ASCII with the Turkish letters folded to their base letters (`ç→c ğ→g ı→i İ→i
    /// ö→o ş→s ü→u`, circumflexes dropped), combining marks removed, runs of spaces collapsed and
    /// the ends trimmed: the key two spellings of the same place name share, whatever the keyboard.
    public static func searchKey(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            // ASCII is answered without the Unicode tables (the client folds the province at every key).
            let value = scalar.value
            let isSpace = scalar.isASCII
                ? value == 0x20 || (0x09...0x0D).contains(value) : scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = !out.isEmpty
                continue
            }
            // Combining marks (a decomposed `ş` is `s` + U+0327) fold away.
            if (0x300...0x36F).contains(value) { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            if scalar.isASCII {
                out.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
            } else if let folded = turkishFold[scalar] {
                out.append(folded)
            } else {
                out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }

    /// A key that sorts Turkish words in Turkish alphabetical order (`c < ç < d`, `ı < i`, `o < ö`),
    /// case-insensitively.
    public static func collationKey(_ text: String) -> [UInt32] {
        text.unicodeScalars.map { scalar in
            let lower = lowercaseTurkish(scalar)
            if let rank = alphabetRank[lower] { return UInt32(rank) * 4 }
            return 1_000 + lower.value
        }
    }

    private static let turkishFold: [Unicode.Scalar: Unicode.Scalar] = [
        "ç": "c", "Ç": "c", "ğ": "g", "Ğ": "g", "ı": "i", "I": "i", "İ": "i", "ö": "o", "Ö": "o",
        "ş": "s", "Ş": "s", "ü": "u", "Ü": "u", "â": "a", "Â": "a", "î": "i", "Î": "i", "û": "u", "Û": "u",
    ]

    private static func lowercaseTurkish(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "I": return "ı"
        case "İ": return "i"
        case "Â": return "â"
        case "Î": return "î"
        case "Û": return "û"
        default: return String(scalar).lowercased().unicodeScalars.first ?? scalar
        }
    }

    private static let alphabetRank: [Unicode.Scalar: Int] = {
        var table: [Unicode.Scalar: Int] = [:]
        for (rank, letter) in "aâbcçdefgğhıiîjklmnoöprsştuûüvyzqwx".unicodeScalars.enumerated() {
            table[letter] = rank + 1
        }
        // Circumflexed vowels sort with their base letters.
        table["â"] = table["a"]
        table["î"] = table["i"]
        table["û"] = table["u"]
        return table
    }()
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
