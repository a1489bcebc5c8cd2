## Administration (Mitarbeitende, Stammdaten, Kataloge, Produkte, Import, Postausgang, Wartung,
## Zusammenführen) und die Freigabe-Warteschlange.

admin-col-name = Name
admin-col-status = Status
admin-col-products = Produkte
admin-col-customers = Kunden
admin-col-sku = Artikelnummer
admin-col-unit = Einheit
admin-col-actions = Aktionen
admin-field-name = Name
admin-field-skus = Artikelnummern
admin-status-active = Aktiv
admin-status-deactivated = Deaktiviert
admin-status-inactive = Inaktiv
admin-find = Suchen
admin-cancel = Abbrechen
admin-save-changes = Änderungen speichern
admin-pages = Seiten
admin-previous-page = Vorherige Seite
admin-next-page = Nächste Seite
admin-page-of = Seite { $page } von { $pages }
admin-yes = Ja
admin-no = Nein
admin-none = —

admin-catalogs-title = Kataloge
admin-catalogs-lead = Gruppen öffentlicher Produkte. Ein Kunde sieht die Produkte der aktiven Kataloge, die für ihn freigeschaltet sind (auf seinem Reiter „Kataloge und Produkte“).
admin-catalogs-empty = Es gibt noch keine Kataloge.
admin-catalogs-new = Neuer Katalog
admin-catalogs-not-added = Der Katalog wurde nicht angelegt. Bitte korrigieren Sie das unten markierte Feld.
admin-catalogs-add = Katalog anlegen
admin-catalogs-name-hint = Bis zu { $max } Zeichen; der Name muss sich von allen anderen Katalognamen unterscheiden.
admin-catalog-page-title = { $catalog } · Kataloge
admin-catalog-product-count = { $count ->
        [one] { $n } Produkt
       *[other] { $n } Produkte
    }
admin-catalog-enabled-for = freigeschaltet für { $count ->
        [one] { $n } Kunden
       *[other] { $n } Kunden
    }
admin-catalog-name-status = Name und Status
admin-catalog-name-hint = Bis zu { $max } Zeichen.
admin-catalog-rename = Umbenennen
admin-catalog-deactivate-note = Das Deaktivieren verbirgt seine Produkte vor allen Kunden, die ihn haben, und er kann nicht mehr für Kunden freigeschaltet werden.
admin-catalog-deactivate = Katalog deaktivieren
admin-catalog-activate-note = Das Aktivieren zeigt seine Produkte wieder den Kunden, für die er freigeschaltet ist.
admin-catalog-activate = Katalog aktivieren
admin-catalog-add-products = Produkte hinzufügen
admin-catalog-skus-hint = Eine Artikelnummer oder mehrere (bis zu { $max }), getrennt durch Leerzeichen, Kommas oder Zeilen. Nur öffentliche Produkte kommen in Kataloge.
admin-catalog-add-to = Zum Katalog hinzufügen
admin-catalog-products = Produkte in diesem Katalog
admin-catalog-find-label = Ein Produkt dieses Katalogs nach Artikelnummer oder Name suchen
admin-catalog-find-placeholder = Artikelnummer oder Name
admin-catalog-no-products = Noch keine Produkte: Fügen Sie sie oben per Artikelnummer hinzu.
admin-catalog-no-match = Kein Produkt dieses Katalogs passt zu „{ $search }“.
admin-catalog-products-in = Produkte in { $catalog }
admin-catalog-remove = Entfernen
admin-catalog-remove-what = { $sku } aus dem Katalog
admin-catalog-added = Der Katalog „{ $name }“ wurde angelegt. Fügen Sie unten seine Produkte hinzu.
admin-catalog-renamed = Der Katalog heißt jetzt „{ $name }“.
admin-catalog-now-active = „{ $name }“ ist aktiv: Er kann für Kunden freigeschaltet werden, und seine Produkte erscheinen in deren Portal.
admin-catalog-now-inactive = „{ $name }“ ist deaktiviert: Seine Produkte erscheinen über ihn nicht mehr bei Kunden, und er kann für keine weiteren Kunden freigeschaltet werden.
admin-catalog-taken-out = { $product } wurde aus dem Katalog genommen.
admin-catalog-not-in = Dieses Produkt war (nicht mehr) im Katalog.
admin-catalog-added-skus = { $count ->
        [0] Es wurde nichts hinzugefügt.
        [one] { $skus } hinzugefügt.
       *[other] { $count } Produkte hinzugefügt: { $skus }.
    }
admin-catalog-added-skus-already = { $count ->
        [0] Es wurde nichts hinzugefügt.
        [one] { $skus } hinzugefügt.
       *[other] { $count } Produkte hinzugefügt: { $skus }.
    } Bereits im Katalog: { $already }.

admin-col-offered = Angeboten
admin-col-field = Feld
admin-col-you-sent = Von Ihnen gesendet
admin-col-saved-now = Jetzt gespeichert
admin-field-description = Beschreibung
admin-deactivated-lower = deaktiviert
admin-products-title = Produkte
admin-products-lead = Was Kunden im Portal sehen: öffentliche Produkte über ihre Kataloge, kundenspezifische Produkte nur die Kunden, für die sie bestimmt sind.
admin-products-import-csv = Aus CSV importieren
admin-products-new = Neues Produkt
admin-products-find-label = Produkte nach Artikelnummer oder Name suchen
admin-products-find-placeholder = Artikelnummer oder Teil des Namens
admin-products-match = { $count ->
        [one] { $n } Produkt passt zu „{ $search }“
       *[other] { $n } Produkte passen zu „{ $search }“
    }
admin-product-public = Öffentlich
admin-product-specific = Kundenspezifisch
admin-product-reach-public = { $count ->
        [one] Öffentlich · { $count } Katalog
       *[other] Öffentlich · { $count } Kataloge
    }
admin-product-reach-specific = { $count ->
        [one] Kundenspezifisch · { $count } Kunde
       *[other] Kundenspezifisch · { $count } Kunden
    }
admin-product-edit-title = { $sku } bearbeiten
admin-product-new-title = Neues Produkt
admin-product-stale-heading = Was Sie gesendet haben und was jetzt gespeichert ist
admin-product-stale-same = Was Sie gesendet haben, ist bereits gespeichert: nichts zu tun.
admin-product-stale-caption = Felder, in denen Ihre Fassung von der gespeicherten abweicht
admin-product-stale-problem = Ihre Änderungen wurden nicht gespeichert: Jemand anderes (oder ein Import) hat dieses Produkt geändert, nachdem Sie es geöffnet hatten. Das Formular zeigt jetzt das Produkt, wie es gespeichert ist; was Sie gesendet hatten, steht unten. Nehmen Sie Ihre Änderung erneut vor und speichern Sie.
admin-product-not-saved = { $count ->
        [one] Das Produkt wurde nicht gespeichert. Bitte korrigieren Sie das unten markierte Feld.
       *[other] Das Produkt wurde nicht gespeichert. Bitte korrigieren Sie die { $count } unten markierten Felder.
    }
