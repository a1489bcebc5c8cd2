## Seitenrahmen, Navigation, Anmeldung und Fehlerseiten für beide Zielgruppen.

shell-skip = Zum Inhalt springen
shell-your-account = (Ihr Konto)
shell-sign-out = Abmelden
shell-language = Sprache

nav-main = Hauptnavigation
nav-dashboard = Dashboard
nav-customers = Kundenübersicht
nav-orders = Bestellungen
nav-approvals = Offene Anfragen
nav-watch-list = Beobachtungsliste
nav-administration = Verwaltung

admin-nav-staff = Mitarbeiterkonten
admin-nav-stores = Lager
admin-nav-price-lists = Preislisten
admin-nav-sales-channels = Vertriebskanäle
admin-nav-customer-groups = Kundengruppen
admin-nav-payment-terms = Zahlungsbedingungen
admin-nav-tags = Schlagwörter
admin-nav-catalogs = Kataloge
admin-nav-products = Produkte
admin-nav-import = Import
admin-nav-outbox = E-Mail-Ausgang
admin-nav-api-clients = API-Clients
admin-nav-maintenance = Wartung

portal-name = Kundenportal
portal-nav = Portal
portal-nav-home = Start
portal-nav-products = Produkte
portal-nav-orders = Bestellungen
portal-nav-invoices = Rechnungen
portal-nav-statement = Kontoauszug
portal-nav-ship-to = Lieferadressen
portal-nav-requests = Anfragen
portal-nav-contacts = Kontakte
portal-nav-users = Benutzer
portal-view-as-title = Nur-Lese-Ansicht als { $user } ({ $customer }).
portal-view-as-body = { $staff }, Sie sehen das Portal so, wie dieser Kundenbenutzer es sieht; hier lässt sich nichts ändern. Diese Ansicht wird in der Historie des Kunden vermerkt.
portal-view-as-end = Ansicht beenden
portal-access-withdrawn = Der Portalzugang Ihres Unternehmens wurde entzogen, deshalb wurden Sie abgemeldet. Bitte wenden Sie sich an Ihre Ansprechperson im Vertrieb.

field-email = E-Mail
field-password = Passwort
field-current-password = Aktuelles Passwort
field-new-password = Neues Passwort
field-confirm-password = Neues Passwort wiederholen

auth-sign-in = Anmelden
auth-sign-in-staff = Bei Clientele anmelden
auth-sign-in-portal = Beim Kundenportal anmelden
auth-forgot-link = Passwort vergessen?
auth-forgot-sent = Falls { $email } zu einem Mitarbeiterkonto gehört, haben wir dorthin einen Link zum Wählen eines neuen Passworts geschickt. Er funktioniert einmal und eine Stunde lang.
auth-link-dead-new = Für eine neue Einladung wenden Sie sich an einen Administrator. Haben Sie schon ein Passwort, können Sie es zurücksetzen oder sich anmelden.
auth-change-password = Passwort ändern
auth-signed-out = Sie haben sich abgemeldet.
auth-session-ended = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
auth-refused = E-Mail-Adresse oder Passwort stimmen nicht. Bitte prüfen Sie beides und versuchen Sie es erneut.
auth-throttled = Zu viele fehlgeschlagene Anmeldeversuche. Zu Ihrer Sicherheit ist die Anmeldung pausiert: Versuchen Sie es in { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } erneut.
auth-email-missing = Bitte geben Sie Ihre E-Mail-Adresse ein.
auth-email-too-long = So lang ist keine E-Mail-Adresse.
auth-email-invalid = Das ist keine E-Mail-Adresse.
auth-password-missing = Bitte geben Sie Ihr Passwort ein.
auth-password-too-long = So lang ist kein Passwort hier.

error-code = Fehler { $status }
error-home-staff = Zur Übersicht
error-home-portal = Zur Startseite des Portals

import-files = Zu importierende CSV-Dateien
import-upload = Hochladen und importieren
import-what-the-files-hold = Was die Dateien enthalten
