# Forderungen: warum das Hauptbuch etwas ablehnt.
ledger-amount-invalid = Geben Sie einen Betrag größer als null ein.
ledger-payment-not-on-account = { $left } dieser Zahlung blieben als Guthaben auf dem Konto, und dieser Kunde erlaubt keine Zahlungen auf Konto. Ordnen Sie den ganzen Betrag zu oder erfassen Sie weniger.
ledger-entry-not-found = Diese Buchung gibt es nicht.
ledger-reversal-not-reversible = Ein Storno kann nicht storniert werden. Buchen Sie den Posten stattdessen neu.
ledger-already-reversed = Diese Buchung ist bereits storniert.
ledger-not-a-credit = Nur eine Zahlung, eine Gutschrift oder das Storno einer Belastung kann eine Rechnung begleichen.
ledger-not-an-open-item = Das ist kein offener Posten dieses Kunden in dieser Währung.
ledger-allocation-too-much = Das ist mehr, als auf dem Posten offen oder von der Zahlung übrig ist.