admin-product-legend = Produkt
admin-product-active-hint = Haken entfernen, um es Kunden nicht mehr zu zeigen, ohne es zu löschen.
admin-product-offered-to = Angeboten für
admin-product-public-label = Öffentlich: über Kataloge
admin-product-public-hint = Kunden sehen es, wenn einer seiner Kataloge für sie freigeschaltet ist.
admin-product-in-catalogs = In: { $catalogs }.
admin-product-specific-label = Kundenspezifisch: nur für die Kunden, für die es bestimmt ist
admin-product-specific-hint = Nie in einem Katalog. Fügen Sie es einem Kunden auf dessen Reiter „Kataloge und Produkte“ hinzu.
admin-product-for = Für:
admin-product-list-prices = Listenpreise
admin-product-prices-hint = Der Preis vor jedem Kundenrabatt, in der Währung der Preisliste, etwa { $example }. Leer lassen für keinen Preis: Kunden mit dieser Preisliste sehen „Preis auf Anfrage“.
admin-product-stock = Bestand
admin-product-stock-hint = Vorhandene Menge je Filiale. Leer lassen, wenn kein Bestand erfasst ist. Kunden sehen ihn nur bei den für sie gewählten Filialen.
admin-product-add = Produkt anlegen
admin-product-cancel-back = und zurück zu den Produkten
admin-product-sku-hint = Bis zu { $max } Buchstaben, Ziffern und . _ / -, keine Leerzeichen. Eindeutig unabhängig von Groß- und Kleinschreibung: abc-1 und ABC-1 sind dieselbe Artikelnummer.
admin-product-name-hint = Bis zu { $max } Zeichen.
admin-product-description-hint = Optional; bis zu { $max } Zeichen. Kunden sehen sie im Portal.
admin-product-unit-hint = Was eine Einheit ist: Stück, Karton à 12, Meter… Bis zu { $max } Zeichen.
admin-product-created = Das Produkt { $product } wurde angelegt.
admin-product-saved = Das Produkt { $product } wurde gespeichert.
admin-products-import-title = Produkte importieren
admin-products-import-lead = Produkte, ihre Listenpreise und ihren Bestand aus CSV-Dateien laden.
admin-products-import-hint = products.csv, product_prices.csv und product_stock.csv: eine, zwei oder alle drei, zusammen bis zu { $max }. Der Name jeder Datei sagt, was sie enthält.
admin-products-import-text = UTF-8-Text (mit oder ohne Byte-Order-Mark, wie Excel „CSV UTF-8“ speichert), Zeilenenden LF oder CR LF, und als erste Zeile genau diese Kopfzeile:
admin-products-import-products = active ist true oder false; eine leere unit ist each. catalogs enthält Katalognamen, getrennt durch |, für ein öffentliches Produkt; customers enthält Kundennummern, getrennt durch |, für ein kundenspezifisches Produkt (eines von beiden bleibt leer). Beide ersetzen, was das Produkt hatte.
admin-products-import-prices = Die Preisliste mit Namen, der Preis wie 12.50 (mit Punkt) in ihrer Währung; ein leerer Preis entfernt den Preis.
admin-products-import-stock = Eine ganze Zahl; eine leere Menge entfernt den Bestandseintrag.
admin-products-import-all-or-nothing = Ein Upload gilt ganz oder gar nicht: Die Dateien werden in der Reihenfolge Produkte, Preise, Bestand importiert, und die erste fehlerhafte Zeile (mit Datei, Zeilennummer und Grund) hält alles an. Produkte werden unabhängig von Groß- und Kleinschreibung über die Artikelnummer zugeordnet; derselbe Import ein zweites Mal ändert nichts.
admin-products-import-failed = { $file }, Zeile { $line }: { $reason }. Aus diesem Upload wurde nichts importiert.
admin-products-imported = Importiert. { $files }.
admin-products-imported-file = { $file }: { $rows } Zeilen, { $inserted } hinzugefügt, { $updated } geändert, { $unchanged } unverändert

admin-col-started = Gestartet
admin-col-by = Von
admin-col-files = Dateien
admin-col-outcome = Ergebnis
admin-col-file = Datei
admin-col-result = Ergebnis
admin-col-rows = Zeilen
admin-col-inserted = Eingefügt
admin-col-updated = Aktualisiert
admin-col-unchanged = Unverändert
admin-import-title = Import
admin-import-lead = Kunden, ihre Adressen und ihre Bestellungen aus CSV-Dateien laden, wie es { $command } tut.
admin-import-hint = customers.csv, addresses.csv und orders.csv: eine, zwei oder alle drei, zusammen bis zu { $max }. Der Name jeder Datei sagt, was sie enthält.
admin-import-help-text-before = UTF-8-Text (mit oder ohne Byte-Order-Mark, wie Excel „CSV UTF-8“ speichert), Zeilenenden LF oder CR LF, eine Kopfzeile mit den Spalten aus
admin-import-help-format = dem Importformat
admin-import-help-text-after = (jede Spalte und wie ihre Werte in Clientele übernommen werden).
admin-import-help-order = Die Dateien werden in der Reihenfolge Kunden, Adressen, Bestellungen importiert, jede ganz oder gar nicht: Die erste fehlerhafte Zeile hält ihre Datei an und wird mit ihrem Grund genannt. Zuvor importierte Dateien bleiben importiert.
admin-import-help-match = Kunden werden über die Kundennummer zugeordnet, Bestellungen über die Bestellnummer; derselbe Import ein zweites Mal ändert also nichts. Die Adressen eines Kunden in addresses.csv ersetzen seine bisherigen Adressen.
admin-import-help-background = Der Import läuft im Hintergrund: Seine Seite zeigt, wie weit er ist, und Sie können sie verlassen und später zurückkehren.
admin-import-recent = Letzte Importe
admin-import-none-yet = Hier wurde noch nichts importiert.
admin-import-recent-caption = Letzte Importe, neueste zuerst
admin-import-page-title = Import { $time }
admin-import-of = Import vom
admin-import-started-by = Gestartet von { $by }: { $files }.
admin-import-took = Dauer: { $duration }.
admin-import-seconds = { $s } s
admin-import-minutes = { $min } min { $s } s
admin-import-files-imported = Importierte Dateien:
admin-import-n-of-m = { $done } von { $total }
admin-import-reloads = Diese Seite lädt sich alle paar Sekunden neu, bis der Import abgeschlossen ist.
admin-import-stopped = Der Import wurde angehalten.
admin-import-progress = Fortschritt
admin-import-nothing-yet = Noch nichts.
admin-import-back = Zurück zur Importseite
admin-import-former-colleague = eine ehemalige Kollegin oder ein ehemaliger Kollege
admin-import-interrupted = durch einen Neustart unterbrochen
admin-import-failed = Der Import ist fehlgeschlagen.
admin-import-status-running = Läuft
admin-import-status-succeeded = Erfolgreich
admin-import-status-failed = Fehlgeschlagen
admin-import-file-imported = Importiert
admin-import-file-importing = Wird importiert…
admin-import-file-waiting = Wartet
admin-import-file-failed = Fehlgeschlagen: nichts davon wurde importiert
admin-import-file-interrupted = Unterbrochen: nichts davon wurde importiert
admin-import-file-not-imported = Nicht importiert
admin-import-summary-running = { $total ->
        [one] { $done } von { $total } Datei bisher importiert.
       *[other] { $done } von { $total } Dateien bisher importiert.
    }
