## Die Reiter eines Kundendatensatzes unter seinem Kopf: Adressen, Kontakte, Notizen, die
## Warnung der Beobachtungsliste, Historie, Leistungen und Anfragen, Kataloge und Produkte,
## Portalbenutzer. $kind ist "address" oder "contact" (die Unterdatensätze eines Kunden).

customer-parts-optional = (optional)
customer-parts-actions = Aktionen
customer-parts-none = Keine Angabe
customer-parts-nothing = Nichts
customer-parts-primary-badge = { $kind ->
    [address] Hauptadresse
   *[contact] Hauptkontakt
  }
customer-parts-edit = Bearbeiten
customer-parts-delete = Löschen
customer-parts-cancel = Abbrechen
customer-parts-add = Hinzufügen
customer-parts-never = Nie
customer-parts-yes = Ja
customer-parts-no = Nein

## Die Unterdatensätze eines Kunden: Liste, Formular, „zwischenzeitlich geändert“.

customer-parts-list-title = { $kind ->
    [address] Adressen
   *[contact] Kontakte
  }
customer-parts-list-page-title = { $kind ->
    [address] Adressen
   *[contact] Kontakte
  } · { $customer }
customer-parts-list-caption = { $kind ->
    [address] Adressen
   *[contact] Kontakte
  } von { $customer }
customer-parts-list-empty = { $kind ->
    [address] Noch keine Adressen. Die erste angelegte Adresse wird die Hauptadresse.
   *[contact] Noch keine Kontakte. Der erste angelegte Kontakt wird der Hauptkontakt.
  }
customer-parts-list-showing = { $shown } von { $total } { $kind ->
    [address] Adressen
   *[contact] Kontakten
  } angezeigt.
customer-parts-record-named = { $kind ->
    [address] Adresse
   *[contact] Kontakt
  } { $name }
customer-parts-add-record = { $kind ->
    [address] Adresse hinzufügen
   *[contact] Kontakt hinzufügen
  }
customer-parts-save-record = { $kind ->
    [address] Adresse speichern
   *[contact] Kontakt speichern
  }
customer-parts-add-heading = { $kind ->
    [address] Adresse hinzufügen
   *[contact] Kontakt hinzufügen
  }
customer-parts-edit-heading = { $kind ->
    [address] Adresse bearbeiten
   *[contact] Kontakt bearbeiten
  }
customer-parts-add-page-title = { $kind ->
    [address] Adresse hinzufügen
   *[contact] Kontakt hinzufügen
  } · { $customer }
customer-parts-edit-page-title = { $kind ->
    [address] Adresse bearbeiten
   *[contact] Kontakt bearbeiten
  } · { $customer }
customer-parts-primary-label = { $kind ->
    [address] Hauptadresse
   *[contact] Hauptkontakt
  }
customer-parts-primary-hint-kept = { $kind ->
    [address] Dies ist die Hauptadresse. Um das zu ändern, machen Sie eine andere Adresse zur Hauptadresse.
   *[contact] Dies ist der Hauptkontakt. Um das zu ändern, machen Sie einen anderen Kontakt zum Hauptkontakt.
  }
customer-parts-primary-hint-takes-over = { $kind ->
    [address] Ersetzt die bisherige Hauptadresse.
   *[contact] Ersetzt den bisherigen Hauptkontakt.
  }
customer-parts-primary-kept = { $kind ->
    [address] Ein Kunde mit Adressen hat immer eine Hauptadresse. Um sie zu ändern, machen Sie eine andere Adresse zur Hauptadresse.
   *[contact] Ein Kunde mit Kontakten hat immer einen Hauptkontakt. Um ihn zu ändern, machen Sie einen anderen Kontakt zum Hauptkontakt.
  }
customer-parts-form-problem = Es wurde nichts gespeichert. Bitte korrigieren Sie { $count ->
    [one] das unten markierte Feld
   *[other] die { $count } unten markierten Felder
  }.
customer-parts-added = { $kind ->
    [address] Adresse „{ $name }“ wurde hinzugefügt.
   *[contact] Kontakt { $name } wurde hinzugefügt.
  }
customer-parts-added-primary = { $kind ->
    [address] Adresse „{ $name }“ wurde als Hauptadresse hinzugefügt.
   *[contact] Kontakt { $name } wurde als Hauptkontakt hinzugefügt.
  }
