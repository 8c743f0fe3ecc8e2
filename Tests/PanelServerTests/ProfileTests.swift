import Foundation
import GRDB
import HummingbirdTesting
import PanelModels
import Testing

@testable import PanelServer

@Suite struct ProfileTests {
    static let ankara = Address(
        line1: "Atatürk Cad. No: 12/3", line2: "Kızılay Mah.", district: "Çankaya",
        province: "Ankara", postalCode: "06420", country: "TR")

    @Test func theOverviewShowsWhoTheCustomerIsWhatTheyMayChangeAndTheSignInBefore() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let me = try await api.call(.get, "/v1/me", token: token).decode(Overview.self)
            #expect(me.customerNumber == "HK-100231")
            #expect(me.firstName == "Ayşe" && me.lastName == "Yılmaz")
            #expect(me.billing.tckn == "10000000146")
            #expect(me.contactAddress.postalCode == "06420" && me.contactAddress.district == "Çankaya")
            #expect(me.editable == ["email", "phone", "fax", "contact_address", "billing"])
            #expect(me.lastSignIn?.ip == "203.0.113.24")
            // The next session's "sign-in before" is this one.
            let second = try await api.token()
            let again = try await api.call(.get, "/v1/me", token: second).decode(Overview.self)
            #expect(again.lastSignIn?.at == harness.clock.now)
        }
    }

    @Test func savingContactDetailsNeedsIfMatchAndRefusesAStaleOne() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (contact, etag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
            var edited = contact
            edited.phone = "0532 765 43 21"

            let missing = try await api.call(.put, "/v1/me/contact", token: token, json: edited)
            #expect(missing.status == 428)
            #expect(missing.problem?.code == ProblemCode.preconditionRequired)

            let saved = try await api.call(
                .put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: edited)
            #expect(saved.status == 200)
            #expect(try saved.decode(ContactDetails.self).phone == "+905327654321")
            let newTag = try #require(saved.header("ETag"))
            #expect(newTag != etag)

            edited.phone = "0532 111 22 33"
            let stale = try await api.call(
                .put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: edited)
            #expect(stale.status == 412)
            #expect(stale.header("ETag") == newTag)
            let conflict = try stale.decode(ConflictCurrent<ContactDetails>.self)
            #expect(conflict.etag == newTag && conflict.current.phone == "+905327654321")
            #expect(stale.problem?.code == ProblemCode.preconditionFailed)
            for weak in ["*", "W/\(newTag)"] {
                let answer = try await api.call(
                    .put, "/v1/me/contact", token: token, headers: ["If-Match": weak], json: edited)
                #expect(answer.status == 412, "\(weak)")
            }
        }
    }

    @Test func everySavedChangeHasItsChangeLogEntry() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (contact, etag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
            var edited = contact
            edited.fax = "0312 555 12 34"
            edited.contactAddress.line2 = nil
            let saved = try await api.call(
                .put, "/v1/me/contact", token: token,
                headers: ["If-Match": etag, "User-Agent": "haker-panel/0.1.0"], json: edited)
            #expect(saved.status == 200)
            // Saving the same thing again changes nothing and logs nothing.
            let again = try await api.call(
                .put, "/v1/me/contact", token: token,
                headers: ["If-Match": try #require(saved.header("ETag"))], json: edited)
            #expect(again.status == 200 && again.header("ETag") == saved.header("ETag"))
            let report = try await api.call(.get, "/v1/me/data", token: token).decode(DataReport.self)
            let entries = report.changeLog.filter { $0.at == harness.clock.now }
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry.resource == "contact" && entry.actor == .customer && entry.client == "haker-panel/0.1.0")
            #expect(
                entry.changes == [
                    FieldChange(field: "fax", old: nil, new: "+903125551234"),
                    FieldChange(field: "contact_address.line2", old: "Kızılay Mah.", new: nil),
                ])
            #expect(report.ipLog.first?.action == "update_contact")
            let me = try await api.call(.get, "/v1/me", token: token).decode(Overview.self)
            #expect(me.updatedAt == harness.clock.now)
        }
    }

    @Test func contactAndBillingHaveIndependentETags() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (contact, contactTag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
            let (billing, billingTag) = try await api.tagged("/v1/me/billing", BillingProfile.self, token: token)
            var newBilling = billing
            newBilling.eInvoiceEmail = "fatura@example.com"
            let savedBilling = try await api.call(
                .put, "/v1/me/billing", token: token, headers: ["If-Match": billingTag],
                json: newBilling)
            #expect(savedBilling.status == 200)
            var newContact = contact
            newContact.phone = "+90 532 000 00 00"
            let savedContact = try await api.call(
                .put, "/v1/me/contact", token: token,
                headers: ["If-Match": contactTag], json: newContact)
            #expect(savedContact.status == 200)
        }
    }

    @Test func eachBadContactFieldIsA422EntryAtItsPath() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (_, etag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
            let bad = ContactDetails(
                email: "demo@", phone: "12", fax: "fax!",
                contactAddress: Address(
                    line1: "", line2: String(repeating: "x", count: 500),
                    district: "Çankaya\u{1B}[31m", province: "Narnia",
                    postalCode: "6420", country: "ZZ"))
            let answer = try await api.call(
                .put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: bad)
            #expect(answer.status == 422)
            #expect(answer.problem?.code == ProblemCode.validationFailed)
            #expect(
                answer.fieldCodes == [
                    "email": FieldErrorCode.invalidEmail, "phone": FieldErrorCode.invalidPhone,
                    "fax": FieldErrorCode.invalidPhone, "contact_address.line1": FieldErrorCode.required,
                    "contact_address.line2": FieldErrorCode.tooLong,
                    "contact_address.district": FieldErrorCode.controlCharacters,
                    "contact_address.country": FieldErrorCode.invalidCountry,
                ])
            var mismatch = ContactDetails(
                email: "demo@example.com", phone: "0532 123 45 67",
                contactAddress: Self.ankara)
            mismatch.contactAddress.postalCode = "34420"
            let wrongProvince = try await api.call(
                .put, "/v1/me/contact", token: token, headers: ["If-Match": etag],
                json: mismatch)
            #expect(
                wrongProvince.fieldCodes == ["contact_address.postal_code": FieldErrorCode.postalCodeProvinceMismatch])
        }
    }

    @Test func changingTheEmailNeedsTheCurrentPassword() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (contact, etag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
            var edited = contact
            edited.email = "Ayse.Yilmaz@Example.com"
            let without = try await api.call(
                .put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: edited)
            #expect(without.fieldCodes == ["current_password": FieldErrorCode.required])
            edited.currentPassword = "wrong"
            let wrong = try await api.call(
                .put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: edited)
            #expect(wrong.fieldCodes == ["current_password": FieldErrorCode.incorrectPassword])
            edited.currentPassword = Harness.password
            let ok = try await api.call(.put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: edited)
            #expect(ok.status == 200)
            #expect(try ok.decode(ContactDetails.self).email == "ayse.yilmaz@example.com")
            #expect(!ok.text.contains("current_password"))
            #expect(try await api.signIn("ayse.yilmaz@example.com", Harness.password).status == 201)
            #expect(try await api.signIn(Harness.demoEmail, Harness.password).status == 401)
        }
    }

    @Test func anEmailAnotherCustomerUsesIsTaken() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (contact, etag) = try await api.tagged("/v1/me/contact", ContactDetails.self, token: token)
            var edited = contact
            edited.email = Harness.corporateEmail
            edited.currentPassword = Harness.password
            let taken = try await api.call(
                .put, "/v1/me/contact", token: token, headers: ["If-Match": etag], json: edited)
            #expect(taken.fieldCodes == ["email": FieldErrorCode.emailTaken])
        }
    }

    @Test func billingSwitchesFromIndividualToCorporateAndChecksTaxNumbers() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let token = try await api.token()
            let (_, etag) = try await api.tagged("/v1/me/billing", BillingProfile.self, token: token)
            let badCompany = BillingProfile(
                type: .corporate, fullName: "Ayşe Yılmaz", companyName: "Yılmaz Ltd.",
                vkn: "4540536921", address: Self.ankara)
            let bad = try await api.call(
                .put, "/v1/me/billing", token: token, headers: ["If-Match": etag], json: badCompany)
            #expect(
                bad.fieldCodes == [
                    "full_name": FieldErrorCode.notAllowed, "vkn": FieldErrorCode.invalidVKN,
                    "tax_office": FieldErrorCode.required,
                ])
            let company = BillingProfile(
                type: .corporate, companyName: " Yılmaz Ltd. ", vkn: "4540536920",
                taxOffice: "Çankaya", address: Self.ankara)
            let saved = try await api.call(
                .put, "/v1/me/billing", token: token, headers: ["If-Match": etag], json: company)
            #expect(saved.status == 200)
            let stored = try saved.decode(BillingProfile.self)
            #expect(stored.type == .corporate && stored.companyName == "Yılmaz Ltd." && stored.tckn == nil)
            let badPerson = BillingProfile(
                type: .individual, fullName: "Ayşe Yılmaz", tckn: "10000000147",
                address: Self.ankara)
            let person = try await api.call(
                .put, "/v1/me/billing", token: token,
                headers: ["If-Match": try #require(saved.header("ETag"))], json: badPerson)
            #expect(person.fieldCodes == ["tckn": FieldErrorCode.invalidTCKN])
        }
    }

    @Test func aCustomersTokenNeverReachesAnotherCustomersData() async throws {
        let harness = try Harness()
        try await harness.run { api in
            let ayse = try await api.token(Harness.demoEmail)
            let company = try await api.token(Harness.corporateEmail)
            #expect(try await api.call(.get, "/v1/me", token: ayse).decode(Overview.self).customerNumber == "HK-100231")
            #expect(
                try await api.call(.get, "/v1/me", token: company).decode(Overview.self).customerNumber == "HK-100232")
            let companyBilling = try await api.call(.get, "/v1/me/billing", token: company).decode(BillingProfile.self)
            #expect(companyBilling.vkn == "4540536920")
            let ayseData = try await api.call(.get, "/v1/me/data", token: ayse).decode(DataReport.self)
            #expect(ayseData.customerNumber == "HK-100231")
            #expect(!ayseData.changeLog.contains { $0.changes.contains { $0.new == "Kadıköy" } })
            // The company's ETag, sent with Ayşe's token, does not let her write the company's data.
            let (companyContact, companyTag) = try await api.tagged(
                "/v1/me/contact", ContactDetails.self, token: company)
            var edited = companyContact
            edited.phone = "+905559998877"
            let cross = try await api.call(
                .put, "/v1/me/contact", token: ayse, headers: ["If-Match": companyTag],
                json: edited)
            #expect(cross.status == 422 || cross.status == 412)
            let after = try await api.call(.get, "/v1/me/contact", token: company).decode(ContactDetails.self)
            #expect(after.phone == "+902165550101")
        }
    }

    @Test func dataStoredBeforeTodaysRulesIsServedAsItIs() async throws {
        let harness = try Harness()
        let id = try harness.customerID(Harness.demoEmail)
        try await harness.store.db.write { db in
            try db.execute(sql: "UPDATE customers SET phone = 'call me', fax = '' WHERE id = ?", arguments: [id])
            try db.execute(
                sql: """
                    UPDATE addresses SET province = 'Angora', postal_code = '1', country = 'Turkey'
                    WHERE customer_id = ?
                    """, arguments: [id])
            try db.execute(
                sql: "UPDATE billing_profiles SET type = 'alien', tckn = '123' WHERE customer_id = ?",
                arguments: [id])
        }
        try await harness.run { api in
            let token = try await api.token()
            for path in ["/v1/me", "/v1/me/contact", "/v1/me/billing", "/v1/me/data", "/v1/me/data/export"] {
                #expect(try await api.call(.get, path, token: token).status == 200, "\(path)")
            }
            let contact = try await api.call(.get, "/v1/me/contact", token: token).decode(ContactDetails.self)
            #expect(contact.phone == "call me" && contact.contactAddress.province == "Angora")
        }
    }

    @Test func theOverviewShowsWhatTheContactAndBillingRoutesShowEvenWithoutStoredAddressesOrBilling() async throws {
        let harness = try Harness()
        let id = try harness.customerID(Harness.demoEmail)
        // A billing address other than the contact address, so that neither can stand in for the other.
        try await harness.store.db.write { db in
            try db.execute(
                sql: "UPDATE addresses SET line1 = 'Fatura Sok. 1', line2 = NULL, province = 'İzmir' "
                    + "WHERE customer_id = ? AND kind = 'billing'", arguments: [id])
        }
        try await harness.run { api in
            @Sendable func expectOverviewAgrees(_ email: String) async throws {
                let token = try await api.token(email)
                let me = try await api.call(.get, "/v1/me", token: token).decode(Overview.self)
                let contact = try await api.call(.get, "/v1/me/contact", token: token).decode(ContactDetails.self)
                let billing = try await api.call(.get, "/v1/me/billing", token: token).decode(BillingProfile.self)
                #expect(me.email == contact.email && me.phone == contact.phone && me.fax == contact.fax, "\(email)")
                #expect(me.contactAddress == contact.contactAddress, "\(email)")
                #expect(me.billing == billing, "\(email)")
            }
            try await expectOverviewAgrees(Harness.demoEmail)
            try await expectOverviewAgrees(Harness.corporateEmail)
            // Rows an import may lack: the overview shows the same empty ones as the routes.
            try await harness.store.db.write { db in
                try db.execute(sql: "DELETE FROM addresses WHERE customer_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM billing_profiles WHERE customer_id = ?", arguments: [id])
            }
            try await expectOverviewAgrees(Harness.demoEmail)
            let me = try await api.call(.get, "/v1/me", token: try await api.token()).decode(Overview.self)
            #expect(me.customerNumber == "HK-100231" && me.billing.type == .individual && me.billing.tckn == nil)
            #expect(me.contactAddress == Address(line1: "", district: "", province: "", postalCode: "", country: "TR"))
        }
    }
}
