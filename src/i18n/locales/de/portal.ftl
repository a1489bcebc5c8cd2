## Die Seiten des Kundenportals und beide Kontoseiten (Mitarbeiter und Portal).

## Kontoseiten: Passwort, Sprache und Zeitzone.
account-password-title = Passwort ändern
account-password-heading = Passwort ändern
account-password-signs-out = Dadurch werden Sie überall sonst abgemeldet.
account-password-hint-staff = Mindestens 12 Zeichen.
account-password-changed = Ihr Passwort wurde geändert. Andere Sitzungen wurden abgemeldet.
account-preferences-heading = Sprache und Zeitzone
account-language = Sprache
account-language-automatic = Automatisch (Ihr Browser)
account-language-invalid = Wählen Sie eine der angebotenen Sprachen.
account-time-zone = Zeitzone
account-time-zone-company = Die des Unternehmens ({ $zone })
account-time-zone-invalid = „{ $zone }“ ist keine Zeitzone. Wählen Sie eine aus der Liste, etwa Europe/Berlin.
account-preferences-save = Sprache und Zeitzone speichern
account-preferences-saved = Ihre Sprache und Zeitzone wurden gespeichert.
account-role-staff = Mitarbeiter
account-role-digital-admin = Digital-Administrator
account-role-admin = Administrator

portal-account-title = Ihr Konto
portal-account-details = Ihre Angaben
portal-account-number = Kundennummer { $number }
portal-account-contact-salesperson = Um Ihren Namen oder Ihre E-Mail-Adresse zu ändern, wenden Sie sich bitte an Ihren Vertriebsmitarbeiter.
portal-account-password-heading = Passwort ändern
portal-account-password-read-only = Dies ist eine schreibgeschützte Ansicht: Das Passwort kann hier nicht geändert werden.
portal-account-password-signs-out = Dadurch werden Sie überall sonst abgemeldet.
portal-account-password-hint = Mindestens 12 Zeichen; ein kurzer Satz eignet sich gut.
portal-account-password-changed = Ihr Passwort wurde geändert. Ihre anderen Sitzungen wurden abgemeldet.
portal-account-preferences-heading = Sprache und Zeitzone
portal-account-preferences-read-only = Dies ist eine schreibgeschützte Ansicht: Sprache und Zeitzone können hier nicht geändert werden.
portal-account-preferences-saved = Ihre Sprache und Zeitzone wurden gespeichert.

## Gemeinsame Wörter der Portalseiten.
portal-field-name = Name
portal-field-email = E-Mail
portal-field-customer = Kunde
portal-field-new-password = Neues Passwort
portal-field-type-again = Noch einmal eingeben
portal-correct-fields = Bitte korrigieren Sie die markierten Felder.
portal-choose = Bitte wählen…
portal-search = Suchen
portal-previous = Zurück
portal-next = Weiter
portal-page = Seite { $page }
portal-col-customer = Kunde
portal-col-status = Status
portal-col-service = Dienst
portal-col-order = Bestellung
portal-col-placed = Bestellt
portal-col-total = Summe
portal-col-invoice = Rechnung
portal-col-tracking = Sendungsverfolgung
portal-col-sku = Artikelnummer
portal-col-product = Produkt
portal-col-for = Für
portal-col-unit = Einheit
portal-col-list-price = Listenpreis
portal-col-your-price = Ihr Preis (KIP)
portal-col-in-stock = Bestand
portal-col-location = Lager
portal-col-asked = Angefragt
portal-col-address = Adresse
portal-col-phone = Telefon
portal-col-default = Standard
portal-user-status-expired = Einladung abgelaufen
portal-price-on-request = Preis auf Anfrage

## Anmeldung, Links und Passwörter.
portal-sign-in-withdrawn = Der Portalzugang Ihres Unternehmens wurde entzogen. Bitte wenden Sie sich an Ihren Vertriebsmitarbeiter.
portal-back-to-sign-in = Zurück zur Anmeldung
portal-link-dead-title = Dieser Link funktioniert nicht mehr
portal-link-dead-why = Er wurde bereits verwendet, ist abgelaufen, oder es wurde ein neuerer versandt. Links in unseren E-Mails funktionieren einmal und nur für begrenzte Zeit.
portal-link-dead-new = Für eine neue Einladung wenden Sie sich an Ihren Ansprechpartner bei uns. Wenn Sie bereits ein Passwort haben, können Sie es zurücksetzen oder sich anmelden.
portal-link-dead-reset = Passwort zurücksetzen
portal-set-password-invitation = Passwort festlegen
portal-set-password-reset = Neues Passwort wählen
portal-set-password-lead-for = Für { $name } ({ $email }). Mindestens { $min } Zeichen; ein kurzer Satz eignet sich gut.
portal-set-password-lead = Mindestens { $min } Zeichen; ein kurzer Satz eignet sich gut.
portal-set-password-mismatch = Dies stimmt nicht mit dem Passwort oben überein.
portal-set-password-save = Passwort speichern und anmelden
portal-set-password-done = Ihr Passwort ist festgelegt und Sie sind angemeldet.
portal-forgot-title = Passwort vergessen
portal-forgot-sent = Falls { $email } zu einem Portalkonto gehört, haben wir einen Link gesendet, mit dem Sie ein neues Passwort wählen können. Er funktioniert einmal und eine Stunde lang.
portal-forgot-lead = Wir senden Ihnen per E-Mail einen Link, mit dem Sie ein neues Passwort wählen können.
portal-forgot-send = Link senden
portal-forgot-email-missing = Geben Sie Ihre E-Mail-Adresse ein.
portal-forgot-email-invalid = Das ist keine E-Mail-Adresse.

