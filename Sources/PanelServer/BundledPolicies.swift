// The privacy and cookie policies served when the operator gives no `--policies` folder: the
// project's own text, stating the facts of Haker's privacy policy. Kept in Swift source, in the same
// format as the operator's files (front matter, then Markdown), so a copied binary needs no
// resource folder.

enum BundledPolicies {
    static let files: [String: String] = [
        "privacy.tr.md": privacyTR,
        "privacy.en.md": privacyEN,
        "cookies.tr.md": cookiesTR,
        "cookies.en.md": cookiesEN,
    ]

    static let privacyTR = """
        ---
        title: Gizlilik Politikası
        version: 2026.1
        effective_date: 2026-11-01
        ---
        # Gizlilik Politikası

        Bu metin, Haker'in web sitesi ve müşteri paneli üzerinden sunduğu hizmetlerde kişisel
        bilgilerinizi nasıl topladığını, sakladığını ve koruduğunu anlatır. Hizmet politikalarımızın
        ayrılmaz bir parçasıdır.

        ## Topladığımız bilgiler

        - Müşteri paneliniz için: adınız, soyadınız, telefon ve faks numaranız, e-posta adresiniz,
          iletişim adresiniz ve fatura adresiniz.
        - Hizmet süresince teknik destek ve hizmet esaslarıyla ilgili yazışmalarımız. Hizmet sırasında
          öğrendiğimiz bilgileri, hizmetin devamı ve gereği olarak hizmet sürdüğü müddetçe saklarız.
        - IP adresleri: yasal ve teknik nedenlerle, sunduğumuz hizmetin niteliğine göre saklanır.
          Yasal mercilerin talepleri dışında üçüncü kişilerle **asla** paylaşılmaz.
        - Site içi gezintiler ve alınan hizmetler hakkında demografik ve istatistiksel bilgiler. Bunlar
          kimliğinizle ilişkilendirilmez; anonim olarak tutulur ve raporlanır.

        ## Paylaşım

        Sistemlerimizdeki verileri ve topladığımız bilgileri, yasal yükümlülükler dışında hiçbir
        şekilde üçüncü kişilerle paylaşmayız, satmayız, kiralamayız.

        ## Bilgilendirme iletileri

        İletişim bilgilerinizi, Haker'in ve iş ortaklarının sunduğu hizmetler ve mallarla ilgili
        değişiklik, kullanım ve bakım iletileri göndermek için kullanabiliriz. Bu iletileri almak
        istemezseniz, bunu **kolayca ve ücretsiz** bildirebilirsiniz:

        - müşteri panelinde, "İleti tercihleri" ekranında, konu ve kanal (e-posta, SMS, telefon) bazında;
        - ya da size gönderilen her iletideki ret bağlantısıyla, giriş yapmadan.

        Reddiniz en geç üç iş günü içinde uygulanır. Güvenlik ve fatura bildirimleri hizmetin
        yürütülmesi için gereklidir ve kapatılamaz.

        ## Çerezler

        Sitemizde yalnızca teknik ve etkin, hızlı bir gezinti için gerekli çerezleri kullanırız. Bu
        çerezler kişisel tanımlamaya yönelik değildir. Ayrıntılar için Çerez Politikası'na bakınız.

        ## Güvenlik

        Aldığımız teknik önlemlerle kayıtlı bilgilerinize ve anlık gönderilen verilere üçüncü kişilerin
        izinsiz erişimini engelleriz. Güvenlik ve yasal nedenlerle, mail order talepleri ve sizin
        rızanız dışında **kredi kartı bilgilerinizi kaydetmeyiz**. Kartla yapılan ödemelerde ilgili
        bankanın sanal POS'u ve bankanın güvenlik önlemleri uygulanır.

        Bu önlemler kendi sistemlerimiz ve gizliliğiniz içindir. Parolanızı ve erişim bilgilerinizi
        korumak, kendi sistemlerinizdeki güvenlik açıklarını kapatmak sizin sorumluluğunuzdadır.

        ## Haklarınız

        Hakkınızda hangi bilgilerin saklandığını panelin "Verilerim" ekranında görebilir, bir JSON
        dosyası olarak indirebilir, iletişim ve fatura bilgilerinizi düzeltebilirsiniz (KVKK md. 11).
        Her değişiklik; kimin, ne zaman ve nereden yaptığıyla birlikte kaydedilir.
        """