admin-import-summary-succeeded = { $total ->
        [one] { $total } Datei importiert: { $inserted } Zeilen eingefügt, { $updated } aktualisiert, { $unchanged } unverändert.
       *[other] { $total } Dateien importiert: { $inserted } Zeilen eingefügt, { $updated } aktualisiert, { $unchanged } unverändert.
    }
admin-import-summary-failed = { $total ->
        [one] { $done } von { $total } Datei importiert. { $error }
       *[other] { $done } von { $total } Dateien importiert. { $error }
    }
admin-import-already-running = Ein anderer Import läuft noch (er steht oben in der Liste). Starten Sie diesen, wenn er abgeschlossen ist.
admin-import-too-large-advice = Laden Sie sie einzeln hoch: zuerst customers.csv, dann addresses.csv, dann orders.csv.
admin-upload-too-large = Die Dateien sind zusammen größer als { $max }, das Höchstmaß für einen Upload.
admin-upload-unknown = { $count ->
        [one] { $files } ist keine Datei { $format ->
            [products] des Produktimports
           *[other] des Importformats
        }: Die Dateien müssen { $first } oder { $last } heißen; der Name sagt, was jede enthält.
       *[other] { $files } sind keine Dateien { $format ->
            [products] des Produktimports
           *[other] des Importformats
        }: Die Dateien müssen { $first } oder { $last } heißen; der Name sagt, was jede enthält.
    }
admin-upload-duplicate = { $file } wurde mehrfach ausgewählt; wählen Sie jede Datei nur einmal.
admin-upload-choose = Wählen Sie die zu importierenden Dateien: { $first } oder { $last }, oder mehrere davon.

admin-col-email = E-Mail
admin-col-roles = Rollen
admin-col-salesperson = Vertriebsmitarbeiter
admin-role-staff = Mitarbeiter
admin-role-digital_admin = Digital-Administrator
admin-role-admin = Administrator
admin-staff-title = Mitarbeiterkonten
admin-staff-lead = Wer sich bei Clientele anmelden kann und was jede Person tun darf.
admin-staff-deactivate = Deaktivieren
admin-staff-reactivate = Reaktivieren
admin-staff-you = Sie
admin-staff-new-accounts = Auf dem Server verwaltet { $command } (add, list, roles, set-password) die Konten, wenn sich niemand anmelden kann.
admin-staff-not-yourself = Sie können Ihr eigenes Konto nicht deaktivieren.
admin-staff-reactivated = { $name } kann sich wieder anmelden.
admin-staff-deactivated = { $name } wurde deaktiviert und überall abgemeldet.

admin-status-invited = Eingeladen
admin-staff-invite-heading = Eine Kollegin oder einen Kollegen einladen
admin-staff-invite-lead = Die Person erhält eine E-Mail mit einem Link, einmal und { $hours } Stunden lang gültig, über den sie ihr eigenes Passwort wählt. Bis dahin kann sich das Konto nicht anmelden.
admin-staff-not-invited = Es wurde keine Einladung verschickt: Bitte korrigieren Sie die markierten Felder.
admin-staff-invite = Einladung senden
admin-staff-field-salesperson = Vertriebsmitarbeiter (Kunden können ihn wählen)
admin-staff-field-limited = Nur eigene Kunden sehen
admin-staff-role-unknown = Wählen Sie unter den angebotenen Rollen.
admin-staff-admin-not-limited = Administratoren sehen alle Kunden: Entfernen Sie „Nur eigene Kunden sehen“ oder die Administratorrolle.
admin-staff-name-missing = Geben Sie den Namen ein.
admin-staff-name-too-long = Höchstens { $max } Zeichen.
admin-staff-email-taken = Ein Mitarbeiterkonto mit dieser E-Mail-Adresse gibt es bereits.
admin-staff-invited = Die Einladung ist an { $email } verschickt.
admin-staff-access-heading = Rollen und Berechtigungen
admin-staff-access-lead = Änderungen gelten ab der nächsten aufgerufenen Seite; die Person bleibt angemeldet.
admin-staff-access-not-saved = Es wurde nichts geändert: Bitte korrigieren Sie die markierten Felder.
admin-staff-access-save = Rollen speichern
admin-staff-access-saved = Die Rollen von { $name } sind gespeichert.
admin-staff-account-heading = Anmeldung
admin-staff-send-reset = Link zum Zurücksetzen des Passworts senden
admin-staff-invite-again = Einladung erneut senden
admin-staff-reset-sent = Ein Link zum Zurücksetzen des Passworts ist an { $email } verschickt.
admin-staff-invitation-sent = Eine neue Einladung ist an { $email } verschickt; der frühere Link gilt nicht mehr.
admin-staff-changes = Änderungen an diesem Konto
admin-staff-changes-none = Noch keine Änderungen verzeichnet.
admin-staff-col-when = Wann
admin-staff-col-what = Was
admin-staff-by-command-line = Befehlszeile auf dem Server
admin-staff-by-nobody = Unbekannt

admin-maintenance-title = Wartung
admin-maintenance-invite-heading = Alle Benutzer ohne Passwort einladen
admin-maintenance-invite-text = Sendet jedem Kundenbenutzer, der noch kein Passwort gewählt hat (derzeit { $n }), eine neue Einladung; frühere Links verlieren ihre Gültigkeit. Gesperrte Benutzer bleiben unberührt. Es wird kein Passwort gesetzt oder verschickt.
admin-maintenance-invite-button = { $count ->
        [one] { $n } Benutzer einladen
       *[other] { $n } Benutzer einladen
    }
admin-maintenance-invited = { $count ->
        [0] Jeder Kundenbenutzer hat bereits ein Passwort: Niemand wurde eingeladen.
        [one] 1 Kundenbenutzer ohne Passwort hat eine neue Einladung erhalten.
       *[other] { $count } Kundenbenutzer ohne Passwort haben eine neue Einladung erhalten.
    }
