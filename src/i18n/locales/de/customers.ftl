## Kunden auf der Seite der Mitarbeiter: die Liste, die Seite und das Formular eines Kunden,
## Löschen, seine Bestellungen und das Dashboard.

customers-title = Kunden

## Die Liste.

customers-new-customer = Neuer Kunde
customers-new-organization = Neue Organisation
customers-tabs-label = Freigabe-Status
customers-tab-all = Alle
customers-tab-pending = Offene Anfragen
customers-tab-inactive = Inaktiv
customers-tab-active = Freigeschaltet
customers-tab-blocked = Gesperrt
customers-find = Kunden finden
customers-search = Suchen
customers-search-in = Suchen in
customers-field-any = Überall
customers-field-name = Name
customers-field-account-number = Kundennummer
customers-field-email = E-Mail
customers-field-phone = Telefon
customers-field-postcode = Postleitzahl
customers-field-city = Ort
customers-field-order-number = Bestellnummer
customers-field-invoice-number = Rechnungsnummer
customers-field-tracking-number = Sendungsnummer
customers-field-channel-order-id = Marktplatz-Bestellnummer
customers-field-channel-user-id = Marktplatz-Benutzerkennung
customers-filters = Filter
customers-filter-kind = Art
customers-filter-any-kind = Jede Art
customers-filter-type = Typ
customers-filter-any-type = Jeder Typ
customers-filter-group = Gruppierung
customers-filter-any-group = Jede Gruppierung
customers-filter-tag = Schlagwort
customers-filter-any-tag = Jedes Schlagwort
customers-filter-flag = Markierung
customers-filter-any-flag = Jede Markierung
customers-filter-channel = Vertriebskanal
customers-filter-any-channel = Jeder Vertriebskanal
customers-filter-active = Aktiv
customers-filter-active-any = Aktiv oder nicht
customers-filter-active-only = Nur aktive
customers-filter-inactive-only = Nur nicht aktive
customers-filter-watch = Nur auf der Beobachtungsliste
customers-show = Kunden anzeigen
customers-clear = Zurücksetzen
customers-count =
    { $count ->
        [one] 1 Kunde.
       *[other] { $n } Kunden.
    }
customers-count-about = etwa { $n } Kunden gefunden (geschätzt: genau gezählt wird bis { $cap }).
customers-count-capped = mehr als { $cap } Kunden gefunden (gezählt wird bis { $cap }).
customers-download =
    { $count ->
        [one] Diesen Kunden herunterladen (CSV)
       *[other] Diese { $n } Kunden herunterladen (CSV)
    }
