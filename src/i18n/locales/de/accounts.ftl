# Forderungen: warum das Hauptbuch etwas ablehnt.
ledger-amount-invalid = Geben Sie einen Betrag größer als null ein.
ledger-payment-not-on-account = { $left } dieser Zahlung blieben als Guthaben auf dem Konto, und dieser Kunde erlaubt keine Zahlungen auf Konto. Ordnen Sie den ganzen Betrag zu oder erfassen Sie weniger.
ledger-entry-not-found = Diese Buchung gibt es nicht.
ledger-reversal-not-reversible = Ein Storno kann nicht storniert werden. Buchen Sie den Posten stattdessen neu.
ledger-already-reversed = Diese Buchung ist bereits storniert.
ledger-not-a-credit = Nur eine Zahlung, eine Gutschrift oder das Storno einer Belastung kann eine Rechnung begleichen.
ledger-not-an-open-item = Das ist kein offener Posten dieses Kunden in dieser Währung.
ledger-allocation-too-much = Das ist mehr, als auf dem Posten offen oder von der Zahlung übrig ist.

# Der Reiter Konten.
customers-tab-accounts = Konten
ledger-accounts-title = Konten · { $customer }
ledger-credit-heading = Kredit
ledger-credit-used = Genutzter Kredit: { $amount }
ledger-credit-hint = Das Limit abzüglich des Saldos und der noch nicht berechneten Bestellungen auf Rechnung.
ledger-empty = Auf das Konto dieses Kunden wurde noch nichts gebucht.
ledger-balance-heading = Konto in { $currency }
ledger-ageing-caption = Altersstruktur der offenen Posten am { $date }
ledger-age-not-due = Nicht fällig
ledger-age-1-30 = 1–30 Tage
ledger-age-31-60 = 31–60 Tage
ledger-age-61-90 = 61–90 Tage
ledger-age-over-90 = Über 90 Tage
ledger-age-unallocated = Nicht zugeordnetes Guthaben
ledger-age-total = Saldo
ledger-open-items = Offene Posten
ledger-nothing-open = Nichts ist offen.
ledger-entries-heading = Neueste Buchungen
ledger-col-number = Nummer
ledger-col-kind = Art
ledger-col-posted = Datum
ledger-col-due = Fällig
ledger-col-overdue = Überfällig
ledger-col-amount = Betrag
ledger-col-open = Offen
ledger-col-text = Text
ledger-days-overdue = { $days ->
    [one] 1 Tag
   *[other] { $days } Tage
}
ledger-kind-opening = Eröffnungssaldo
ledger-kind-invoice = Rechnung
ledger-kind-credit-note = Gutschrift
ledger-kind-payment = Zahlung
ledger-kind-reversal = Storno

# Eine Zahlung erfassen.
ledger-payment-heading = Zahlung erfassen
ledger-payment-amount = Betrag
ledger-payment-currency = Währung
ledger-payment-received-on = Eingegangen am
ledger-payment-method = Bezahlt per
ledger-payment-reference = Referenz
ledger-payment-reference-hint = Die Referenz des Zahlers, eine Scheck- oder Avisnummer (optional).
ledger-payment-allocation = Was sie begleicht
ledger-payment-oldest-first = Die ältesten offenen Posten zuerst
ledger-payment-on-account = Noch nichts: als Guthaben auf dem Konto lassen
ledger-payment-submit = Zahlung erfassen
ledger-payment-recorded = Zahlung { $number } erfasst.
ledger-amount-missing = Geben Sie den eingegangenen Betrag ein.
ledger-currency-invalid = Wählen Sie eine Währung.
ledger-date-future = Eine Zahlung kann nicht nach heute eingegangen sein.
ledger-date-invalid = Geben Sie das Eingangsdatum als Datum ein.
ledger-method-missing = Wählen Sie, wie bezahlt wurde.
ledger-method-bank-transfer = Überweisung
ledger-method-card = Karte
ledger-method-cash = Bar
ledger-method-cheque = Scheck
ledger-method-direct-debit = Lastschrift
ledger-method-other = Sonstiges

## One posting (/invoices/{id})
ledger-entry-title = { $number }
ledger-settled = Ausgeglichen
ledger-test-record = Testdatensatz
ledger-order = Bestellung
ledger-reverses = Storniert
ledger-reversed-by = Storniert durch
ledger-back-to-accounts = Zurück zu den Konten des Kunden
ledger-paid-by = Bezahlt durch
ledger-pays = Was sie begleicht
ledger-no-settlements = Noch nichts.
ledger-col-allocated = Zugeordnet
ledger-allocate-heading = Einen offenen Posten damit begleichen
ledger-allocate-item = Offener Posten
ledger-allocate-submit = Zuordnen
ledger-allocated = Die Zuordnung ist gebucht.
ledger-debit-missing = Wählen Sie den offenen Posten, der beglichen werden soll.
ledger-reverse-heading = Diese Buchung stornieren
ledger-reverse-hint = Gebuchtes wird nie geändert: Ein Storno bucht den Gegenbetrag und übernimmt, was hierauf noch offen ist. Was diese Buchung bereits beglichen hat oder womit sie beglichen wurde, bleibt so.
ledger-reason = Grund
ledger-reason-missing = Nennen Sie einen Grund: Er bleibt im Kontobuch und in der Historie des Kunden.
ledger-reverse-submit = Stornieren
ledger-reversed = Die Buchung ist storniert.

## Manual invoices and credit notes
ledger-posting-heading = Eine Rechnung oder Gutschrift buchen
ledger-posting-kind = Was gebucht wird
ledger-posting-invoice = Eine manuelle Rechnung (fällig nach den Zahlungsbedingungen des Kunden)
ledger-posting-credit-note = Eine Gutschrift
ledger-posting-against = Gutschrift zu
ledger-posting-against-hint = Für eine Gutschrift: die Rechnung, die sie mindert, oder auf Konto. Eine Rechnung beachtet dies nicht.
ledger-posting-on-account = Auf Konto
ledger-posting-text = Text oder Grund
ledger-posting-text-hint = Wofür die Rechnung ist oder warum die Gutschrift gewährt wird: Der Kunde liest es.
ledger-posting-submit = Buchen
ledger-posted = { $number } ist gebucht.

## Credit history
ledger-credit-history = Kredithistorie
ledger-credit-history-empty = Das Kreditlimit wurde noch nicht gesetzt oder geändert.
ledger-col-changed = Geändert
ledger-col-from = Von
ledger-col-to = Auf
ledger-col-by = Durch
ledger-credit-initial = Das Limit bei der Anlage
ledger-download-pdf = Als PDF herunterladen
ledger-history-reminder = Mahnung (Rechnung · Stufe · Empfänger)
ledger-history-statement = Kontoauszug (Monat · Währung · Empfänger)
ledger-open-shown = Die { $shown } ältesten von { $count } offenen Posten; der Kontoauszug führt alle auf.
