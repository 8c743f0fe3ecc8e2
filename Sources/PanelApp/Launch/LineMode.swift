import Glibc
import PanelModels

/// The commands for scripts, screen readers and terminals without a full screen.
public enum LineMode {
    /// A message when the full screen cannot run here (no terminal, `TERM=dumb`), else nil.
    static func refusalForFullScreen(environment: [String: String], language: Language) -> String? {
        let term = environment["TERM"] ?? ""
        if isatty(0) == 0 || isatty(1) == 0 {
            return (language == .tr ? "tam ekran panel için bir terminal gerekli (standart giriş/çıkış terminal değil)."
                    : "the full-screen panel needs a terminal (standard input/output is not one).")
                + "\n" + commandsHint(language)
        }
        if term.isEmpty || term == "dumb" {
            return (language == .tr ? "bu terminal (TERM=\(term.isEmpty ? "boş" : term)) tam ekran paneli gösteremiyor."
                    : "this terminal (TERM=\(term.isEmpty ? "unset" : term)) cannot show the full-screen panel.")
                + "\n" + commandsHint(language)
        }
        return nil
    }

    /// The line-mode commands, named.
    public static func commandsHint(_ language: Language) -> String {
        language == .tr
            ? """
              Satır kipinde kullanılabilecek komutlar:
                haker-panel show [--json]                      saklanan veriler
                haker-panel export DOSYA                       verilerin JSON olarak dışa aktarımı
                haker-panel policy privacy|cookies [--lang tr|en]
                haker-panel messages                           ileti tercihleri
                haker-panel messages set KONU KANAL on|off
              """
            : """
              Commands for line mode:
                haker-panel show [--json]                      the data stored about you
                haker-panel export FILE                        your data as a JSON file
                haker-panel policy privacy|cookies [--lang tr|en]
                haker-panel messages                           your message preferences
                haker-panel messages set TOPIC CHANNEL on|off
              """
    }
}
