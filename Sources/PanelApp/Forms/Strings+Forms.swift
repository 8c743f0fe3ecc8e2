// The words of the form screens (contact details and billing address) that both share.

extension Strings {
    // MARK: - Keys

    var previousField: String { pick("Önceki alan", "Previous field") }
    var previousFieldHelp: String {
        pick("Önceki alana git (Shift-Tab ya da ↑)", "Go to the previous field (Shift-Tab or ↑)")
    }
    var formEnterHelp: String {
        pick("Sonraki alana geç; il alanında il listesini açar", "Go to the next field; on the province, open the list")
    }
    var spaceKey: String { pick("Boşluk", "Space") }
    var formChangeHelp: String { pick("Seçimi değiştir (Boşluk, ← ya da →)", "Change the choice (Space, ← or →)") }
    var provinceListHelp: String {
        pick("İl listesi yazdıkça daralır; ↑↓ gezer, Enter seçer, Esc kapatır",
             "The province list narrows as you type; ↑↓ move, Enter picks, Esc closes")
    }
    var formBackHelp: String {
        pick("Ana sayfaya dön (kaydedilmemiş değişiklik varsa önce sorar)",
             "Back to Home (asks first when something is unsaved)")
    }
    var formReloadHelp: String {
        pick("Bilgileri yeniden yüklemeyi dene (r ya da F5)", "Try loading the details again (r or F5)")
    }
    var confirmSaveHelp: String {
        pick("Bu değişiklikleri kaydet (Enter, F2 ya da Ctrl-S)", "Save these changes (Enter, F2 or Ctrl-S)")
    }
    var backToForm: String { pick("Forma dön", "Back to the form") }
    var backToFormHelp: String {
        pick("Kaydetmeden forma dön; yazdıklarınız duruyor", "Back to the form without saving; what you typed is kept")
    }
    var keepMine: String { pick("Benimkini kaydet", "Keep mine") }
    var keepMineHelp: String {
        pick("Yazdıklarınızı sunucudakinin yerine kaydet (önce değişiklikler gösterilir)",
             "Save what you typed over the server's version (the changes are shown first)")
    }
    var takeServers: String { pick("Sunucudakini al", "Take the server's") }
    var takeServersHelp: String {
        pick("Listelenen alanlara sunucudaki değerleri al; öbür değişiklikleriniz formda kalır (S)",
             "Take the server's values for the fields listed; your other changes stay in the form (S)")
    }
    var tableScrollHint: String { pick("Kaydır", "Scroll") }
    var tableScrollHelp: String {
        pick("Liste ekrana sığmıyorsa kaydır (↑↓ PgUp PgDn)", "Scroll the list when it does not fit (↑↓ PgUp PgDn)")
    }

    // MARK: - Status line