admin-maintenance-chase-heading = Mahnungen und Kontoauszüge jetzt senden
admin-maintenance-chase-text = Jetzt fällig: { $reminders ->
        [one] 1 Mahnung einer überfälligen Rechnung
       *[other] { $reminders } Mahnungen überfälliger Rechnungen
    } und { $statements ->
        [one] 1 Kontoauszug des Vormonats
       *[other] { $statements } Kontoauszüge des Vormonats
    }. Jede Instanz sendet sie alle paar Minuten von selbst (CHASE_EVERY_SECONDS); jede geht nur einmal, wie oft sie auch angestoßen wird.
admin-maintenance-chase-button = Jetzt senden
admin-maintenance-chased = { $reminders ->
        [one] 1 Mahnung
       *[other] { $reminders } Mahnungen
    } und { $statements ->
        [one] 1 Kontoauszug
       *[other] { $statements } Kontoauszüge
    } in den Postausgang gelegt.

admin-col-written = Verfasst
admin-col-to = An
admin-col-subject = Betreff
admin-col-attempts = Versuche
admin-col-last-error = Letzter Fehler
admin-outbox-title = E-Mail-Postausgang
admin-outbox-lead = Jede Nachricht, die das Portal verfasst hat, neueste zuerst. Nachrichten, die nicht gesendet werden konnten, werden mit wachsendem Abstand erneut versucht; aufgegebene können hier erneut gesendet werden.
admin-outbox-local-mode = Lokaler Modus:
admin-outbox-local-mode-text = Es ist kein Mailserver eingestellt (SMTP_URL), daher werden Nachrichten hier aufbewahrt und nicht gesendet. Öffnen Sie eine, um sie zu lesen.
admin-outbox-by-status = Nachrichten nach Status
admin-outbox-filter-all = Alle
admin-outbox-filter-waiting = Wartend
admin-outbox-filter-failed = Fehlgeschlagen
admin-outbox-filter-sent = Gesendet
admin-outbox-none = Hier sind keine Nachrichten.
admin-outbox-none-on-page = Auf dieser Seite sind keine Nachrichten.
admin-outbox-caption = Nachrichten: { $filter }, neueste zuerst
admin-outbox-pages = Seiten der Nachrichten
admin-outbox-newer = Neuere Nachrichten
admin-outbox-older = Ältere Nachrichten
admin-outbox-page = Seite { $page }
admin-outbox-to = an { $recipient }
admin-outbox-sent = Gesendet
admin-outbox-next-attempt = Nächster Versuch
admin-outbox-customer = Kunde
admin-outbox-open-customer = Kunden öffnen
admin-outbox-retry = Erneut senden
admin-outbox-links = Links in dieser Nachricht
admin-outbox-plain-text = Nachricht (Textteil)
admin-outbox-message-title = Nachricht: { $subject }
admin-outbox-retried = Die Nachricht ist wieder in der Warteschlange und wird in Kürze gesendet.
admin-outbox-not-failed = Diese Nachricht ist nicht mehr fehlgeschlagen: Sie wurde bereits erneut versucht oder ist gesendet.

admin-merge-title = Kunden zusammenführen
admin-merge-lead = Adressen, Kontakte, Notizen und Historie des Duplikats gehen auf den verbleibenden Kunden über. Das Duplikat bleibt erhalten, inaktiv, mit Verweis auf ihn.
admin-merge-survivor-label = Verbleibender Kunde (Kundennummer oder ID)
admin-merge-duplicate-label = Duplikat, das in ihn zusammengeführt wird (Kundennummer oder ID)
admin-merge-compare = Vergleichen
admin-merge-stale-title = Einer der beiden Kunden wurde geändert, nachdem Sie sie verglichen haben.
admin-merge-stale-text = Es wurde nichts zusammengeführt. Der Vergleich unten ist aktuell; prüfen Sie Ihre Auswahl und führen Sie erneut zusammen.
admin-merge-changed-to = auf „{ $value }“
admin-merge-on-watch-list = { $customer } steht auf der Beobachtungsliste
admin-merge-watch-set-by = Eingetragen von { $by } am { $date }
admin-merge-caption = Wählen Sie Feld für Feld, welchen Wert der zusammengeführte Kunde behält. Gleiche Felder bleiben, wie sie sind. Tags werden vereinigt.
admin-merge-stays = Bleibt:
admin-merge-duplicate = Duplikat:
admin-merge-stays-label = Bleibt
admin-merge-duplicate-label-short = Duplikat
admin-merge-empty = leer
admin-merge-use-duplicates = (Wert des Duplikats für { $field } übernehmen)
admin-merge-same = gleich
admin-merge-tick-hint = Haken Sie einen Wert des Duplikats an, um ihn statt des unter „Bleibt“ gezeigten zu behalten.
admin-merge-button = { $duplicate } in { $survivor } zusammenführen
admin-merge-done = Zusammengeführt. { $customer } hat vom Duplikat { $addresses } Adressen, { $contacts } Kontakte, { $notes } Notizen und { $history } Historieneinträge übernommen; { $dependents } verknüpfte Kunden wurden umgehängt.
admin-merge-incomplete = Das Formular zum Zusammenführen ist unvollständig. Bitte beginnen Sie erneut.

admin-col-customer = Kunde
admin-col-requested-services = Angefragte Dienste
admin-col-age = Alter
admin-age-days = { $count ->
        [one] { $count } Tag
       *[other] { $count } Tage
    }
admin-age-hours = { $count ->
        [one] { $count } Stunde
       *[other] { $count } Stunden
    }
admin-age-minutes = { $count ->
        [one] { $count } Minute
       *[other] { $count } Minuten
    }