## Startseite.
portal-home-title = Startseite
portal-home-welcome = Willkommen, { $name }
portal-home-relationship = Geschäftsbeziehung:
portal-home-services = Ihre Dienste
portal-home-services-caption = Dienste und ihr Freigabe-Status
portal-home-catalogs = Kataloge, aus denen Sie bestellen können: { $catalogs }
portal-home-need-answer = { $count ->
        [one] { $count } Anfrage wartet auf Ihre Antwort.
       *[other] { $count } Anfragen warten auf Ihre Antwort.
    }
portal-home-open = { $count ->
        [one] { $count } Anfrage wartet auf unsere Entscheidung.
       *[other] { $count } Anfragen warten auf unsere Entscheidung.
    }
portal-home-salesperson = Ihr Vertriebsmitarbeiter
portal-home-no-salesperson = Es ist noch kein Vertriebsmitarbeiter zugeordnet.
portal-home-customers = Kunden, die Sie sehen

## Produkte.
portal-products-title = Produkte
portal-products-lead = Was Sie bestellen können, zu Ihren Preisen. Der Bestand wird für die Lager angezeigt, aus denen Sie kaufen können.
portal-products-search-label = Produkte suchen
portal-products-search-field = Produktname oder Artikelnummer
portal-products-count = { $count ->
        [one] { $count } Produkt.
       *[other] { $count } Produkte.
    }
portal-products-count-matching = { $count ->
        [one] { $count } Produkt passt zu „{ $q }“.
       *[other] { $count } Produkte passen zu „{ $q }“.
    }
portal-products-no-ordering = Die Bestellung ist für Sie nicht freigeschaltet, daher gibt es keine Produkte anzuzeigen.
portal-products-ask-for-it = Freischaltung anfragen
portal-products-none = Es sind noch keine Produkte für Sie verfügbar.
portal-products-no-match = Nichts passt zu Ihrer Suche.
portal-products-caption = Produkte mit Ihren Preisen
portal-products-made-for-you = Für Sie gefertigt
portal-products-pages = Seiten der Produkte
portal-products-all = Alle Produkte
portal-product-made-for = gefertigt für { $customer }
portal-product-prices-for = Preise für { $customer }
portal-product-price = Preis
portal-product-stock = Bestand
portal-product-no-stock = Ihnen werden keine Lager angezeigt. Fragen Sie Ihren Vertriebsmitarbeiter.
portal-product-stock-caption = Bestand nach Lager

## Bestellungen.
portal-orders-title = Bestellungen
portal-orders-lead = Ihre Bestellungen, neueste zuerst.
portal-orders-lead-several = Bestellungen von { $count } Kunden, die Sie sehen, neueste zuerst.
portal-orders-filter = Bestellungen filtern
portal-orders-any-status = Jeder Status
portal-orders-show = Anzeigen
portal-orders-none = Keine Bestellungen.
portal-orders-none-page = Keine Bestellungen auf dieser Seite.
portal-orders-none-status = Keine Bestellungen mit diesem Status.
portal-orders-none-status-page = Keine Bestellungen mit diesem Status auf dieser Seite.
portal-orders-caption = Bestellungen, neueste zuerst
portal-orders-pages = Seiten der Bestellungen
portal-orders-newer = Neuere Bestellungen
portal-orders-older = Ältere Bestellungen
portal-order-title = Bestellung { $number }
portal-order-channel = Vertriebskanal
portal-order-invoice-number = Rechnungsnummer
portal-order-tracking-number = Sendungsnummer
portal-order-all = Alle Bestellungen