customer-parts-saved = { $kind ->
    [address] Adresse „{ $name }“ wurde gespeichert.
   *[contact] Kontakt { $name } wurde gespeichert.
  }
customer-parts-deleted = { $kind ->
    [address] Adresse „{ $name }“ wurde gelöscht.
   *[contact] Kontakt { $name } wurde gelöscht.
  }
customer-parts-deleted-promoted = { $kind ->
    [address] Adresse „{ $name }“ wurde gelöscht. „{ $promoted }“ ist jetzt die Hauptadresse.
   *[contact] Kontakt { $name } wurde gelöscht. { $promoted } ist jetzt der Hauptkontakt.
  }

customer-parts-changed-saved = { $kind ->
    [address] Jemand anderes hat diese Adresse gespeichert, nachdem Sie das Formular geöffnet hatten.
   *[contact] Jemand anderes hat diesen Kontakt gespeichert, nachdem Sie das Formular geöffnet hatten.
  }
customer-parts-changed-nothing-saved = Von Ihren Eingaben wurde nichts gespeichert.
customer-parts-changed-compare = Ihre Eingaben sind unten erhalten. Vergleichen Sie sie mit { $kind ->
    [address] der Adresse
   *[contact] dem Kontakt
  } in der jetzigen Fassung und speichern Sie erneut, um sie zu ersetzen, oder
customer-parts-changed-back = kehren Sie zur Liste zurück
customer-parts-changed-heading = Zwischenzeitlich geändert: { $kind ->
    [address] die Adresse
   *[contact] der Kontakt
  } in der jetzigen Fassung
customer-parts-changed-empty = (leer)
customer-parts-changed-differs = weicht von Ihrer Eingabe ab

## Adressen

customer-parts-address-kind = Art
customer-parts-address-label = Bezeichnung
customer-parts-address-label-hint = Ein Name für diese Adresse, etwa „Lager“.
customer-parts-address-line1 = Adresszeile 1
customer-parts-address-line2 = Adresszeile 2
customer-parts-address-postcode = Postleitzahl
customer-parts-address-city = Ort
customer-parts-address-region = Region
customer-parts-address-country = Land
customer-parts-address-country-hint = Zwei Buchstaben, etwa DE, FR oder GB.
customer-parts-phone = Telefon
customer-parts-phone-hint = Nur Ziffern, Leerzeichen und + - ( ) .
customer-parts-address-use = Verwendung dieser Adresse
customer-parts-address-first-primary-hint = Die erste Adresse ist immer die Hauptadresse.
customer-parts-address-default-billing = Standard-Rechnungsadresse
customer-parts-address-default-billing-hint = Nur für Rechnungsadressen.
customer-parts-address-default-shipping = Standard-Lieferadresse
customer-parts-address-default-shipping-hint = Nur für Lieferadressen.
customer-parts-address-download = Lieferadressen herunterladen (CSV)
customer-parts-address-column = Adresse
customer-parts-address-status = Status
customer-parts-badge-default-billing = Standard-Rechnung
customer-parts-badge-default-shipping = Standard-Lieferung
customer-parts-address-kind-invalid = Wählen Sie Rechnungsadresse, Lieferadresse oder Verwaltung.
customer-parts-address-line1-missing = Geben Sie die erste Zeile der Adresse ein.
customer-parts-address-city-missing = Geben Sie den Ort ein.
customer-parts-address-country-invalid = Geben Sie das Land als Code aus zwei Buchstaben ein, etwa DE.
customer-parts-address-billing-only = Nur eine Rechnungsadresse kann Standard-Rechnungsadresse sein.
customer-parts-address-shipping-only = Nur eine Lieferadresse kann Standard-Lieferadresse sein.

## Kontakte

customer-parts-contact-name = Name
customer-parts-contact-job-title = Position
customer-parts-contact-email = E-Mail
customer-parts-contact-notified-of = Benachrichtigt über
customer-parts-contact-notify = Diesen Kontakt benachrichtigen über
customer-parts-contact-bill-to-hint = Die Benachrichtigungen des Auftraggebers betreffen die Bestellungen und Rechnungen der Kunden, die über diesen Kunden abrechnen.
customer-parts-contact-unoffered-hint = Dieser Kontakt hat noch Benachrichtigungen des Auftraggebers aus der Zeit, als andere Kunden über diesen abrechneten; beim Speichern werden sie entfernt.
customer-parts-contact-events-invalid = Wählen Sie nur aus den aufgeführten Benachrichtigungen.
customer-parts-contact-name-missing = Geben Sie den Namen des Kontakts ein.
customer-parts-contact-sell-to-only = Benachrichtigungen des Auftraggebers gibt es nur für einen Kunden, über den andere Kunden abrechnen.

