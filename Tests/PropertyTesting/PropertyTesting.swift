#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Seeded property testing for the test targets: a reproducible random generator, generators of
// hostile text (controls, escapes, bidi overrides, combining marks, CJK, emoji, huge pastes), and
// `Property.check`, which runs a body over many generated cases and names the seed of the first
// failing one. Every run uses the same seeds unless `HAKER_PANEL_PROPERTY_SEED` says otherwise,
// so a failure seen once is seen again.

// MARK: - Generator

/// SplitMix64: small, fast, and the same sequence on every machine for the same seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { int(in: 0...99) < percent }

    public mutating func pick<T>(_ choices: [T]) -> T { choices[int(in: 0...(choices.count - 1))] }

    /// `count` random decimal digits (0-9).
    public mutating func digits(_ count: Int) -> [Int] { (0..<count).map { _ in int(in: 0...9) } }
}

// MARK: - Hostile text

extension SeededRandom {
    /// The kinds of text a customer, a paste or a hostile server can produce.
    public enum Piece: CaseIterable, Sendable {
        case ascii, digits, turkish, whitespace, c0, c1, delete, escapeSequence, bidi, combining, cjk, hangulJamo
        case emoji, flag, invisibleFormat, fullwidthDigits, arabicDigits, anyScalar, lineSeparators
    }

    /// A random string of about `maxLength` scalars at most, mixing every `Piece`.
    public mutating func hostileText(maxLength: Int = 40) -> String {
        var text = ""
        let target = int(in: 0...maxLength)
        var scalars = 0
        while scalars < target {
            let piece = piece(pick(Piece.allCases))
            scalars += piece.unicodeScalars.count
            text += piece
        }
        return text
    }

    /// A hostile string, now and then a huge one (up to `hugeLength` scalars).
    public mutating func hostileTextSometimesHuge(hugeLength: Int = 100_000) -> String {
        if chance(2) {
            let unit = hostileText(maxLength: 16)
            guard !unit.isEmpty else { return String(repeating: "9", count: hugeLength) }
            return String(repeating: unit, count: hugeLength / max(1, unit.unicodeScalars.count))
        }
        return hostileText()
    }

