import Testing
@testable import PanelModels

@Suite struct TimestampTests {
    @Test func formatsAndParsesRFC3339InUTC() throws {
        let t = try #require(Timestamp(rfc3339: "2026-11-25T10:00:00Z"))
        #expect(t.rfc3339 == "2026-11-25T10:00:00Z")
        #expect(Timestamp(seconds: 0).rfc3339 == "1970-01-01T00:00:00Z")
    }

    @Test func acceptsFractionsAndOffsets() throws {
        let a = try #require(Timestamp(rfc3339: "2026-11-25T13:00:00.123+03:00"))
        #expect(a.rfc3339 == "2026-11-25T10:00:00Z")
    }

    @Test func refusesWhatIsNotATime() {
        for bad in ["", "2026-11-25", "2026-13-01T00:00:00Z", "2026-11-25T10:00:00", "2026-11-25T10:00:00Zjunk"] {
            #expect(Timestamp(rfc3339: bad) == nil, "\(bad)")
        }
    }

    @Test func displaysInTurkeyTime() throws {
        let t = try #require(Timestamp(rfc3339: "2026-11-25T22:30:00Z"))
        #expect(t.turkeyDisplay == "26.11.2026 01:30")
        #expect(t.turkeyTime.weekday == 3)  // a Thursday in Turkey
    }
}