## Historie

customer-parts-history-title = Historie · { $customer }
customer-parts-history-heading = Historie ({ $count ->
    [one] { $count } Änderung
   *[other] { $count } Änderungen
  })
customer-parts-history-empty = Keine Änderungen verzeichnet.
customer-parts-history-pages = Seiten der Historie
customer-parts-history-newer = Neuere Änderungen
customer-parts-history-older = Ältere Änderungen
customer-parts-history-caption = Änderungen, neueste zuerst
customer-parts-history-when = Wann
customer-parts-history-who = Wer
customer-parts-history-what = Was
customer-parts-history-field = Feld
customer-parts-history-from = Von
customer-parts-history-to = Zu
customer-parts-history-system = das System
customer-parts-history-change = { $entity ->
    [customer] Kunde
    [address] Adresse
    [contact] Kontakt
    [note] Notiz
    [watch] Warnung der Beobachtungsliste
    [merge] Zusammenführung
    [request] Anfrage
    [relationship] Geschäftsbeziehung
    [user] Kundenbenutzer
    [catalog] Katalog
    [product] Kundenspezifisches Produkt
    [stock_location] Bestandsort
    [posting] Konten
    [prices] Vertragspreise
   *[other] { $entity }
  } { $action ->
    [create] hinzugefügt
    [update] geändert
    [delete] entfernt
    [merge] zusammengeführt
    [approve] freigegeben
    [reject] abgelehnt
    [ask_info] zur Klärung zurückgegeben
    [answer] beantwortet
    [invite] eingeladen
    [revoke] gesperrt
    [view_as] angesehen (Nur-Lese-Portal)
    [enable] aktiviert
    [disable] deaktiviert
    [post] gebucht
    [remind] gemahnt
    [statement] Kontoauszug gesendet
   *[other] { $action }
  }
customer-parts-history-field-primary = Haupteintrag
customer-parts-history-field-default-billing = Standard-Rechnung
customer-parts-history-field-default-shipping = Standard-Lieferung
customer-parts-history-field-notifications = Benachrichtigungen
customer-parts-history-field-note = Notiz
customer-parts-history-field-watch = Warnung der Beobachtungsliste
customer-parts-history-field-merged-from = Zusammengeführt aus
customer-parts-history-field-merged-into = Zusammengeführt in
customer-parts-history-field-customer = Kunde
customer-parts-history-field-invitation-again = Einladung erneut gesendet an
customer-parts-history-field-status = Status
customer-parts-history-field-role = Rolle
customer-parts-history-field-ship-to = Lieferadresse
customer-parts-history-field-viewed-as = Portal angesehen als
customer-parts-history-field-relationship = Geschäftsbeziehung
customer-parts-history-field-services = Angefragte Leistungen
customer-parts-history-field-request = Anfrage
customer-parts-history-field-reason = Begründung
customer-parts-history-field-catalogs = Freigeschaltete Kataloge
customer-parts-history-field-answer = Antwort
customer-parts-history-field-catalog = Katalog
customer-parts-history-field-product = Kundenspezifisches Produkt
customer-parts-history-field-stock = Bestand sichtbar in

## Die eigenen Felder des Kunden, wie die Historie sie nennt (src/models/customers/customer_fields.rs).

