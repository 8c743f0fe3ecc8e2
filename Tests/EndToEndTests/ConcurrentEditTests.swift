import Foundation
import PanelModels
import Testing

/// Two real clients of the same customer against one real server, both editing the contact details:
/// a stale save on another field merges, a stale save on the same field meets the conflict view, and
/// whichever way the customer settles it, no update is lost without being seen.
@Suite(.serialized) struct ConcurrentEditTests {
    @Test func twoClientsEditingTheSameContactDetailsLoseNoUpdate() throws {
        let first = try CustomerJourneyTests.Journey(language: "en")
        defer { first.finish() }
        let second = try CustomerJourneyTests.Journey(language: "en", sharingServerOf: first)
        defer { second.finish() }
        for journey in [first, second] {
            try journey.signIn()
            try journey.tmux.waitFor("Hello, Ayşe Yılmaz")
            try journey.tmux.press("2")
            try journey.tmux.waitFor("[demo@example.com")
        }
        let (one, two) = (first.tmux, second.tmux)

        // The first changes the phone and saves.
        try one.press("Tab")
        try one.replaceAndSave("0532 765 43 21", storedAs: "+905327654321")
        try one.waitFor("Saved at")

        // The second, still on the old version, adds a fax and saves: the server says 412, the
        // client merges the phone it did not touch and shows only its own change for review.
        try two.press("Tab", "Tab")
        try two.replaceAndSave("0312 555 66 77", storedAs: "+903125556677")
        let merged = try two.waitFor("Changed elsewhere and kept: Phone")
        #expect(merged.contains("What will change") && merged.contains("+903125556677"), "\(merged)")
        try two.press("Enter")
        try two.waitFor("Saved at")
        #expect(try two.screen().contains("+905327654321"), "the first client's phone is in the form")
        let both = try contact(first.server)
        #expect(both.phone == "+905327654321" && both.fax == "+903125556677")

        // The first, which has not seen the fax, changes the phone again: the fax is merged in.
        try one.replaceAndSave("0533 111 22 33", storedAs: "+905331112233")
        try one.waitFor("Changed elsewhere and kept: Fax")
        try one.press("Enter")
        try one.waitFor("Saved at")
        // Now both change the phone. The second meets a real conflict: the first's number beside
        // its own, nothing else; it keeps its own on purpose, through the review.
        try two.press("BTab")
        try two.replaceAndSave("0544 999 88 77", storedAs: "+905449998877")
        let clash = try two.waitFor("changed elsewhere while you were editing")
        #expect(clash.contains("+905331112233") && clash.contains("+905449998877"), "\(clash)")
        #expect(clash.contains("Enter: keep mine") && clash.contains("S: take the server's"))
        #expect(!clash.contains("Fax"), "only the phone differs: \(clash)")
        try two.press("Enter")
        try two.waitFor("What will change")
        try two.press("Enter")
        try two.waitFor("Saved at")
        // The first tries once more and this time takes the server's number.
        try one.replaceAndSave("0555 000 11 22", storedAs: "+905550001122")
        let last = try one.waitFor("changed elsewhere while you were editing")
        #expect(last.contains("+905449998877"), "\(last)")
        try one.press("s")
        try one.waitFor("The server's details are now in the form")
        #expect(try one.screen().contains("+905449998877"))

        // Through the API: the last choice stands, the fax stayed, and the change log holds every
        // save, the first client's replaced phone included.
        let final = try contact(first.server)
        #expect(final.phone == "+905449998877" && final.fax == "+903125556677")
        let report = try JSONDecoder().decode(
            DataReport.self, from: try first.server.exchange("GET", "/v1/me/data", token: first.server.demoToken).body)
        let saved = report.changeLog.filter { $0.resource == "contact" }.flatMap(\.changes).compactMap(\.new)
        for value in ["+905327654321", "+903125556677", "+905331112233", "+905449998877"] {
            #expect(saved.contains(value), "\(value) is missing from the change log")
        }
        for tmux in [one, two] {
            try tmux.press("F10")
            #expect(try tmux.waitForExit() == 0)
        }
    }

    private func contact(_ server: PanelServerProcess) throws -> ContactDetails {
        try JSONDecoder().decode(
            ContactDetails.self, from: try server.exchange("GET", "/v1/me/contact", token: server.demoToken).body)
    }
}