customers-download-about = Diese (etwa { $n }) Kunden herunterladen (CSV)
customers-download-capped = Diese mehr als { $cap } Kunden herunterladen (CSV)
customers-none-found = Keine Kunden für „{ $q }“ in { $field } gefunden.
customers-none-found-filtered = Keine Kunden für „{ $q }“ in { $field } mit diesen Filtern gefunden.
customers-none-found-hint = Prüfen Sie die Schreibweise oder suchen Sie in einem anderen Feld.
customers-clear-search = Suche zurücksetzen
customers-none-match = Keine Kunden entsprechen diesen Filtern.
customers-show-all = Alle Kunden anzeigen
customers-no-page = Es gibt keine Seite { $page }.
customers-first-page = Zurück zur ersten Seite
customers-none-yet = Noch keine Kunden.
customers-create-first = Den ersten anlegen
customers-caption = Kunden, Seite { $page } von { $pages }; die Spaltenköpfe sortieren
customers-caption-about = Kunden, Seite { $page } von etwa { $pages }; die Spaltenköpfe sortieren
customers-caption-more = Kunden, Seite { $page } von mehr als { $pages }; die Spaltenköpfe sortieren
customers-col-account = Kundennummer
customers-col-name = Name
customers-col-type = Typ
customers-col-group = Gruppierung
customers-col-relationship = Geschäftsbeziehung
customers-col-integration = Integration
customers-col-orders = Bestellungen
customers-col-value = Bestellwert
customers-col-balance = Saldo
customers-col-flag = Markierung
customers-col-watch = Beobachtungsliste
customers-found-by-any = Gefunden über { $value }
customers-found-by-name = Gefunden über Name { $value }
customers-found-by-account-number = Gefunden über Kundennummer { $value }
customers-found-by-email = Gefunden über E-Mail { $value }
customers-found-by-phone = Gefunden über Telefon { $value }
customers-found-by-postcode = Gefunden über Postleitzahl { $value }
customers-found-by-city = Gefunden über Ort { $value }
customers-found-by-order-number = Gefunden über Bestellnummer { $value }
customers-found-by-invoice-number = Gefunden über Rechnungsnummer { $value }
customers-found-by-tracking-number = Gefunden über Sendungsnummer { $value }
customers-found-by-channel-order-id = Gefunden über Marktplatz-Bestellnummer { $value }
customers-found-by-channel-user-id = Gefunden über Marktplatz-Benutzerkennung { $value }
customers-on-watch-list = Auf der Beobachtungsliste
customers-not-on-watch-list = Nicht auf der Beobachtungsliste
customers-value-none = keiner
customers-value-several = mehrere Währungen
customers-pages = Seiten
customers-previous-page = Vorherige Seite
customers-next-page = Nächste Seite
customers-page-of = Seite { $page } von { $pages }
customers-page-of-about = Seite { $page } von etwa { $pages }
customers-page-of-more = Seite { $page } von mehr als { $pages }

## Kopf und Reiter eines Kunden.

customers-watch-set-by = Eingetragen von { $name } am { $date }
customers-trading-as = Handelt als { $name }
customers-sections = Bereiche des Kunden
customers-tab-overview = Übersicht
customers-tab-orders = Bestellungen
customers-tab-addresses = Adressen
customers-tab-contacts = Kontakte
customers-tab-notes = Notizen
customers-tab-catalogs = Kataloge und Produkte
customers-tab-requests = Dienste und Anfragen
customers-tab-users = Portal-Benutzer
customers-tab-history = Historie

## Die Seite eines Kunden.

customers-edit = Bearbeiten
customers-merge-into-this = Ein Duplikat mit diesem zusammenführen
customers-delete = Löschen
customers-merged-notice = Dieser Datensatz wurde mit { $name } zusammengeführt. Er bleibt erhalten, damit alte Links weiterhin irgendwohin führen.
customers-merged-go = Zu diesem Kunden
customers-merged-notice-outside = Dieser Datensatz wurde mit einem anderen Kunden zusammengeführt, der nicht zu Ihren Kunden gehört.
customers-outside-scope = Ein Kunde, der nicht zu Ihren Kunden gehört
customers-inherited-from = übernommen von { $name }
customers-price-list = Preisliste
customers-yes = Ja
customers-no = Nein
customers-test-record = Testdatensatz
customers-contact-details = Kontaktdaten
customers-price-list-email = E-Mail-Adresse für Preislisten
customers-price-list-email-note = An diese Adresse gesendete Dateien erreichen das Portal noch nicht (es hat kein Postfach, aus dem es sie liest): Das ERP sendet die Preisdatei des Kunden über die API, oder Mitarbeiter laden sie im Reiter Kataloge und Produkte hoch.
customers-copy = Kopieren
customers-copy-what = die E-Mail-Adresse für Preislisten
customers-term-customer = Kunde mit Zahlungsziel
customers-store-pickup = Abholung im Geschäft
customers-cod = Nachnahme
customers-payments-on-account = Zahlungen auf Rechnung
customers-allowed = Erlaubt
customers-not-allowed = Nicht erlaubt
customers-discount = Kundenindividueller Rabatt
customers-discount-off = { $discount } auf die Preisliste
customers-none = Keine
customers-available-credit = Verfügbarer Kredit
customers-over-the-limit = über dem Limit
customers-tax-and-accounting = Steuer und Buchhaltung
customers-bill-to = Rechnungsempfänger
customers-master = Hauptkunde
customers-members = Mitglieder ({ $count })
customers-sell-to = Belieferte Kunden (hier abgerechnet) ({ $count })
customers-associated = Zugeordnete Kunden (Hauptkunde von) ({ $count })
customers-and-more = und { $count } weitere
customers-services = Dienste und Integrationen
customers-relationship-label = Geschäftsbeziehung:
customers-requests-link = Anfragen
customers-catalogs = Kataloge
customers-none-enabled = Keine freigeschaltet
customers-specific-products = Einzelne Produkte
customers-stock-shown-at = Bestand angezeigt für
customers-no-store = Kein Lager
customers-orders-count = Bestellungen ({ $count })
customers-orders-value = Wert { $value }
customers-no-orders = Noch keine Bestellungen.
customers-all-orders =
    { $count ->
        [one] Die eine Bestellung
       *[other] Alle { $count } Bestellungen
    }