customer-parts-history-customer-account-number = Kundennummer
customer-parts-history-customer-legal-name = Firmenname
customer-parts-history-customer-trading-name = Handelsname
customer-parts-history-customer-kind = Datensatzart
customer-parts-history-customer-customer-type = Typ
customer-parts-history-customer-customer-group-id = Gruppierung
customer-parts-history-customer-sales-channel-id = Vertriebskanal
customer-parts-history-customer-default-store-id = Standardlager
customer-parts-history-customer-phone = Haupttelefon
customer-parts-history-customer-alt-phone = Weiteres Telefon
customer-parts-history-customer-email = E-Mail
customer-parts-history-customer-website = Website
customer-parts-history-customer-salesperson-id = Vertriebsmitarbeiter
customer-parts-history-customer-tax-id = Steuernummer
customer-parts-history-customer-accounts-id = Buchhaltungsnummer
customer-parts-history-customer-default-bank-account = Standard-Bankkonto
customer-parts-history-customer-forecast-code = Prognosecode
customer-parts-history-customer-active = Aktiv
customer-parts-history-customer-test-record = Testdatensatz
customer-parts-history-customer-term-customer = Zielkunde
customer-parts-history-customer-allow-store-pickup = Abholung im Lager erlaubt
customer-parts-history-customer-allow-cod = Nachnahme erlaubt
customer-parts-history-customer-allow-payments-on-account = Zahlung auf Rechnung erlaubt
customer-parts-history-customer-reference-required = Bestellreferenz Pflicht
customer-parts-history-customer-minimum-order = Mindestbestellwert
customer-parts-history-customer-payment-terms-id = Zahlungsbedingungen
customer-parts-history-customer-credit-limit = Kreditlimit
customer-parts-history-customer-balance = Saldo
customer-parts-history-customer-over-limit-policy = Verhalten bei Limitüberschreitung
customer-parts-history-customer-discount = Rabatt
customer-parts-history-customer-sales-tax-type = Umsatzsteuerart
customer-parts-history-customer-exempt-jurisdictions = Steuerbefreite Gebiete
customer-parts-history-customer-review-flag = Prüfmarkierung
customer-parts-history-customer-internal-remark = Kundenbemerkung
customer-parts-history-customer-organization-id = Organisation
customer-parts-history-customer-bill-to-account = Rechnungsempfänger
customer-parts-history-customer-master-account = Hauptkunde
customer-parts-history-customer-tags = Schlagwörter

## Notizen und die Beobachtungsliste

customer-parts-notes-title = Notizen · { $customer }
customer-parts-notes-heading = Notizen ({ $count })
customer-parts-notes-add-label = Notiz hinzufügen
customer-parts-notes-add-hint = Mit Ihrem Namen und der Uhrzeit versehen.
customer-parts-notes-add = Notiz hinzufügen
customer-parts-notes-empty = Noch keine Notizen.
customer-parts-notes-pages = Seiten der Notizen
customer-parts-notes-newer = Neuere Notizen
customer-parts-notes-older = Ältere Notizen
customer-parts-notes-former-colleague = eine ehemalige Kollegin oder ein ehemaliger Kollege
customer-parts-note-missing = Schreiben Sie zuerst die Notiz.
customer-parts-watch-missing = Schreiben Sie zuerst die Warnung.
customer-parts-text-too-long = Verwenden Sie höchstens { $max } Zeichen und keine Steuerzeichen.
customer-parts-note-added = Ihre Notiz wurde hinzugefügt.
customer-parts-watch-on = Der Kunde steht auf der Beobachtungsliste.
customer-parts-watch-off = Der Kunde steht nicht mehr auf der Beobachtungsliste.
customer-parts-watch-title = Beobachtungsliste · { $customer }
customer-parts-watch-heading = Warnung der Beobachtungsliste
customer-parts-watch-change-label = Warnung ändern
customer-parts-watch-put-label = Mit dieser Warnung auf die Beobachtungsliste setzen
customer-parts-watch-hint = Erscheint oben auf jeder Seite dieses Kunden, z. B. „Schickt mehrere Artikel mit Schadensmeldung zurück: vor dem Versand prüfen“.
customer-parts-watch-change = Warnung ändern
customer-parts-watch-put = Auf die Beobachtungsliste setzen
customer-parts-watch-list-title = Beobachtungsliste
customer-parts-watch-list-lead = Kunden mit einer dauerhaften Warnung. { $count } auf der Liste.
customer-parts-watch-list-empty = Niemand steht auf der Beobachtungsliste.
customer-parts-watch-list-caption = Beobachtete Kunden, neueste Warnung zuerst
customer-parts-watch-list-customer = Kunde
customer-parts-watch-list-warning = Warnung
customer-parts-watch-list-set-by = Gesetzt von
customer-parts-watch-list-when = Wann

## Leistungen und Anfragen