    /// One piece of text of the given kind.
    public mutating func piece(_ kind: Piece) -> String {
        switch kind {
        case .ascii: return scalarString(0x20...0x7E, count: int(in: 1...6))
        case .digits: return scalarString(0x30...0x39, count: int(in: 1...11))
        case .turkish: return String(pick(Array("çğıöşüÇĞİÖŞÜâîû")))
        case .whitespace: return pick([" ", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "  "])
        case .c0: return scalarString(0x00...0x1F, count: 1)
        case .c1: return scalarString(0x80...0x9F, count: 1)
        case .delete: return "\u{7F}"
        case .escapeSequence:
            return pick(["\u{1B}[31m", "\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{9B}6n", "\u{1B}P+q\u{1B}\\",
                         "\u{1B}[?1049l", "\u{1B}", "\u{1B}]8;;http://x\u{1B}\\"])
        case .bidi:
            return pick(["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
                         "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}"])
        case .combining: return scalarString(0x300...0x36F, count: int(in: 1...4))
        case .cjk: return scalarString(0x4E00...0x9FFF, count: int(in: 1...3))
        case .hangulJamo: return scalarString(0x1100...0x1112, count: 1) + scalarString(0x1161...0x1175, count: 1)
        case .emoji:
            return pick(["😀", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "❤️", "🏳️‍🌈", "1️⃣", "🧑🏿‍🚀"])
        case .flag: return pick(["🇹🇷", "🇩🇪", "\u{1F1F9}", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"])
        case .invisibleFormat: return pick(["\u{200B}", "\u{200D}", "\u{AD}", "\u{FEFF}", "\u{2060}", "\u{FE0F}"])
        case .fullwidthDigits: return scalarString(0xFF10...0xFF19, count: int(in: 1...3))
        case .arabicDigits: return scalarString(0x660...0x669, count: int(in: 1...3))
        case .anyScalar: return String(anyScalar())
        case .lineSeparators: return pick(["\u{2028}", "\u{2029}", "\u{85}", "\r\n"])
        }
    }

    /// Any Unicode scalar (surrogates excluded), weighted towards the Basic Multilingual Plane.
    public mutating func anyScalar() -> Unicode.Scalar {
        while true {
            let value = chance(80) ? UInt32(int(in: 0...0xFFFF)) : UInt32(int(in: 0x10000...0x10FFFF))
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }

    private mutating func scalarString(_ range: ClosedRange<UInt32>, count: Int) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<count {
            text.append(Unicode.Scalar(UInt32(int(in: Int(range.lowerBound)...Int(range.upperBound))))!)
        }
        return String(text)
    }
}

// MARK: - Properties

/// Runs a property over generated cases.
public enum Property {
    /// What a run tried and, if it failed, the first failing case and how to see it again.
    public struct Outcome: CustomStringConvertible, Sendable {
        public var name: String
        public var cases: Int
        public var seed: UInt64
        public var failure: String?

        public var passed: Bool { failure == nil }

        public var description: String {
            guard let failure else { return "\(name): \(cases) cases held (seed \(seed))" }
            return "\(name): \(failure) — rerun with HAKER_PANEL_PROPERTY_SEED=\(seed)"
        }
    }

    /// The seed of a run: `HAKER_PANEL_PROPERTY_SEED` when set, else one fixed per property name.
    public static func seed(for name: String) -> UInt64 {
        if let text = getenv("HAKER_PANEL_PROPERTY_SEED").map({ String(cString: $0) }), let seed = UInt64(text) {
            return seed
        }
        // FNV-1a of the name: fixed across runs and machines, different per property.
        return name.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    /// Runs `body` on `cases` generators derived from the seed; `body` returns nil when the
    /// property holds, else what went wrong. Stops at the first failure.
    public static func check(_ name: String, cases: Int,
                             _ body: (_ random: inout SeededRandom) -> String?) -> Outcome {
        let seed = seed(for: name)
        var seeds = SeededRandom(seed: seed)
        for index in 0..<cases {
            var random = SeededRandom(seed: seeds.next())
            if let failure = body(&random) {
                return Outcome(name: name, cases: index + 1, seed: seed, failure: "case \(index): \(failure)")
            }
        }
        let outcome = Outcome(name: name, cases: cases, seed: seed, failure: nil)
        // One line per property in the test log: the figures RELIABILITY.md quotes.
        print("property \(outcome)")
        return outcome
    }
}

extension String {
    /// A short, escaped form for failure messages: every non-ASCII or control scalar as \u{…},
    /// cut at `limit` scalars.
    public var debugEscaped: String {
        let limit = 120
        var out = ""
        for (index, scalar) in unicodeScalars.enumerated() {
            if index == limit {
                out += "…(\(unicodeScalars.count) scalars)"
                break
            }
            out += scalar.value >= 0x20 && scalar.value < 0x7F
                ? String(scalar) : "\\u{\(String(scalar.value, radix: 16))}"
        }
        return out
    }
}

// MARK: - What a terminal may never receive

/// The scalars a terminal would act on or a reader be misled by: C0 (ESC included), DEL, C1, the
/// bidi marks, embeddings, overrides and isolates, and the line and paragraph separators.
public enum TerminalSafety {
    public static func isDangerous(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x061C || v == 0x200E || v == 0x200F
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029
    }

    /// The first dangerous scalar in `lines` (a rendered screen), described, or nil.
    public static func firstDangerous(in lines: [String]) -> String? {
        for (y, line) in lines.enumerated() {
            if let bad = line.unicodeScalars.first(where: isDangerous) {
                return "U+\(String(bad.value, radix: 16)) on row \(y): \(line.debugEscaped)"
            }
        }
        return nil
    }
}