customers-addresses-count = Adressen ({ $count })
customers-no-addresses = Noch keine Adressen.
customers-primary = Haupt
customers-default-billing = Standard-Rechnungsadresse
customers-default-shipping = Standard-Lieferadresse
customers-all-addresses = Alle { $count } Adressen
customers-manage-addresses = Adressen verwalten
customers-add-address = Adresse hinzufügen
customers-download-ship-to = Lieferadressen herunterladen (CSV)
customers-contacts-count = Kontakte ({ $count })
customers-no-contacts = Noch keine Kontakte.
customers-notified-of = Benachrichtigt über: { $events }
customers-all-contacts = Alle { $count } Kontakte
customers-manage-contacts = Kontakte verwalten
customers-add-contact = Kontakt hinzufügen
customers-notes-count = Notizen ({ $count })
customers-add-a-note = Notiz hinzufügen
customers-note-hint = Mit Ihrem Namen und der Uhrzeit versehen.
customers-add-note = Notiz speichern
customers-no-notes = Noch keine Notizen.
customers-all-notes = Alle { $count } Notizen
customers-take-off-watch-list = Von der Beobachtungsliste nehmen
customers-recent-changes = Letzte Änderungen
customers-no-changes = Keine Änderungen erfasst.
customers-all-changes = Alle { $count } Änderungen
customers-created = { $name } wurde angelegt.
customers-saved = Ihre Änderungen wurden gespeichert.

## Einen Kunden löschen.

customers-delete-title = { $name } löschen
customers-delete-heading = Diesen Kunden löschen?
customers-delete-explain = Damit werden { $name } und seine Adressen, Kontakte und Notizen gelöscht. Die Historie hält fest, dass und wann er von wem gelöscht wurde. Dies kann nicht rückgängig gemacht werden.
customers-delete-button = { $name } löschen
customers-delete-keep = Behalten
customers-delete-blocked = Er kann nicht gelöscht werden, solange andere Datensätze von ihm abhängen:
customers-delete-instead = Setzen Sie ihn stattdessen inaktiv (bearbeiten und „Aktiv“ abwählen), oder verschieben Sie zuerst diese Datensätze.
customers-back-to-customer = Zurück zum Kunden
customers-delete-blocker-members =
    { $count ->
        [one] 1 Kunde gehört zu dieser Organisation
       *[other] { $count } Kunden gehören zu dieser Organisation
    }
customers-delete-blocker-sell-to =
    { $count ->
        [one] 1 Kunde wird über diesen Kunden abgerechnet
       *[other] { $count } Kunden werden über diesen Kunden abgerechnet
    }
customers-delete-blocker-associated =
    { $count ->
        [one] 1 Kunde hat diesen als Hauptkunden
       *[other] { $count } Kunden haben diesen als Hauptkunden
    }