customer-parts-requests-title = Leistungen und Anfragen · { $customer }
customer-parts-requests-status-heading = Geschäftsbeziehung und Leistungen
customer-parts-requests-relationship = Geschäftsbeziehung
customer-parts-requests-catalogs = Kataloge
customer-parts-requests-no-catalogs = Keine freigeschaltet
customer-parts-requests-switch-one-off = Eine Leistung abschalten
customer-parts-requests-switch-off = Abschalten
customer-parts-requests-restore = Wieder einschalten, was vorher eingeschaltet war: { $services }
customer-parts-requests-block = Sperren
customer-parts-requests-deactivate = Deaktivieren
customer-parts-requests-unblock = Entsperren
customer-parts-requests-reactivate = Reaktivieren
customer-parts-requests-record-heading = Anfrage erfassen
customer-parts-requests-record-lead = Im Namen des Kunden: Die Anfrage wartet unter den offenen Anfragen auf Freigabe.
customer-parts-requests-services-asked = Angefragte Leistungen
customer-parts-requests-salesperson = Vertriebsmitarbeiter
customer-parts-requests-choose = Bitte wählen…
customer-parts-requests-message = Nachricht (optional)
customer-parts-requests-message-hint = Was der Kunde zu der Anfrage gesagt hat.
customer-parts-requests-record = Anfrage erfassen
customer-parts-requests-heading = Anfragen ({ $count })
customer-parts-requests-empty = Noch keine Anfragen.
customer-parts-requests-caption = Anfragen, neueste zuerst
customer-parts-requests-asked = Angefragt
customer-parts-requests-services = Leistungen
customer-parts-requests-status = Status
customer-parts-requests-decided = Entschieden
customer-parts-requests-recorded = Die Anfrage wurde erfasst und wartet unter den offenen Anfragen auf Freigabe.
customer-parts-requests-relationship-now = Die Geschäftsbeziehung ist jetzt { $status ->
    [pending] eine offene Anfrage
    [active] freigeschaltet
    [rejected] abgelehnt
    [blocked] gesperrt
   *[inactive] inaktiv
  }.
customer-parts-requests-switched-off = { $service ->
    [ordering] Bestellen
    [orders] Bestellungen
    [order_acknowledgements] Auftragsbestätigungen
    [ship_notices] Versandavis
    [invoices] Rechnungen
   *[price_files] Preisdateien
  } { $service ->
    [ordering] wurde
    [ship_notices] wurde
   *[other] wurden
  } abgeschaltet.
customer-parts-services-caption = Leistungen und Schnittstellen
customer-parts-services-service = Leistung
customer-parts-services-status = Status
customer-parts-services-restored = (wird beim Entsperren wiederhergestellt)

## Kataloge und Produkte