    func savedAt(_ time: String) -> String { pick("Kaydedildi (\(time)).", "Saved at \(time).") }
    var nothingToSave: String {
        pick("Değişiklik yok: kaydedilecek bir şey yok.", "Nothing changed: there is nothing to save.")
    }
    func fixFields(_ count: Int, first: String) -> String {
        pick("Kaydedilmedi: düzeltilecek \(count) alan var; imleç ilkinde (\(first)).",
             "Not saved: \(count) field\(count == 1 ? "" : "s") to fix; the cursor is on the first (\(first)).")
    }
    func serverRefused(_ count: Int) -> String {
        pick("Kaydedilmedi: sunucu \(count) alanı kabul etmedi; nedeni alanın yanında.",
             "Not saved: the server refused \(count) field\(count == 1 ? "" : "s"); the reason is beside it.")
    }
    func serverRefusedField(_ what: String) -> String {
        pick("Kaydedilmedi: sunucu kabul etmedi (\(what)).", "Not saved: the server refused it (\(what)).")
    }
    func saveFailed(_ reason: String) -> String {
        pick("Kaydedilemedi: \(reason)", "Not saved: \(reason)")
    }
    var saveCancelled: String {
        pick("Kaydetme iptal edildi; kaydedilmemiş olabilir. Yazdıklarınız duruyor (F2).",
             "Saving cancelled; it may not have been saved. What you typed is kept (F2).")
    }
    var conflictFound: String {
        pick("Kaydedilmedi: bu bilgiler siz düzenlerken başka bir yerde değiştirildi.",
             "Not saved: these details were changed elsewhere while you were editing.")
    }
    var conflictNotSaved: String {
        pick("Kaydedilmedi: bilgiler başka yerde değişmiş; F2 farkları yeniden gösterir.",
             "Not saved: the details changed elsewhere; F2 shows the differences again.")
    }
    var alreadyStored: String {
        pick("Sunucuda zaten yazdığınız bilgiler var; kaydedilecek bir şey kalmadı.",
             "The server already has what you typed; nothing is left to save.")
    }
    var tookServers: String {
        pick("Sunucudaki bilgiler forma yüklendi; yazdıklarınız bırakıldı.",
             "The server's details are now in the form; what you typed was dropped.")
    }
    var tookServersKeptOthers: String {
        pick("Çakışan alanlara sunucudaki değerler alındı; öbür değişiklikleriniz kaydedilmedi (F2).",
             "The server's values are in the clashing fields; your other changes are not saved yet (F2).")
    }
    func mergedOthers(_ labels: [String]) -> String {
        guard !labels.isEmpty else {
            return pick("Bilgiler başka yerde de değişti; sizinkiler yeni sürüme göre gösteriliyor.",
                        "The details changed elsewhere too; yours are shown against the new version.")
        }
        let list = labels.joined(separator: ", ")
        return pick("Başka yerde değişenler korundu (\(list)); şimdi yalnızca sizinkiler kaydedilecek.",
                    "Changed elsewhere and kept: \(list); only your changes are saved now.")
    }
    func formLoadFailed(_ reason: String) -> String {
        pick("\(reason) Yeniden denemek için r'ye basın.", "\(reason) Press r to try again.")
    }
    var formLoadCancelled: String {
        pick("Yükleme iptal edildi. Yeniden denemek için r'ye basın.", "Loading cancelled. Press r to try again.")
    }
    var formNotLoaded: String {
        pick("Bilgiler yüklenemedi. Yeniden denemek için r'ye basın.",
             "The details could not be loaded. Press r to try again.")
    }

    // MARK: - Review and conflict

    var reviewTitle: String { pick("Kaydedilecek değişiklikler", "What will change") }
    var reviewIntro: String {
        pick("Şu alanlar, kaydedilecekleri hâliyle değişecek:", "These fields will change, shown as they will be stored:")
    }
    var reviewKeys: String { pick("Enter: kaydet   Esc: forma dön", "Enter: save   Esc: back to the form") }
    var conflictTitle: String {
        pick("Bu bilgiler siz düzenlerken başka bir yerde değiştirildi",
             "These details were changed elsewhere while you were editing")
    }
    var conflictIntro: String {
        pick("Hem sizin hem başkasının farklı biçimde değiştirdiği alanlar (öbürleri birleştirildi):",
             "The fields both you and someone else changed, differently (the others were merged):")
    }
    var conflictKeys: String {
        pick("Enter: benimkini kaydet   S: sunucudakini al   Esc: forma dön",
             "Enter: keep mine   S: take the server's   Esc: back to the form")
    }
    var fieldColumn: String { pick("Alan", "Field") }
    var nowColumn: String { pick("Şu an kayıtlı", "Stored now") }
    var newColumn: String { pick("Yeni", "New") }
    var yoursColumn: String { pick("Sizin yazdığınız", "Yours") }
    var serverColumn: String { pick("Sunucudaki", "On the server") }

    // MARK: - Fields

    func storedAs(_ text: String) -> String { pick("Kaydedilecek hâli: \(text)", "Will be stored as: \(text)") }
    var optionalField: String { pick("(isteğe bağlı)", "(optional)") }
    var noProvinceMatches: String { pick("Eşleşen il yok", "No province matches") }
    var addressLine1Hint: String { pick("Cadde ya da sokak, bina ve daire no", "Street, building and flat number") }
    var addressLine2Hint: String {
        pick("Mahalle, site ya da blok (isteğe bağlı)", "Neighbourhood, estate or block (optional)")
    }
    var districtHint: String { pick("İlçe; yurt dışında şehir", "District; abroad, the town or city") }
    var provinceHint: String {
        pick("Yazarak arayın (izm → İzmir); ↑↓ ve Enter seçer; yurt dışında serbest",
             "Type to search (izm → İzmir); ↑↓ and Enter pick; free text abroad")
    }
    var postalCodeHint: String {
        pick("5 rakam, ilk ikisi ilin plaka kodu (Ankara 06…); yurt dışında serbest",
             "5 digits starting with the province's plate code (Ankara 06…); free abroad")
    }
    var countryHint: String { pick("İki harfli ülke kodu: TR, DE, NL…", "Two-letter country code: TR, DE, NL…") }
}