customers-delete-blocker-orders =
    { $count ->
        [one] er hat 1 Bestellung (setzen Sie ihn stattdessen inaktiv)
       *[other] er hat { $count } Bestellungen (setzen Sie ihn stattdessen inaktiv)
    }
customers-delete-blocker-merged =
    { $count ->
        [one] 1 zusammengeführter Kunde verweist auf diesen
       *[other] { $count } zusammengeführte Kunden verweisen auf diesen
    }
customers-delete-refused = Dieser Kunde kann nicht gelöscht werden: { $reasons }
customers-deleted = { $name } wurde gelöscht.

## Zusammenführen (die Prüfungen in src/models/customers/merge.rs).

customers-merge-no-such-customer = Kein Kunde hat die Kundennummer oder ID „{ $input }“.
customers-merge-choose-two = Wählen Sie zwei verschiedene Kunden.
customers-merge-duplicate-already-merged = Dieser Kunde wurde bereits mit einem anderen zusammengeführt.
customers-merge-survivor-merged = Dieser Kunde wurde mit einem anderen zusammengeführt; führen Sie stattdessen mit jenem zusammen.
customers-merge-kinds-differ = Ein Kunde und eine Organisation können nicht zusammengeführt werden.

## Die Bestellungen eines Kunden.

customers-orders-title = Bestellungen · { $customer }
customers-order-title = Bestellung { $number }
customers-orders-caption = Bestellungen, die neuesten zuerst
customers-order-col-order = Bestellung
customers-order-col-customer = Kunde
customers-order-col-placed = Bestellt
customers-order-col-status = Status
customers-order-col-total = Summe
customers-order-col-channel = Kanal
customers-order-col-invoice = Rechnung
customers-order-col-tracking = Sendung
customers-order-priority = Priorität
customers-order-channel-order-id = Marktplatz-Bestellnummer
customers-order-channel-user-id = Marktplatz-Benutzerkennung
customers-order-invoice-number = Rechnungsnummer
customers-order-tracking-number = Sendungsnummer
customers-all-orders-of = Alle Bestellungen von { $name }
customers-orders-value-not-cancelled = Bestellwert (ohne Stornierungen): { $value }
customers-no-orders-on-page = Keine Bestellungen auf dieser Seite.
customers-no-orders-at-all = Keine Bestellungen.
customers-orders-pages = Seiten der Bestellungen
customers-orders-newer = Neuere Bestellungen
customers-orders-older = Ältere Bestellungen
customers-page = Seite { $page }

## Das Dashboard.

customers-dashboard-title = Dashboard
customers-dashboard-welcome = Willkommen zurück, { $name }.
customers-dashboard-records = Datensätze erfasst
customers-dashboard-waiting = Warten auf Freigabe
customers-dashboard-waiting-note = Kunden mit offener Anfrage zur Geschäftsbeziehung
customers-dashboard-see-them = anzeigen
customers-dashboard-open-requests = Offene Anfragen
customers-dashboard-requests-note = warten auf eine Entscheidung
customers-dashboard-open-queue = Freigaben öffnen
customers-dashboard-watched-note =
    { $count ->
        [one] Kunde braucht Aufmerksamkeit
       *[other] Kunden brauchen Aufmerksamkeit
    }
customers-dashboard-see-watch-list = Beobachtungsliste anzeigen
customers-dashboard-newest = Neueste Kunden
customers-dashboard-recent-orders = Letzte Bestellungen
customers-dashboard-newest-orders = Die neuesten Bestellungen

## Das Kundenformular.