customer-parts-catalogs-title = Kataloge und Produkte · { $customer }
customer-parts-catalogs-read-only = Sie sehen, was diesem Kunden angeboten wird; ändern können es Administratoren und digitale Administratoren.
customer-parts-catalogs-heading = Kataloge
customer-parts-catalogs-lead = Die Benutzer des Kunden sehen die aktiven Produkte der aktiven Kataloge, die hier freigeschaltet sind.
customer-parts-catalogs-lead-ordering = Die Benutzer des Kunden sehen die aktiven Produkte der aktiven Kataloge, die hier freigeschaltet sind. Das Bestellen ist freigeschaltet, daher muss mindestens ein Katalog freigeschaltet bleiben.
customer-parts-catalogs-none = Es gibt keine Kataloge. Administratoren legen sie unter Verwaltung → Kataloge an.
customer-parts-catalogs-caption = Kataloge für diesen Kunden
customer-parts-catalogs-catalog = Katalog
customer-parts-catalogs-for-customer = Für diesen Kunden
customer-parts-catalogs-deactivated = Deaktiviert
customer-parts-catalogs-enabled = Freigeschaltet
customer-parts-catalogs-enabled-by-on = von { $name } am { $date }
customer-parts-catalogs-enabled-on = am { $date }
customer-parts-catalogs-not-enabled = Nicht freigeschaltet
customer-parts-catalogs-disable = Sperren
customer-parts-catalogs-enable = Freischalten
customer-parts-stock-heading = Bestandsanzeige
customer-parts-stock-lead = Die Lager, deren Bestand die Benutzer des Kunden neben jedem Produkt sehen.
customer-parts-stock-show-at = Bestand anzeigen für
customer-parts-stock-deactivated = (deaktiviert: es wird kein Bestand angezeigt)
customer-parts-stock-save = Bestandsorte speichern
customer-parts-stock-none = Diesem Kunden wird kein Bestand angezeigt.
customer-parts-specific-heading = Kundenspezifische Produkte ({ $count })
customer-parts-specific-lead = Für diesen Kunden gefertigte Produkte: Nur seine Benutzer (und die der Kunden, deren Hauptkunde oder Rechnungsempfänger er ist) sehen sie, nie über einen Katalog.
customer-parts-specific-none = Keine.
customer-parts-specific-caption = Kundenspezifische Produkte
customer-parts-specific-sku = Artikelnummer
customer-parts-specific-name = Name
customer-parts-specific-unit = Einheit
customer-parts-specific-status = Status
customer-parts-specific-added = Hinzugefügt
customer-parts-specific-active = Aktiv
customer-parts-specific-inactive = Inaktiv
customer-parts-specific-remove = Entfernen
customer-parts-specific-add-label = Produkte per Artikelnummer hinzufügen
customer-parts-specific-add-hint = Eine Artikelnummer oder mehrere (bis zu { $max }), getrennt durch Leerzeichen oder Kommas. Hier werden nur kundenspezifische Produkte hinzugefügt.
customer-parts-catalog-enabled = Der Katalog „{ $name }“ ist freigeschaltet: Seine Produkte erscheinen im Portal dieses Kunden.
customer-parts-catalog-enabled-already = Der Katalog „{ $name }“ war bereits freigeschaltet.
customer-parts-catalog-disabled = Der Katalog „{ $name }“ ist für diesen Kunden gesperrt.
customer-parts-catalog-not-enabled = Der Katalog „{ $name }“ war für diesen Kunden nicht freigeschaltet.
customer-parts-product-removed = { $product } wird diesem Kunden nicht mehr angeboten.
customer-parts-product-not-offered = Dieses Produkt wurde diesem Kunden nicht (mehr) angeboten.
customer-parts-stock-added = Bestand wird jetzt angezeigt für: { $added }.
customer-parts-stock-removed = Bestand wird nicht mehr angezeigt für: { $removed }.
customer-parts-stock-added-removed = Bestand wird jetzt angezeigt für: { $added }. Bestand wird nicht mehr angezeigt für: { $removed }.
customer-parts-stock-unchanged = Nichts geändert.
customer-parts-skus-added = { $count ->
    [0] Es wurde nichts hinzugefügt.
    [one] { $skus } wurde hinzugefügt.
   *[other] { $count } Produkte wurden hinzugefügt: { $skus }{ $more ->
        [0] {""}
       *[other] {" "}und { $more } weitere
    }.
  }
customer-parts-skus-added-had = { $count ->
    [0] Es wurde nichts hinzugefügt.
    [one] { $skus } wurde hinzugefügt.
   *[other] { $count } Produkte wurden hinzugefügt: { $skus }{ $more ->
        [0] {""}
       *[other] {" "}und { $more } weitere
    }.
  } Der Kunde hatte bereits { $had }{ $had_more ->
    [0] {""}
   *[other] {" "}und { $had_more } weitere
  }.
customer-parts-specific-public = { $sku } ist ein öffentliches Produkt, das über Kataloge angeboten wird. Hier werden nur kundenspezifische Produkte hinzugefügt; machen Sie es zuerst auf seiner Produktseite kundenspezifisch (Verwaltung → Produkte). Es wurde nichts hinzugefügt.

## Portalbenutzer