admin-approvals-title = Freigaben
admin-approvals-lead = Anfragen nach Diensten und Anbindungen, älteste zuerst.
admin-approvals-read-only = Sie können die Warteschlange lesen; Digital-Administratoren entscheiden.
admin-approvals-queue = Freigabe-Warteschlange
admin-approvals-none = Hier sind keine Anfragen.
admin-approvals-caption = { $tab }, älteste zuerst
admin-approvals-tab-open = Offene Anfragen
admin-approvals-tab-inactive = Inaktiv
admin-approvals-tab-enabled = Freigeschaltet
admin-approvals-tab-blocked = Gesperrt
admin-approval-page-title = Anfrage { $id }
admin-approval-heading = Anfrage { $id } · { $customer }
admin-approval-asked-on = gestellt am
admin-approval-ago = (vor { $age })
admin-approval-the-request = Die Anfrage
admin-approval-services = Dienste
admin-approval-recorded-by = Erfasst von
admin-approval-by-staff = { $name } (Mitarbeiter, im Auftrag des Kunden)
admin-approval-by-customer-user = Ein Kundenbenutzer
admin-approval-message = Nachricht
admin-approval-ship-to-now = Lieferadresse jetzt
admin-approval-ship-to-new = (eine neue Lieferadresse)
admin-approval-ship-to-proposed = Vorgeschlagen
admin-approval-decided-by = Entschieden von
admin-approval-reason = Grund
admin-approval-trading-as = (handelnd als { $name })
admin-approval-account = Kundennummer
admin-approval-relationship = Geschäftsbeziehung
admin-approval-phone = Telefon
admin-approval-none-enabled = Keiner freigeschaltet
admin-approval-decide = Entscheiden
admin-approval-catalogs-legend = Für Bestellungen freizuschaltende Kataloge
admin-approval-approve = Freigeben
admin-approval-reason-label = Grund der Ablehnung
admin-approval-reason-hint = Dem Kunden wird dieser Grund mitgeteilt.
admin-approval-reject = Ablehnen
admin-approval-ask-label = Den Kunden um weitere Informationen bitten
admin-approval-ask-hint = Die Anfrage wartet dann auf die Antwort des Kunden.
admin-approval-ask = Um weitere Informationen bitten
admin-approval-read-only = Nur Digital-Administratoren entscheiden über Anfragen; Sie können diese lesen.
admin-approval-customer-requests = Die Anfragen des Kunden ({ $count })
admin-approval-write-reason = Bitte geben Sie zuerst den Grund der Ablehnung ein.
admin-approval-write-question = Bitte geben Sie zuerst die Frage an den Kunden ein.
admin-approval-approved = Die Anfrage wurde freigegeben.
admin-approval-rejected = Die Anfrage wurde abgelehnt.
admin-approval-asked = Der Kunde wurde um weitere Informationen gebeten.
admin-approval-choose-catalog = Wählen Sie mindestens einen Katalog: Die Freigabe für Bestellungen schaltet ihn frei.
approval-integration-needs-account-number = Dieser Kunde hat noch keine Kundennummer: Eine Integration übermittelt sie als Kennung des Kunden. Tragen Sie zuerst die Kundennummer beim Kunden ein und geben Sie dann frei.
admin-approval-choose-service = Wählen Sie mindestens einen Dienst.
admin-approval-choose-salesperson = Wählen Sie den Vertriebsmitarbeiter, der die Anfrage betreut.
admin-approval-choose-service-customer = Wählen Sie mindestens einen der Dienste, die Sie anfragen können.
admin-approval-choose-salesperson-customer = Wählen Sie den Vertriebsmitarbeiter, der Sie betreut.

## Stammdaten. `$kind` ist der Pfad der Art: stores, price-lists, sales-channels,
## customer-groups, payment-terms, tags.
admin-ref-title = { $kind ->
        [stores] Filialen
        [price-lists] Preislisten
        [sales-channels] Vertriebskanäle
        [customer-groups] Kundengruppen
        [payment-terms] Zahlungsbedingungen
       *[tags] Tags
    }
admin-ref-lead = { $kind ->
        [stores] Von wo Kunden bedient werden: Stammfiliale, Abholfiliale und Lagerort.
        [price-lists] Jeder Vertriebskanal verkauft zu den Preisen einer Preisliste.
        [sales-channels] Wie ein Kunde kauft; der Vertriebskanal bestimmt, welche Preisliste der Kunde erhält.
        [customer-groups] Gruppen, um Kunden einer Art zu finden und auszuwerten.
        [payment-terms] Wie lange Kunden Zeit haben, eine Rechnung zu bezahlen.
       *[tags] Schlagwörter, die Mitarbeiter an Kunden heften, um sie wiederzufinden.
    }
admin-ref-new = { $kind ->
        [stores] Neue Filiale
        [price-lists] Neue Preisliste
        [sales-channels] Neuer Vertriebskanal
        [customer-groups] Neue Kundengruppe
        [payment-terms] Neue Zahlungsbedingung
       *[tags] Neues Tag
    }
admin-ref-edit = { $kind ->
        [stores] Filiale bearbeiten
        [price-lists] Preisliste bearbeiten
        [sales-channels] Vertriebskanal bearbeiten
        [customer-groups] Kundengruppe bearbeiten
        [payment-terms] Zahlungsbedingung bearbeiten
       *[tags] Tag bearbeiten
    }
admin-ref-add = { $kind ->
        [stores] Filiale anlegen
        [price-lists] Preisliste anlegen
        [sales-channels] Vertriebskanal anlegen
        [customer-groups] Kundengruppe anlegen
        [payment-terms] Zahlungsbedingung anlegen
       *[tags] Tag anlegen
    }
admin-ref-empty = { $kind ->
        [stores] Es gibt noch keine Filialen.
        [price-lists] Es gibt noch keine Preislisten.
        [sales-channels] Es gibt noch keine Vertriebskanäle.
        [customer-groups] Es gibt noch keine Kundengruppen.
        [payment-terms] Es gibt noch keine Zahlungsbedingungen.
       *[tags] Es gibt noch keine Tags.
    }
admin-ref-cancel-back = { $kind ->
        [stores] und zurück zu den Filialen
        [price-lists] und zurück zu den Preislisten
        [sales-channels] und zurück zu den Vertriebskanälen
        [customer-groups] und zurück zu den Kundengruppen
        [payment-terms] und zurück zu den Zahlungsbedingungen
       *[tags] und zurück zu den Tags
    }
admin-ref-delete-heading = { $kind ->
        [stores] Diese Filiale löschen
        [price-lists] Diese Preisliste löschen
        [sales-channels] Diesen Vertriebskanal löschen
        [customer-groups] Diese Kundengruppe löschen
        [payment-terms] Diese Zahlungsbedingung löschen
       *[tags] Dieses Tag löschen
    }
admin-ref-delete-button = { $kind ->
        [stores] Filiale löschen
        [price-lists] Preisliste löschen
        [sales-channels] Vertriebskanal löschen
        [customer-groups] Kundengruppe löschen
        [payment-terms] Zahlungsbedingung löschen
       *[tags] Tag löschen
    }
admin-ref-added = { $kind ->
        [stores] Die Filiale „{ $name }“ wurde angelegt.
        [price-lists] Die Preisliste „{ $name }“ wurde angelegt.
        [sales-channels] Der Vertriebskanal „{ $name }“ wurde angelegt.
        [customer-groups] Die Kundengruppe „{ $name }“ wurde angelegt.
        [payment-terms] Die Zahlungsbedingung „{ $name }“ wurde angelegt.
       *[tags] Das Tag „{ $name }“ wurde angelegt.
    }
admin-ref-saved = { $kind ->
        [stores] Die Filiale „{ $name }“ wurde gespeichert.
        [price-lists] Die Preisliste „{ $name }“ wurde gespeichert.
        [sales-channels] Der Vertriebskanal „{ $name }“ wurde gespeichert.
        [customer-groups] Die Kundengruppe „{ $name }“ wurde gespeichert.
        [payment-terms] Die Zahlungsbedingung „{ $name }“ wurde gespeichert.
       *[tags] Das Tag „{ $name }“ wurde gespeichert.
    }