customer-form-title-edit = { $name } bearbeiten
customer-form-title-new-customer = Neuer Kunde
customer-form-title-new-organization = Neue Organisation
customer-form-conflict = Jemand anderes hat diesen Kunden gespeichert, nachdem Sie das Formular geöffnet haben.
customer-form-conflict-nothing-saved = Von Ihren Eingaben wurde nichts gespeichert.
customer-form-conflict-their-changes = Die anderen Änderungen:
customer-form-conflict-yours = Ihre Fassung steht weiterhin im Formular unten. Vergleichen Sie sie mit der anderen und speichern Sie dann erneut.
customer-form-change-by = { $who }, { $when }:
customer-form-change-from-to = von „{ $old }“ zu „{ $new }“
customer-form-change-to = zu „{ $new }“
customer-form-change-from-cleared = „{ $old }“ entfernt
customer-form-change-cleared = geleert
customer-form-correct =
    { $count ->
        [one] Bitte korrigieren Sie das markierte Feld. Es wurde noch nichts gespeichert.
       *[other] Bitte korrigieren Sie die { $count } markierten Felder. Es wurde noch nichts gespeichert.
    }
customer-form-identity = Identität
customer-form-legal-name = Firmenname
customer-form-trading-name = Handelsname
customer-form-trading-name-hint = Optional: der Name, unter dem er auftritt.
customer-form-account-number = Kundennummer
customer-form-account-number-hint = Ihre Nummer für diesen Kunden, auch für EDI und Buchhaltung. Kann später ergänzt werden.
customer-form-type = Typ
customer-form-reach = Erreichbarkeit
customer-form-phone = Telefon
customer-form-alt-phone = Weiteres Telefon
customer-form-email = E-Mail
customer-form-website = Website
customer-form-language = Sprache für E-Mails
customer-form-language-hint = Die Sprache der E-Mails, die die Mitarbeiter des Kunden erhalten.
customer-form-language-country = Nach seinem Land
customer-form-classification = Einordnung
customer-form-group = Gruppierung
customer-form-none = Keine
customer-form-none-or-organization = Keine, oder die der Organisation
customer-form-channel = Vertriebskanal
customer-form-channel-hint = Der Vertriebskanal bestimmt die Preisliste.
customer-form-channel-price-list = (Preisliste { $name })
customer-form-store = Standardlager
customer-form-choose-a-store = Lager wählen
customer-form-store-inactive = (inaktiv)
customer-form-salesperson = Vertriebsmitarbeiter
customer-form-review-flag = Prüfmarkierung
customer-form-no-flag = Keine Markierung
customer-form-tags = Schlagwörter
customer-form-hierarchy = Hierarchie
customer-form-organization = Organisation
customer-form-organization-hint = Ein Mitglied übernimmt Gruppierung und Preisliste der Organisation, sofern es keine eigenen hat.
customer-form-bill-to = Rechnungsempfänger (Kundennummer)
customer-form-bill-to-hint = Der Kunde, der die Bestellungen und Rechnungen dieses Kunden bezahlt.
customer-form-master = Hauptkunde (Kundennummer)
customer-form-master-hint = Der Kunde, der alles darunter sieht und bezahlt.
customer-form-terms = Konditionen
customer-form-payment-terms = Zahlungsbedingungen
customer-form-none-set = Keine festgelegt
customer-form-discount = Kundenindividueller Rabatt (%)
customer-form-discount-hint = Dem Kunden als sein Preis (KIP) angezeigt: Listenpreis abzüglich dieses Rabatts.
customer-form-term-customer = Kunde mit Zahlungsziel (darf an der Kasse „Rechnung senden“ wählen)
customer-form-store-pickup = Abholung im Geschäft erlauben
customer-form-cod = Nachnahme erlauben
customer-form-payments-on-account = Zahlungen auf Rechnung erlauben
customer-form-credit = Kredit
customer-form-credit-limit = Kreditlimit
customer-form-credit-reason = Warum sich das Limit ändert
customer-form-credit-reason-hint = Nötig, wenn sich das Kreditlimit ändert: Es bleibt in der Kredithistorie des Kunden.
customer-form-credit-reason-missing = Nennen Sie den Grund für die Änderung des Kreditlimits.
customer-form-balance = Saldo
customer-form-over-limit = Über dem Limit
customer-form-tax = Steuer
customer-form-sales-tax-type = Umsatzsteuerart
customer-form-exempt = Befreite Regionen
customer-form-exempt-hint = Nur steuerpflichtige Kunden: Regionscodes, durch Kommas getrennt (z. B. CA, US-NY).
customer-form-tax-id = USt-IdNr. / Steuernummer
customer-form-accounting = Buchhaltung
customer-form-accounts-id = Buchhaltungs-ID
customer-form-accounts-id-hint = Die Kennung in Ihrer Buchhaltungssoftware.
customer-form-bank-account = Standard-Bankkonto
customer-form-forecast-code = Prognoseschlüssel
customer-form-status = Status und Bemerkungen
customer-form-active = Aktiv
customer-form-test-record = Testdatensatz (nur Buchhaltungs- und ERP-Integrationen)
customer-form-remark = Kundenbemerkung (intern)
customer-form-remark-hint = Nur für Mitarbeiter sichtbar.
customer-form-save = Änderungen speichern
customer-form-create-customer = Kunden anlegen
customer-form-create-organization = Organisation anlegen
customer-form-cancel = Abbrechen
customer-form-version-missing = Dem Formular fehlt seine Version. Laden Sie die Seite neu und versuchen Sie es erneut.

