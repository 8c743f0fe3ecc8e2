// Case-insensitive search, the Turkish way when the text is Turkish, and the loose matching of a
// type-to-filter list. Done by hand: FoundationEssentials has no locale-aware case mapping (no ICU).

// MARK: - CaseFolding

/// Case folding for case-insensitive search.
///
/// Turkish has two letters i: dotted `i`/`İ` and dotless `ı`/`I`. In Turkish `İ` folds to `i` and
/// `I` to `ı`, so `istanbul` finds `İSTANBUL` and `ILIK` finds `ılık`, while `istanbul` does not
/// find `ISTANBUL`. In English `I` folds to `i`, as everywhere else.
public enum CaseFolding: Sendable, Hashable {
    case turkish
    case english

    /// One grapheme cluster folded (lower-cased under these rules).
    public func fold(_ character: Character) -> String {
        if let ascii = character.asciiValue {
            if self == .turkish && ascii == UInt8(ascii: "I") { return "ı" }
            return String(Character(Unicode.Scalar(ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii)))
        }
        if self == .turkish {
            // `İ`, precomposed or as `I` + U+0307 COMBINING DOT ABOVE.
            if character == "İ" || character.unicodeScalars.elementsEqual(["I", "\u{307}"]) { return "i" }
        }
        return String(character).lowercased()
    }

    /// `text` folded cluster by cluster.
    public func fold(_ text: String) -> String {
        text.reduce(into: "") { $0 += fold($1) }
    }

    /// Where `needle` occurs in `haystack`, as ranges of grapheme-cluster offsets into
    /// `haystack`, compared after folding both. Overlapping occurrences are all reported.
    public func ranges(of needle: String, in haystack: [Character]) -> [Range<Int>] {
        let pattern = needle.map(fold)
        guard !pattern.isEmpty, pattern.count <= haystack.count else { return [] }
        let folded = haystack.map(fold)
        var found: [Range<Int>] = []
        for start in 0...(folded.count - pattern.count) where folded[start] == pattern[0] {
            if folded[start..<(start + pattern.count)].elementsEqual(pattern) {
                found.append(start..<(start + pattern.count))
            }
        }
        return found
    }
}

// MARK: - LooseMatch

/// Matching for type-to-filter lists, insensitive to case and to Turkish letters: `cankaya` finds
/// `Çankaya`, `izmir` finds `İzmir`, `igdir` finds `Iğdır`, and typing the Turkish letters works
/// too. Both sides are reduced to a plain key: lower case, dotless and dotted i alike, and the
/// diacritics of Turkish and Western European letters removed.
public enum LooseMatch {
    /// How well a candidate matches: lower is better.
    public enum Rank: Int, Comparable, Sendable {
        /// The candidate starts with the query.
        case prefix
        /// A word of the candidate (after a space, `-`, `/`, `(` or `.`) starts with the query.
        case wordPrefix
        /// The query occurs somewhere else in the candidate.
        case contained

        public static func < (lhs: Rank, rhs: Rank) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The plain comparison key of `text`.
    public static func key(_ text: String) -> String {
        var key = ""
        for character in text {
            guard let base = character.unicodeScalars.first else { continue }
            // Combining marks after the base (e.g. `C` + U+0327) are dropped with the base's accent.
            key += plain(base)
        }
        return key
    }

    /// How `candidate` matches `query`, or nil when it does not. An empty query matches all.
    public static func rank(of candidate: String, for query: String) -> Rank? {
        let query = key(query)
        if query.isEmpty { return .prefix }
        let candidate = key(candidate)
        if candidate.hasPrefix(query) { return .prefix }
        var found: Rank?
        var previous: Character = " "
        var rest = Substring(candidate)
        while !rest.isEmpty {
            if rest.hasPrefix(query) {
                if " -/(.".contains(previous) { return .wordPrefix }
                found = .contained
            }
            previous = rest.removeFirst()
        }
        return found
    }

    // MARK: Private

    private static func plain(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "A"..."Z": return String(Character(Unicode.Scalar(scalar.value + 32)!))
        case "ı", "İ", "ì", "í", "î", "ï", "Ì", "Í", "Î", "Ï": return "i"
        case "ç", "Ç": return "c"
        case "ğ", "Ğ": return "g"
        case "ş", "Ş": return "s"
        case "ö", "Ö", "ò", "ó", "ô", "õ", "Ò", "Ó", "Ô", "Õ", "ø", "Ø": return "o"
        case "ü", "Ü", "ù", "ú", "û", "Ù", "Ú", "Û": return "u"
        case "â", "Â", "à", "á", "ã", "ä", "å", "À", "Á", "Ã", "Ä", "Å": return "a"
        case "è", "é", "ê", "ë", "È", "É", "Ê", "Ë": return "e"
        case "ñ", "Ñ": return "n"
        case "ý", "ÿ", "Ý": return "y"
        default: return String(scalar).lowercased()
        }
    }
}