admin-ref-deleted = { $kind ->
        [stores] Die Filiale „{ $name }“ wurde gelöscht.
        [price-lists] Die Preisliste „{ $name }“ wurde gelöscht.
        [sales-channels] Der Vertriebskanal „{ $name }“ wurde gelöscht.
        [customer-groups] Die Kundengruppe „{ $name }“ wurde gelöscht.
        [payment-terms] Die Zahlungsbedingung „{ $name }“ wurde gelöscht.
       *[tags] Das Tag „{ $name }“ wurde gelöscht.
    }
admin-ref-not-saved = { $kind ->
        [stores] Die Filiale wurde nicht gespeichert.
        [price-lists] Die Preisliste wurde nicht gespeichert.
        [sales-channels] Der Vertriebskanal wurde nicht gespeichert.
        [customer-groups] Die Kundengruppe wurde nicht gespeichert.
        [payment-terms] Die Zahlungsbedingung wurde nicht gespeichert.
       *[tags] Das Tag wurde nicht gespeichert.
    } { $count ->
        [one] Bitte korrigieren Sie das unten markierte Feld.
       *[other] Bitte korrigieren Sie die { $count } unten markierten Felder.
    }
admin-ref-unused = { $kind ->
        [stores] Nichts verwendet diese Filiale, daher kann sie gelöscht werden.
        [price-lists] Nichts verwendet diese Preisliste, daher kann sie gelöscht werden.
        [sales-channels] Nichts verwendet diesen Vertriebskanal, daher kann er gelöscht werden.
        [customer-groups] Nichts verwendet diese Kundengruppe, daher kann sie gelöscht werden.
        [payment-terms] Nichts verwendet diese Zahlungsbedingung, daher kann sie gelöscht werden.
       *[tags] Nichts verwendet dieses Tag, daher kann es gelöscht werden.
    }
admin-ref-in-use = { $kind ->
        [stores] Diese Filiale wird verwendet von
        [price-lists] Diese Preisliste wird verwendet von
        [sales-channels] Dieser Vertriebskanal wird verwendet von
        [customer-groups] Diese Kundengruppe wird verwendet von
        [payment-terms] Diese Zahlungsbedingung wird verwendet von
       *[tags] Dieses Tag wird verwendet von
    } { $channels ->
        [0] { $customers ->
            [one] 1 Kunden
           *[other] { $customers } Kunden
        }
        [one] { $customers ->
            [0] 1 Vertriebskanal
            [one] 1 Vertriebskanal (und darüber 1 Kunden)
           *[other] 1 Vertriebskanal (und darüber { $customers } Kunden)
        }
       *[other] { $customers ->
            [0] { $channels } Vertriebskanälen
            [one] { $channels } Vertriebskanälen (und darüber 1 Kunden)
           *[other] { $channels } Vertriebskanälen (und darüber { $customers } Kunden)
        }
    }, daher kann { $kind ->
        [stores] sie nicht gelöscht werden. Entfernen Sie stattdessen den Haken bei „Aktiv“, um sie nicht mehr anzubieten.
        [sales-channels] er nicht gelöscht werden.
        [tags] es nicht gelöscht werden.
       *[other] sie nicht gelöscht werden.
    }
admin-ref-not-deleted = { $kind ->
        [stores] Die Filiale
        [price-lists] Die Preisliste
        [sales-channels] Der Vertriebskanal
        [customer-groups] Die Kundengruppe
        [payment-terms] Die Zahlungsbedingung
       *[tags] Das Tag
    } „{ $name }“ wurde nicht gelöscht: { $channels ->
        [0] { $customers ->
            [one] 1 Kunde verwendet
           *[other] { $customers } Kunden verwenden
        }
        [one] { $customers ->
            [0] 1 Vertriebskanal verwendet
            [one] 1 Vertriebskanal (und darüber 1 Kunde) verwendet
           *[other] 1 Vertriebskanal (und darüber { $customers } Kunden) verwendet
        }
       *[other] { $customers ->
            [0] { $channels } Vertriebskanäle verwenden
            [one] { $channels } Vertriebskanäle (und darüber 1 Kunde) verwenden
           *[other] { $channels } Vertriebskanäle (und darüber { $customers } Kunden) verwenden
        }
    } { $kind ->
        [stores] sie. Entfernen Sie stattdessen den Haken bei „Aktiv“, um sie nicht mehr anzubieten.
        [sales-channels] ihn.
        [tags] es.
       *[other] sie.
    }
admin-ref-edit-button = Bearbeiten
admin-ref-choose = Bitte wählen…
admin-ref-col-code = Kürzel
admin-ref-col-currency = Währung
admin-ref-col-sales-channels = Vertriebskanäle
admin-ref-col-price-list = Preisliste
admin-ref-col-days = Zahlungsziel (Tage)
admin-ref-name-hint = Bis zu { $max } Zeichen.
admin-ref-code-hint = Bis zu { $max } Buchstaben, Ziffern, - und _; Kleinbuchstaben werden zu Großbuchstaben.
admin-ref-store-active-hint = Haken entfernen, um diese Filiale nicht mehr anzubieten, ohne sie zu löschen.
admin-ref-currency-hint = Der dreibuchstabige ISO-4217-Code, etwa EUR, GBP oder USD.
admin-ref-channel-price-list-hint = Kunden, die über diesen Vertriebskanal kaufen, erhalten diese Preise.
admin-ref-days-hint = Von 0 bis 365. Leer lassen für Vorkasse (vollständige Zahlung vor Versand).
admin-ref-prepaid = Vorkasse: vollständige Zahlung vor Versand
admin-ref-days = { $count ->
        [one] { $count } Tag
       *[other] { $count } Tage
    }
admin-ref-enter-name = Bitte geben Sie einen Namen ein.
admin-ref-name-one-line = Bitte geben Sie den Namen in einer Zeile ein, ohne Tabulatoren oder andere Steuerzeichen.
admin-ref-name-too-long = Höchstens { $max } Zeichen; dieser Name hat { $length }.
admin-ref-name-taken = Es gibt bereits { $kind ->
        [stores] eine Filiale
        [price-lists] eine Preisliste
        [sales-channels] einen Vertriebskanal
        [customer-groups] eine Kundengruppe
        [payment-terms] eine Zahlungsbedingung
       *[tags] ein Tag
    } namens „{ $name }“. Namen müssen sich um mehr als Groß- und Kleinschreibung unterscheiden.