    static let privacyEN = """
        ---
        title: Privacy Policy
        version: 2026.1
        effective_date: 2026-11-01
        ---
        # Privacy Policy

        This text explains how Haker collects, keeps and protects your personal information in the
        services it provides through its website and customer panel. It is an integral part of our
        service policies.

        ## What we collect

        - For your customer panel: your first name, last name, phone and fax numbers, e-mail address,
          contact address and billing address.
        - Our correspondence with you about technical support and the terms of the service. We keep
          what we learn while providing the service for as long as the service runs, as its
          continuity requires.
        - IP addresses: kept for legal and technical reasons, according to the nature of the service.
          They are **never** shared with third parties, except at the request of the authorities.
        - Demographic and statistical information about browsing the site and the services taken.
          It is not tied to your identity; it is kept and reported anonymously.

        ## Sharing

        We never share, sell or rent the data in our systems or the information we collect to third
        parties, except where the law obliges us to.

        ## Informational messages

        We may use your contact details to send messages about changes to, use and maintenance of the
        services and goods provided by Haker and its partners. If you do not want them, you can say so
        **easily and free of charge**:

        - in the customer panel, on the "Message preferences" screen, per topic and channel (e-mail,
          SMS, phone);
        - or with the reject link in every message we send, without signing in.

        A refusal is applied within three business days at the latest. Security and billing notices
        are needed to run the service and cannot be turned off.

        ## Cookies

        Our site uses only the cookies needed for technical reasons and for efficient, fast browsing.
        They are not meant to identify you. See the Cookie Policy for details.

        ## Security

        With the technical measures we take, we prevent third parties from reaching your stored
        information and the data you send without authorisation. For security and legal reasons we
        **do not store your credit card data**, except for mail-order requests and with your consent.
        Card payments go through the bank's virtual POS and the bank's security measures.

        These measures protect our own systems and your privacy. Protecting your password and access
        details, and closing security holes in your own systems, remain your responsibility.

        ## Your rights

        On the panel's "My data" screen you can see what is stored about you, download it as a JSON
        file, and correct your contact and billing details (Turkish data protection law, KVKK art. 11).
        Every change is recorded with who made it, when, and from where.
        """

    static let cookiesTR = """
        ---
        title: Çerez Politikası
        version: 2026.1
        effective_date: 2026-11-01
        ---
        # Çerez Politikası

        Çerezler, bir web sitesinin tarayıcınıza kaydettiği küçük metin dosyalarıdır.

        ## Kullandığımız çerezler

        Haker yalnızca **teknik çerezler** kullanır: oturumunuzu açık tutmak, formların güvenliğini
        sağlamak ve sitede etkin, hızlı gezinmenizi sağlamak için gerekenler.

        - Bu çerezler kişisel tanımlamaya yönelik değildir ve **sizi tanımlamak için asla
          kullanılmaz**.
        - Reklam, profil çıkarma ya da sizi başka sitelerde izleme amaçlı çerez kullanmayız.
        - Site gezinti istatistikleri anonimdir ve kimliğinizle ilişkilendirilmez.

        ## Çerezleri yönetmek

        Tarayıcınızın ayarlarından çerezleri silebilir ya da engelleyebilirsiniz. Teknik çerezleri
        engellerseniz oturum açmak gibi bazı işlevler çalışmayabilir.

        Kişisel bilgileriniz hakkında ayrıntılar Gizlilik Politikası'ndadır.
        """

    static let cookiesEN = """
        ---
        title: Cookie Policy
        version: 2026.1
        effective_date: 2026-11-01
        ---
        # Cookie Policy

        Cookies are small text files a website stores in your browser.

        ## The cookies we use

        Haker uses **technical cookies only**: those needed to keep you signed in, to protect forms,
        and to make browsing the site efficient and fast.

        - These cookies are not meant for personal identification and are **never used to identify
          you**.
        - We use no cookies for advertising, profiling, or following you on other sites.
        - Statistics about browsing the site are anonymous and are not tied to you.

        ## Managing cookies

        You can delete or block cookies in your browser's settings. If you block technical cookies,
        some functions, such as signing in, may not work.

        The Privacy Policy tells more about your personal information.
        """
}
