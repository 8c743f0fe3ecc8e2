import Foundation
import PanelModels
import Testing

/// Two real clients of the same customer against one real server, both editing the contact details:
/// the second save meets the 412 conflict view, and whichever way the customer settles it, no update
/// is lost without being seen.
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
        try replaceAndSave(one, "0532 765 43 21", storedAs: "+905327654321")
        try one.waitFor("Saved at")

        // The second, still on the old version, adds a fax and saves: the conflict view shows the
        // server's phone beside the one in its form.
        try two.press("Tab", "Tab")
        try replaceAndSave(two, "0312 555 66 77", storedAs: "+903125556677")
        let conflict = try two.waitFor("changed elsewhere while you were editing")
        #expect(conflict.contains("+905327654321") && conflict.contains("+905321234567"), "\(conflict)")
        #expect(conflict.contains("Enter: keep mine") && conflict.contains("S: take the server's"))
        // Take the server's version, then add the fax again and save.
        try two.press("s")
        try two.waitFor("what you typed was dropped")
        #expect(try two.screen().contains("+905327654321"))
        try replaceAndSave(two, "0312 555 66 77", storedAs: "+903125556677")
        try two.waitFor("Saved at")
        let both = try contact(first.server)
        #expect(both.phone == "+905327654321" && both.fax == "+903125556677")

        // Both change the phone. The first, which has not seen the fax, meets the conflict in turn:
        // "keep mine" would clear the fax, and the view says so; it takes the server's and types again.
        try replaceAndSave(one, "0533 111 22 33", storedAs: "+905331112233")
        let stale = try one.waitFor("changed elsewhere while you were editing")
        #expect(stale.contains("+903125556677"), "the fax saved by the second client is shown: \(stale)")
        try one.press("s")
        try one.waitFor("what you typed was dropped")
        try replaceAndSave(one, "0533 111 22 33", storedAs: "+905331112233")
        try one.waitFor("Saved at")
        // The second sees the first's number beside its own and keeps its own on purpose.
        try two.press("BTab")
        try replaceAndSave(two, "0544 999 88 77", storedAs: "+905449998877")
        let second412 = try two.waitFor("changed elsewhere while you were editing")
        #expect(second412.contains("+905331112233") && second412.contains("+905449998877"), "\(second412)")
        #expect(!second412.contains("Fax"), "only the phone differs: \(second412)")
        try two.press("Enter")
        // Keeping one's own shows the review against the server's version, then saves.
        try two.waitFor("What will change")
        try two.press("Enter")
        try two.waitFor("Saved at")

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

    /// Replaces the focused field with `typed`, opens the review (F2), sees `stored` there and saves.
    private func replaceAndSave(_ tmux: TmuxSession, _ typed: String, storedAs stored: String) throws {
        try tmux.press("C-e", "C-u")
        try tmux.type(typed)
        try tmux.press("F2")
        try tmux.waitFor(stored)
        try tmux.press("Enter")
    }

    private func contact(_ server: PanelServerProcess) throws -> ContactDetails {
        try JSONDecoder().decode(
            ContactDetails.self, from: try server.exchange("GET", "/v1/me/contact", token: server.demoToken).body)
    }
}