## Lieferadressen.
portal-ship-to-title = Lieferadressen
portal-ship-to-lead = Wohin wir Ihre Bestellungen liefern. Für Änderungen wenden Sie sich bitte an Ihren Vertriebsmitarbeiter.
portal-ship-to-lead-several = Wohin wir für die Kunden liefern, die Sie sehen. Für Änderungen wenden Sie sich bitte an Ihren Vertriebsmitarbeiter.
portal-ship-to-download = Lieferadressen herunterladen (CSV)
portal-ship-to-none = Noch keine Lieferadressen.
portal-ship-to-default = Standard-Lieferadresse
portal-users-title = Benutzer
portal-users-lead = Die Personen Ihrer Firma, die sich hier anmelden können, und was jede darf. Jede wählt ihr Passwort selbst über einen per E-Mail gesendeten Link.
portal-users-you = (Sie)
portal-ship-to-propose-title = Lieferadresse vorschlagen
portal-ship-to-propose-change = Eine Änderung von { $address }.
portal-ship-to-propose-new = Eine neue Lieferadresse.
portal-ship-to-propose-lead = Wir prüfen sie zuerst: Sie gilt, sobald sie genehmigt ist, und Ihre Anfragenliste zeigt das Ergebnis.
portal-ship-to-propose-send = Vorschlag senden
portal-ship-to-propose-add = Neue Adresse vorschlagen
portal-ship-to-propose-link = Änderung vorschlagen
portal-ship-to-proposed = Vielen Dank: Ihr Vorschlag wartet auf unsere Genehmigung. Diese Liste zeigt, wann darüber entschieden ist.
portal-contacts-title = Kontakte
portal-contacts-lead = Die Personen Ihrer Firma, denen wir schreiben, und worüber jede benachrichtigt wird.
portal-contacts-none = Noch keine Kontakte.
portal-contact-title = Kontakt: { $name }
portal-contact-edit = Bearbeiten
portal-contact-save = Kontakt speichern
portal-contact-saved = { $name } wurde gespeichert.
portal-contact-stale = Jemand hat diesen Kontakt inzwischen geändert: So sieht er jetzt aus. Nehmen Sie Ihre Änderung bitte erneut vor.
portal-contact-add = Kontakt hinzufügen
portal-contact-new-title = Neuer Kontakt
portal-contact-create = Kontakt hinzufügen
portal-contact-delete-title = Den Kontakt { $name } löschen?
portal-contact-delete-explain = { $name } ist dann keiner Ihrer Kontakte mehr und wird von uns über nichts mehr benachrichtigt.
portal-contact-delete-primary = { $name } ist Ihr Hauptkontakt: Der zuerst angelegte der übrigen Kontakte wird zum Hauptkontakt.
portal-contact-delete-last = { $name } ist Ihr einziger Kontakt: Bis Sie einen weiteren hinzufügen, haben wir in Ihrer Firma niemanden, dem wir schreiben können.
portal-contact-delete-button = { $name } löschen
portal-contact-delete-keep = Kontakt behalten

## Anfragen.
portal-requests-title = Ihre Anfragen
portal-requests-lead = Was Sie bei uns angefragt haben, neueste zuerst.
portal-requests-none = Sie haben noch nichts angefragt.
portal-requests-caption = Ihre Anfragen, neueste zuerst
portal-requests-all = Alle Ihre Anfragen
portal-request-new-title = Neue Anfrage
portal-request-new-heading = Dienste oder Anbindungen anfragen
portal-request-new-lead = Wählen Sie, was Sie wünschen; wir prüfen Ihre Anfrage und benachrichtigen Sie per E-Mail.
portal-request-services = Dienste
portal-request-ordering-hint = (online aus unseren Katalogen bestellen)
portal-request-nothing-to-ask = Jeder Dienst ist bereits aktiv oder wartet auf unsere Entscheidung.
portal-request-already = Bereits aktiv oder angefragt:
portal-request-service-status = { $service } ({ $status })
portal-request-message = Nachricht (optional)
portal-request-message-hint = Alles, was wir wissen sollten: Ihr EDI-Standard, Ihr Ansprechpartner…
portal-request-send = Anfrage senden
portal-request-sent = Vielen Dank: Ihre Anfrage wurde gesendet. Wir benachrichtigen Sie per E-Mail, sobald darüber entschieden ist.
portal-request-title = Anfrage: { $services }
portal-request-waiting-on-you = Wartet auf Ihre Antwort
portal-request-asked = angefragt am
portal-request-for = für { $customer }
portal-request-details = Details
portal-request-your-message = Ihre Nachricht
portal-request-why-not = Warum sie nicht freigegeben wurde
portal-request-our-question = Unsere Frage
portal-request-your-answer = Ihre Antwort
portal-request-decided = Entschieden am
portal-request-answer = Antwort
portal-request-send-answer = Antwort senden
portal-answer-missing = Schreiben Sie Ihre Antwort.
portal-answer-invalid = Verwenden Sie höchstens { $max } Zeichen, ohne Steuerzeichen.
portal-answer-sent = Vielen Dank: Ihre Antwort wurde gesendet und die Anfrage liegt wieder bei uns.
portal-contract-price = Vertragspreis
portal-product-tiers = Ihre Vertragspreise
portal-product-tier = { $quantity ->
    [1] { $price }
   *[other] Ab { $quantity }: { $price }
  }
portal-product-tier-until = bis { $date }