admin-ref-enter-code = Bitte geben Sie ein Kürzel ein, etwa NORD.
admin-ref-code-characters = Nur Buchstaben A bis Z, Ziffern, - und _, beginnend mit einem Buchstaben oder einer Ziffer.
admin-ref-code-too-long = Höchstens { $max } Zeichen; dieses Kürzel hat { $length }.
admin-ref-code-taken = Das Kürzel { $code } wird bereits von { $owner } verwendet.
admin-ref-code-in-use = Das Kürzel { $code } wird bereits verwendet.
admin-ref-enter-currency = Bitte geben Sie eine Währung ein, etwa EUR.
admin-ref-currency-code = Bitte geben Sie den dreibuchstabigen ISO-4217-Code der Währung ein, etwa EUR oder USD.
admin-ref-choose-price-list = Bitte wählen Sie die Preisliste dieses Vertriebskanals.
admin-ref-price-list-gone = Diese Preisliste gibt es nicht (mehr). Bitte wählen Sie eine aus der Liste.
admin-ref-days-invalid = Bitte geben Sie eine ganze Zahl von Tagen von 0 bis { $max } ein, oder lassen Sie das Feld leer für vollständige Zahlung vor Versand.
admin-catalog-name-taken = Es gibt bereits einen Katalog namens „{ $name }“. Namen müssen sich um mehr als Groß- und Kleinschreibung unterscheiden.
admin-catalog-specific-product = { $sku } ist ein kundenspezifisches Produkt: Es wird nur seinen Kunden angeboten, nie über einen Katalog. Es wurde nichts hinzugefügt.
admin-catalog-enter-skus = Bitte geben Sie eine oder mehrere Artikelnummern ein, getrennt durch Leerzeichen oder Kommas.
admin-catalog-too-many-skus = Höchstens { $max } Artikelnummern auf einmal; dies sind { $count }.
admin-catalog-unknown-skus = Kein Produkt hat die Artikelnummer { $skus }. Bitte prüfen Sie die Schreibweise; es wurde nichts hinzugefügt.
admin-catalog-unknown-skus-more = Kein Produkt hat die Artikelnummer { $skus } und { $more } weitere. Bitte prüfen Sie die Schreibweise; es wurde nichts hinzugefügt.
admin-product-price-of = Preis, { $list }
admin-product-stock-at = Bestand, { $store }
admin-product-enter-sku = Bitte geben Sie die Artikelnummer ein, etwa VLV-100.
admin-product-enter-unit = Bitte geben Sie die Verkaufseinheit ein, etwa Stück oder Karton à 12.
admin-product-price-negative = Ein Preis kann nicht negativ sein.
admin-product-quantity-invalid = Bitte geben Sie eine ganze Zahl von 0 bis 999.999.999 ein, oder lassen Sie das Feld leer, wenn kein Bestand erfasst ist.
admin-product-sku-taken = Die Artikelnummer { $sku } wird bereits von „{ $name }“ verwendet. Artikelnummern müssen sich um mehr als Groß- und Kleinschreibung unterscheiden.
admin-product-sku-taken-other = Die Artikelnummer { $sku } wird bereits von einem anderen Produkt verwendet. Artikelnummern müssen sich um mehr als Groß- und Kleinschreibung unterscheiden.
admin-product-in-catalogs-first = { $count ->
        [one] Dieses Produkt ist im Katalog { $names }. Entfernen Sie es zuerst daraus: Ein kundenspezifisches Produkt wird nie über einen Katalog angeboten.
       *[other] Dieses Produkt ist in den Katalogen { $more ->
            [0] { $names }
           *[other] { $names } und { $more } weiteren
        }. Entfernen Sie es zuerst daraus: Ein kundenspezifisches Produkt wird nie über einen Katalog angeboten.
    }
admin-product-made-for-first = Dieses Produkt ist bestimmt für { $more ->
        [0] { $names }
       *[other] { $names } und { $more } weitere
    }. { $count ->
        [one] Entfernen Sie es zuerst auf dem Reiter „Kataloge und Produkte“ dieses Kunden.
       *[other] Entfernen Sie es zuerst auf dem Reiter „Kataloge und Produkte“ jedes dieser Kunden.
    }
admin-import-line-copied = { $file }: { $rows } Zeilen kopiert ({ $seconds } s)
admin-import-line-validated = { $file }: { $rows } Zeilen geprüft ({ $seconds } s)
admin-import-line-loaded-orders = { $file }: { $rows } neue Bestellungen geladen ({ $seconds } s)
admin-import-line-upserted = { $file }: { $rows } Zeilen übernommen: { $inserted } eingefügt, { $updated } aktualisiert ({ $seconds } s)
admin-catalog-stale = Jemand anderes hat diesen Katalog geändert (er heißt jetzt „{ $name }“ und ist { $active ->
        [yes] aktiv
       *[no] deaktiviert
    }), nachdem Sie ihn geöffnet hatten, am { $time }. Ihre Änderung wurde nicht gespeichert: Öffnen Sie den Katalog erneut und nehmen Sie sie dort vor.
admin-catalog-stranded = „{ $name }“ ist der einzige aktive Katalog von { $count ->
        [one] { $count } Kunden mit aktiver Bestellfunktion: { $more ->
            [0] { $customers }
           *[other] { $customers } und { $more } weiteren
        }. Schalten Sie zuerst einen anderen Katalog für ihn frei oder die Bestellfunktion ab; der Katalog bleibt aktiv.
       *[other] { $count } Kunden mit aktiver Bestellfunktion: { $more ->
            [0] { $customers }
           *[other] { $customers } und { $more } weiteren
        }. Schalten Sie zuerst einen anderen Katalog für sie frei oder ihre Bestellfunktion ab; der Katalog bleibt aktiv.
    }
admin-approval-someone = Jemand
admin-approval-already-decided = { $who } hat { $status ->
        [approved] diese Anfrage freigegeben
        [rejected] diese Anfrage abgelehnt
        [waiting_on_customer] den Kunden um weitere Informationen gebeten
       *[open] diese Anfrage geändert
    }, nachdem Sie sie geöffnet hatten. Ihre Entscheidung wurde nicht gespeichert; öffnen Sie die Anfrage erneut, um ihren Stand zu sehen.
admin-approval-already-decided-on = { $who } hat am { $time } { $status ->
        [approved] diese Anfrage freigegeben
        [rejected] diese Anfrage abgelehnt
        [waiting_on_customer] den Kunden um weitere Informationen gebeten
       *[open] diese Anfrage geändert
    }, nachdem Sie sie geöffnet hatten. Ihre Entscheidung wurde nicht gespeichert; öffnen Sie die Anfrage erneut, um ihren Stand zu sehen.
admin-approval-catalog-gone = Die Freigabe für Bestellungen braucht mindestens einen Katalog, der noch angeboten wird.