## Die Meldungen des Kundenformulars.

customer-form-choose-group = Wählen Sie eine Gruppierung aus der Liste.
customer-form-choose-channel = Wählen Sie einen Vertriebskanal aus der Liste.
customer-form-choose-store = Wählen Sie ein Lager aus der Liste.
customer-form-choose-terms = Wählen Sie Zahlungsbedingungen aus der Liste.
customer-form-choose-salesperson = Wählen Sie einen Vertriebsmitarbeiter aus der Liste.
customer-form-choose-organization = Wählen Sie eine Organisation aus der Liste.
customer-form-choose-tags = Wählen Sie Schlagwörter aus der Liste.
customer-form-name-missing = Geben Sie den Firmennamen des Kunden ein.
customer-form-store-missing = Jeder Kunde braucht ein Standardlager: Wählen Sie eines.
customer-form-choose-type = Wählen Sie Unternehmen oder Privatperson.
customer-form-choose-flag = Wählen Sie eine Farbe oder CHK aus der Liste.
customer-form-exempt-taxable-only = Nur steuerpflichtige Kunden haben befreite Regionen: Entfernen Sie diese oder wählen Sie „Steuerpflichtig“.
customer-form-choose-option = Wählen Sie eine der Möglichkeiten.
customer-form-website-invalid = Geben Sie eine Webadresse wie www.example.com ein.
customer-form-region-invalid = `{ $code }` ist kein Regionscode wie CA oder US-NY.
customer-form-language-unknown = Wählen Sie eine Sprache aus der Liste.
customer-form-account-taken-by = { $name } hat bereits diese Kundennummer.
customer-form-account-taken = Ein anderer Kunde hat bereits diese Kundennummer.
customer-form-organization-nested = Eine Organisation kann nicht zu einer anderen Organisation gehören.
customer-form-no-such-account = Kein Kunde hat die Kundennummer { $account }.
customer-form-own-bill-to = Ein Kunde kann nicht sein eigener Rechnungsempfänger oder Hauptkunde sein.
customer-form-chain-loop = { $customer } hängt über seine eigene Kette bereits von diesem Kunden ab; das ergäbe einen Kreis.

## Extended order settings.
customer-form-order-settings = Erweiterte Bestelleinstellungen
customer-form-reference-required = Bestellreferenz (Bestellnummer) an der Kasse Pflicht
customer-form-minimum-order = Mindestbestellwert
customer-form-minimum-order-hint = In der Währung seiner Preisliste; 0 für keinen.
customer-form-amount-negative = Ein Betrag hier kann nicht negativ sein.
