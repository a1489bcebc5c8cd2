## Refusals: pages a person may not open, forms that cannot be taken, and what a form says
## beside its fields when it is refused.

# The role guards. $role is the role's code: staff, digital_admin or admin.
refusal-role-page = Diese Seite ist { $role ->
        [admin] Administratoren
        [digital_admin] Digital-Administratoren
       *[staff] Mitarbeitenden
    } vorbehalten. Wenden Sie sich an einen Administrator, wenn Sie sie benötigen.
refusal-roles-admin = Administratoren
refusal-roles-digital_admin = Digital-Administratoren
refusal-roles-staff = Mitarbeitenden
refusal-any-role-one = Dies ist { $first } vorbehalten. Wenden Sie sich an einen Administrator, wenn Sie es benötigen.
refusal-any-role-two = Dies ist { $first } und { $second } vorbehalten. Wenden Sie sich an einen Administrator, wenn Sie es benötigen.
refusal-any-role-three = Dies ist { $first }, { $second } und { $third } vorbehalten. Wenden Sie sich an einen Administrator, wenn Sie es benötigen.
refusal-view-as-role = Das Portal aus Sicht eines Kunden anzusehen, ist Administratoren und Digital-Administratoren vorbehalten.
refusal-portal-read-only = Dies ist eine schreibgeschützte Ansicht des Portals: Hier kann nichts geändert werden.

# Forms that cannot be taken.
refusal-foreign-origin = Dieses Formular wurde von einer anderen Website gesendet und wurde deshalb abgelehnt.
refusal-csrf-token = Dieses Formular ist abgelaufen oder stammt nicht aus diesem Portal. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.
refusal-form-unreadable = Das Formular konnte nicht gelesen werden. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.
refusal-upload-unreadable = Der Upload konnte nicht gelesen werden. Gehen Sie zurück, wählen Sie die Dateien erneut aus und senden Sie sie.
refusal-form-still-running = Dieses Formular wird seit dem ersten Absenden noch bearbeitet. Warten Sie einen Moment und laden Sie dann die Seite neu, um das Ergebnis zu sehen.
refusal-form-expired = Dieses Formular ist abgelaufen. Gehen Sie zurück, laden Sie die Seite neu und senden Sie es erneut.

# Passwords.
refusal-password-too-short = Verwenden Sie mindestens { $min } Zeichen; ein kurzer Satz eignet sich gut.
refusal-password-too-long = Verwenden Sie höchstens { $max } Zeichen.
refusal-password-mismatch = Dies stimmt nicht mit dem neuen Passwort überein.
refusal-password-wrong = Dies ist nicht Ihr aktuelles Passwort.

# Portal users.
refusal-user-email-taken = Für diese E-Mail-Adresse gibt es bereits ein Portalkonto.
refusal-user-has-password = { $name } hat bereits ein Passwort. Falls es vergessen wurde, kann es auf der Anmeldeseite des Portals zurückgesetzt werden.
refusal-user-already-revoked = Der Zugang von { $name } ist bereits widerrufen.
refusal-user-revoked-view-as = Der Zugang von { $name } ist widerrufen: Es gibt kein Portal, das Sie aus dieser Sicht ansehen könnten.
refusal-user-revoked-role = Der Zugang von { $name } ist widerrufen: Es gibt keine Rolle zu ändern.
refusal-user-last-admin = { $name } ist der letzte aktive Kunden-Admin: Machen Sie zuerst jemand anderen zum Admin.
refusal-portal-role = Diese Seite gehört nicht zu Ihrer Rolle. Wenden Sie sich an einen Kunden-Admin Ihrer Firma, wenn Sie sie brauchen.
refusal-ship-to-proposal-invalid = Die vorgeschlagene Adresse kann so nicht gespeichert werden (die Regeln für Adressen lassen sie nicht zu): Lehnen Sie sie mit einer Begründung ab.
refusal-ship-to-address-gone = Die Adresse, die dieser Vorschlag ändert, wurde inzwischen gelöscht: Lehnen Sie ihn mit einer Begründung ab.

# A customer's catalogs and stores.
refusal-catalog-deactivated = Der Katalog „{ $name }“ ist deaktiviert und kann daher für keinen Kunden freigeschaltet werden. Ein Administrator kann ihn unter Verwaltung → Kataloge wieder aktivieren.
refusal-catalog-last = „{ $name }“ ist der letzte Katalog von { $customer }, und das Bestellen ist freigeschaltet: Dafür wird mindestens ein Katalog benötigt. Schalten Sie zuerst das Bestellen ab (das geschieht, wenn Sie die Geschäftsbeziehung auf dem Reiter „Dienste und Anfragen“ deaktivieren oder sperren), oder schalten Sie einen anderen Katalog frei und nehmen Sie dann diesen zurück. Es wurde nichts geändert.
refusal-store-gone = Ein Lager auf dem Formular existiert nicht mehr. Laden Sie die Seite neu und versuchen Sie es erneut.

# Requests. $status is the relationship's inline label ("gesperrt").
refusal-request-relationship = Die Geschäftsbeziehung mit { $customer } ist { $status }: Bis sie wieder freigeschaltet ist, nimmt sie keine Anfragen an.
refusal-request-not-waiting = Diese Anfrage wartet nicht mehr auf eine Antwort.
# Who recorded a request, as its email names them.
refusal-requested-by-staff = { $name } (Mitarbeiter, im Auftrag des Kunden)
refusal-requested-by-user = { $name } (Benutzer des Kunden)

# A product's price as typed.
refusal-price-invalid = Geben Sie einen Betrag wie 1500 oder 1250,00 ein. Lassen Sie das Feld leer, wenn es keinen Preis gibt („Preis auf Anfrage“).
refusal-price-decimals = Verwenden Sie höchstens zwei Nachkommastellen. Lassen Sie das Feld leer, wenn es keinen Preis gibt („Preis auf Anfrage“).

# Switching off a service. $service is its label, $status its inline status ("angefragt").
refusal-service-not-active = { $service } ist { $status } und nicht freigeschaltet: Es gibt nichts abzuschalten.

refusal-staff-last-admin = { $name } ist der letzte aktive Administrator: Geben Sie zuerst einem anderen Konto die Administratorrolle.
refusal-staff-deactivated-link = { $name } ist deaktiviert: Reaktivieren Sie das Konto, bevor Sie ihm einen Link senden.