customer-parts-users-title = Portalbenutzer · { $customer }
customer-parts-users-heading = Portalbenutzer
customer-parts-users-lead = Personen bei { $customer }, die sich im Kundenportal anmelden können. Jede wählt ihr Passwort selbst über einen per E-Mail gesendeten Link; hier sieht es niemand.
customer-parts-users-empty = Noch keine Portalbenutzer.
customer-parts-users-caption = Portalbenutzer von { $customer }
customer-parts-users-name = Name
customer-parts-users-email = E-Mail
customer-parts-users-status = Status
customer-parts-users-last-sign-in = Letzte Anmeldung
customer-parts-users-expired = Einladung abgelaufen
customer-parts-users-until = bis
customer-parts-users-invite-again = Erneut einladen
customer-parts-users-new-link = Neuen Link senden
customer-parts-users-to-name = an { $name }
customer-parts-users-view-as = Ansehen als
customer-parts-users-revoke = Zugang entziehen
customer-parts-users-invite-heading = Benutzer einladen
customer-parts-users-form-problem = Bitte korrigieren Sie die markierten Felder.
customer-parts-users-email-hint = Hierhin geht die Einladung; der Link darin funktioniert einmal, 72 Stunden lang.
customer-parts-users-send = Einladung senden
customer-parts-users-name-missing = Geben Sie den Namen der Person ein.
customer-parts-users-email-missing = Geben Sie die E-Mail-Adresse ein, an die die Einladung geht.
customer-parts-users-invited = { $name } wurde mit der Rolle „{ $role }“ eingeladen: Eine E-Mail mit einem Link zum Wählen eines Passworts ist unterwegs an { $email }. Der Link funktioniert 72 Stunden lang.
customer-parts-users-resent = Eine neue Einladung ist unterwegs an { $email }; der frühere Link funktioniert nicht mehr.
customer-parts-users-revoked = { $name } kann sich nicht mehr anmelden; Sitzungen und Links wurden beendet.
customer-parts-users-role = Rolle
customer-parts-users-role-hint = Einkauf bestellt; Buchhaltung sieht Rechnungen und Kontoauszüge; Nur lesen sieht Produkte und Bestellungen; ein Kunden-Admin darf all das und verwaltet die Benutzer. Der erste Benutzer eines Kunden ist immer sein Admin.
customer-parts-users-role-of = Rolle von { $name }
customer-parts-users-role-save = Rolle ändern
customer-parts-users-role-set = { $name } hat jetzt die Rolle: { $role }.
customer-parts-history-customer-language = Sprache für E-Mails
customer-parts-history-field-prices = Vertragspreise
customer-parts-prices-heading = Vertragspreise
customer-parts-prices-lead = Mit diesem Kunden vereinbarte Preise. Jeder gilt ab seiner Mindestmenge, zwischen seinem ersten und letzten Tag, und ersetzt den Listenpreis abzüglich des Kundenrabatts im Portal, im Warenkorb und in Bestellungen. Eine Preisdatei ersetzt alle.
customer-parts-prices-count = { $count ->
    [0] Keine Vertragspreise.
    [one] Ein Vertragspreis.
   *[other] { $count } Vertragspreise.
  }
customer-parts-prices-replaced = Letzte Preisdatei: { $date }, { $name }.
customer-parts-prices-download = Als CSV herunterladen
customer-parts-prices-file = Preisdatei (CSV)
customer-parts-prices-file-hint = Spalten sku und price (8.50), bei Bedarf min_quantity, valid_from und valid_to (2026-12-31); höchstens { $max } Zeilen. Eine Datei nur mit Kopfzeile entfernt alle.
customer-parts-prices-upload = Vertragspreise ersetzen
customer-parts-prices-done = Vertragspreise ersetzt: { $count ->
    [one] ein Preis
   *[other] { $count } Preise
  } in { $currency }.
customer-parts-prices-line = Zeile { $line }: { $reason }
customer-parts-prices-choose = Wählen Sie eine Preisdatei (CSV).
customer-parts-prices-too-large = Die Datei ist größer als { $max }.
prices-too-many = Eine Preisdatei hat höchstens { $max } Zeilen.
prices-sku-missing = Die Artikelnummer fehlt.
prices-sku-unknown = Kein Produkt hat diese Artikelnummer.
prices-price-negative = Der Preis muss 0 oder mehr sein.
prices-min-quantity-invalid = Die Mindestmenge muss eine ganze Zahl ab 1 sein.
prices-valid-to-before-from = Der letzte Tag liegt vor dem ersten.
prices-line-twice = Dieselbe Artikelnummer, Mindestmenge und derselbe erste Tag stehen schon in einer früheren Zeile.
prices-no-price-list = Dieser Kunde hat keine Preisliste, seine Vertragspreise hätten also keine Währung: Geben Sie ihm zuerst einen Vertriebskanal mit Preisliste.
prices-csv-empty = Die Datei ist leer: Sie braucht eine Kopfzeile (sku,price,…) und eine Zeile je Preis.
prices-csv-column = Es gibt keine Spalte „{ $column }“: Die Spalten sind sku, price, min_quantity, valid_from und valid_to.
prices-csv-column-missing = Die Kopfzeile braucht die Spalte „{ $column }“.
prices-csv-fields = Die Zeile hat { $found } Felder, die Kopfzeile { $expected }.
prices-csv-value = { $column } „{ $value }“ ist nicht lesbar (Preise wie 8.50, ganze Mengen, Tage wie 2026-12-31).
customer-parts-prices-not-utf8 = Die Datei ist kein UTF-8-Text: Speichern Sie sie als „CSV UTF-8“.
