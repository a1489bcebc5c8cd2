## Fehlerseiten und die Absagen der Zustandsautomaten im Freigabeablauf.

error-heading-400 = Diese Anfrage ergab keinen Sinn
error-heading-401 = Bitte melden Sie sich an
error-heading-403 = Nicht erlaubt
error-heading-404 = Seite nicht gefunden
error-heading-405 = Hier nicht erlaubt
error-heading-409 = Zwischenzeitlich geändert
error-heading-413 = Zu groß
error-heading-422 = Bitte prüfen Sie Ihre Eingaben
error-heading-429 = Zu viele Versuche
error-heading-500 = Etwas ist schiefgegangen
error-heading-503 = Vorübergehend nicht verfügbar
error-heading-other = Das hat nicht geklappt

error-message-400 = Die Anfrage war nicht verständlich. Gehen Sie zurück und versuchen Sie es erneut.
error-message-403 = Darauf haben Sie keinen Zugriff.
error-message-404 = Unter dieser Adresse gibt es nichts. Vielleicht wurde es verschoben oder gelöscht.
error-message-405 = Diese Adresse nimmt diese Art von Anfrage nicht an.
error-message-413 = Was Sie gesendet haben, ist größer, als diese Seite annimmt.
error-message-500 = Bei uns ist etwas schiefgegangen. Es wurde protokolliert; bitte versuchen Sie es erneut.
error-message-503 = Das Portal erreicht seine Datenbank gerade nicht. Bitte versuchen Sie es gleich noch einmal.
error-message-other = Die Anfrage konnte nicht abgeschlossen werden.
error-unstorable-characters = Ihre Eingabe enthält Zeichen, die sich nicht speichern lassen.

relationship-cannot-become = Die Geschäftsbeziehung ist { $from }; sie kann nicht { $to } werden.
service-cannot-become = { $service } ist { $from }; der Service kann nicht { $to } werden.
service-needs-active-relationship = { $service } kann nicht freigeschaltet werden, solange die Geschäftsbeziehung { $relationship } ist.
service-nothing-to-restore = { $service } wurde nicht durch eine Sperre abgeschaltet; es gibt nichts wiederherzustellen.
service-restore-needs-active-relationship = { $service } kann nicht wiederhergestellt werden, solange die Geschäftsbeziehung { $relationship } ist.

## Die Meldungen der geprüften Feldtypen (src/domain).
field-code-invalid = Bitte höchstens { $max } Buchstaben, Ziffern und . _ / - verwenden, beginnend mit einem Buchstaben oder einer Ziffer.
field-sku-invalid = Bitte höchstens { $max } Buchstaben, Ziffern und . _ / - verwenden, beginnend mit einem Buchstaben oder einer Ziffer (ohne Leerzeichen).
field-email-invalid = Bitte geben Sie eine E-Mail-Adresse in der Form name@example.com ein.
field-phone-invalid = Bitte geben Sie eine Telefonnummer nur mit Ziffern, Leerzeichen und + - ( ) . ein, z. B. +49 30 1234567.
field-postcode-invalid = Bitte geben Sie eine Postleitzahl mit höchstens { $max } Buchstaben, Ziffern, Leerzeichen und Bindestrichen ein, z. B. 10115.
field-country-invalid = Bitte geben Sie das Land als zwei Buchstaben ein (ISO-3166-Code), z. B. DE oder AT.
field-text-invalid = Bitte höchstens { $max } Zeichen in einer Zeile.
field-note-invalid = Bitte höchstens { $max } Zeichen, ohne Steuerzeichen.
field-check-value = Bitte prüfen Sie diesen Wert.