## API-Clients
admin-api-clients-title = API-Clients
admin-api-clients-lead = Die Systeme, die die API (/api/v1) nutzen: das ERP des Anbieters, ein EDI-Gateway, ein Webshop. Jedes hat ein eigenes Token und nur die Berechtigungen, die es erhält.
admin-api-clients-empty = Es wurde noch kein API-Client angelegt.
admin-api-clients-new = Neuer API-Client
admin-api-clients-not-made = Der API-Client wurde nicht angelegt. Bitte korrigieren Sie die unten markierten Felder.
admin-api-clients-make = Client und Token anlegen
admin-api-name-hint = Welches System ihn nutzt, zum Beispiel „ERP (Produktion)“.
admin-api-col-scopes = Berechtigungen
admin-api-col-token = Token
admin-api-col-made = Angelegt
admin-api-col-last-used = Zuletzt genutzt
admin-api-never-used = Nie
admin-api-revoked = Widerrufen
admin-api-revoke = Widerrufen
admin-api-client-made = API-Client { $name } angelegt. Kopieren Sie sein Token jetzt; es wird nicht noch einmal angezeigt: { $token }
admin-api-client-revoked = API-Client { $name } widerrufen: sein Token gilt nicht mehr.
api-client-name-missing = Bitte geben Sie einen Namen ein.
api-client-name-too-long = Höchstens { $max } Zeichen.
api-client-name-taken = Ein anderer aktiver Client heißt bereits { $name }.
api-client-scopes-missing = Bitte wählen Sie mindestens eine Berechtigung.
api-payment-terms-unknown = Es gibt keine Zahlungsbedingungen namens { $name }.
api-integration-not-active = Die Integration { $integration } ist für diesen Kunden nicht aktiv.
api-scope-customers-read = Kunden lesen
api-scope-customers-write = Kunden ändern
api-scope-orders-read = Aufträge lesen
api-scope-orders-write = Aufträge bestätigen, versenden und erteilen
api-scope-invoices-write = Rechnungen und Zahlungen buchen
api-scope-prices-write = Kundenpreislisten ersetzen
api-scope-stock-write = Bestände setzen

admin-nav-webhooks = Webhooks
admin-webhooks-title = Webhooks
admin-webhooks-lead = Adressen anderer Systeme (das ERP, ein CRM, ein Chat-Bot), die sofort erfahren, wenn etwas geschieht: ein Kunde angelegt oder geändert, eine Anfrage entschieden, eine Bestellung aufgegeben, eine Rechnung gebucht. Jede Zustellung ist mit dem Geheimnis des Endpunkts signiert, wird wiederholt, bis sie angenommen ist, und steht auf der Seite des Endpunkts.
admin-webhooks-empty = Es wurde noch kein Webhook-Endpunkt hinzugefügt.
admin-webhooks-new = Neuer Endpunkt
admin-webhooks-not-made = Der Endpunkt wurde nicht hinzugefügt. Bitte korrigieren Sie die markierten Felder.
admin-webhooks-make = Endpunkt hinzufügen und Geheimnis erzeugen
admin-webhooks-verify-heading = Eine Zustellung prüfen
admin-webhooks-verify = Jede Zustellung ist ein POST mit JSON und den Kopfzeilen webhook-id (die ID des Ereignisses, bei jedem Versuch dieselbe: verwerfen Sie eine, die Sie schon haben), webhook-timestamp (Sekunden seit 1970: lehnen Sie eine ab, die mehr als 5 Minuten abweicht) und webhook-signature. Berechnen Sie die Signatur über den unveränderten Rohinhalt und vergleichen Sie:
admin-webhook-url = URL
admin-webhook-url-hint = Wohin die Ereignisse gesendet werden, im Betrieb https://. Im Betrieb werden Adressen auf diesem Rechner oder in einem privaten Netz abgelehnt.
admin-webhook-description = Beschreibung
admin-webhook-description-hint = Optional: wofür dieser Endpunkt ist.
admin-webhook-events = Ereignisse
admin-webhook-active = Aktiv (Zustellungen werden gesendet)
admin-webhook-paused = Angehalten
admin-webhook-made = Endpunkt { $url } hinzugefügt. Kopieren Sie jetzt sein Signaturgeheimnis; es wird nicht noch einmal gezeigt: { $secret }
admin-webhook-saved = Endpunkt { $url } gespeichert.
admin-webhook-not-saved = Der Endpunkt wurde nicht gespeichert. Bitte korrigieren Sie die markierten Felder.
admin-webhook-save = Endpunkt speichern
admin-webhook-delete = Endpunkt und seine Zustellungen löschen
admin-webhook-deleted = Endpunkt { $url } mit seinen Zustellungen gelöscht.
admin-webhook-settings = Endpunkt
admin-webhook-deliveries = Zustellungen
admin-webhook-deliveries-lead = Die letzten { $count } Zustellungen stehen hier, neueste zuerst.
admin-webhook-deliveries-none = An diesen Endpunkt wurde noch nichts gesendet.
admin-webhook-col-event = Ereignis
admin-webhook-col-code = Antwort
admin-webhook-col-attempts = Versuche
admin-webhook-col-when = Geschehen
admin-webhook-attempts = Jeder Versuch
admin-webhook-no-answer = keine Antwort
admin-webhook-next = nächster Versuch { $time }
admin-webhook-redeliver = Erneut senden
admin-webhook-redelivery = Die Zustellung wird gleich erneut gesendet, mit unveränderter Ereignis-ID.
admin-webhook-redelivery-busy = Diese Zustellung wird gerade gesendet (oder ist nicht mehr da); nichts wurde geändert.
admin-webhook-status-pending = Wartet
admin-webhook-status-sending = Wird gesendet
admin-webhook-status-delivered = Zugestellt
admin-webhook-status-failed = Fehlgeschlagen
admin-webhook-url-missing = Geben Sie die URL ein, an die Ereignisse gesendet werden.
admin-webhook-url-invalid = Geben Sie eine http://- oder https://-Adresse mit Hostnamen ein, etwa https://erp.example.com/hooks.
admin-webhook-url-unresolved = Der Host { $host } ist nicht auffindbar.
admin-webhook-url-internal = { $host } liegt auf diesem Rechner oder in einem privaten Netz; Webhooks gehen nur an öffentliche Adressen.
admin-webhook-description-too-long = Höchstens 200 Zeichen.
admin-webhook-events-missing = Wählen Sie mindestens ein Ereignis.
admin-webhook-event-customer-created = ein Kunde wird angelegt
admin-webhook-event-customer-updated = die Angaben eines Kunden ändern sich
admin-webhook-event-relationship-changed = ein Kunde wird gesperrt, entsperrt, deaktiviert oder reaktiviert
admin-webhook-event-service-changed = ein Dienst des Kunden (Bestellen, eine Integration, …) ändert seinen Status
admin-webhook-event-request-created = ein Kunde fragt Dienste an
admin-webhook-event-request-decided = eine Anfrage wird genehmigt, abgelehnt oder zurückgegeben
admin-webhook-event-order-placed = eine Bestellung wird aufgegeben
admin-webhook-event-order-cancelled = eine Bestellung wird storniert
admin-webhook-event-order-shipped = eine Bestellung wird versandt
admin-webhook-event-invoice-posted = eine Rechnung wird gebucht
admin-webhook-event-payment-recorded = eine Zahlung wird erfasst
admin-webhooks-count = { $count ->
    [0] Keine Endpunkte.
    [one] Ein Endpunkt.
   *[other] { $count } Endpunkte.
  }
