## Die E-Mails des Portals: Betreff, Text- und HTML-Teil, in der Sprache des Empfängers.

email-footer = Gesendet von Clientele. Sie erhalten diese Nachricht aufgrund Ihrer Rolle bei diesem Kundenkonto.
email-hello = Guten Tag { $name },

email-request-received-subject = Neue Anfrage von { $customer }: { $services }
email-request-received-heading = Neue Anfrage von { $customer }
email-request-received-lead = { $name } hat angefragt:
email-request-received-text = { $name } hat im Namen von { $customer } angefragt:
email-salesperson = Vertriebsmitarbeiter: { $name }
email-their-message = Nachricht des Kunden:
email-open-in-queue = Anfrage in der Freigabe-Warteschlange öffnen
email-open-in-queue-colon = Anfrage in der Freigabe-Warteschlange öffnen:

email-request-approved-subject = Ihre Anfrage wurde freigegeben: { $services }
email-request-rejected-subject = Ihre Anfrage wurde nicht freigegeben: { $services }
email-request-decided-title = Ihre Anfrage
email-request-approved-heading = Ihre Anfrage wurde freigegeben
email-request-approved-for = Für { $customer } jetzt aktiv:
email-request-approved-text = Gute Nachrichten: Ihre Anfrage für { $customer } wurde freigegeben.
email-now-active = Jetzt aktiv: { $services }
email-catalogs = Kataloge, aus denen Sie bestellen können: { $catalogs }
email-request-rejected-heading = Ihre Anfrage wurde nicht freigegeben
email-request-rejected-for = Für { $customer } haben Sie angefragt: { $services }.
email-request-rejected-text = Ihre Anfrage für { $customer } wurde nicht freigegeben.
email-asked-for = Angefragt: { $services }
email-reason-given = Die angegebene Begründung:
email-see-requests = Ihre Anfragen ansehen
email-see-requests-colon = Ihre Anfragen ansehen:
email-see-ship-to = Ihre Lieferadressen ansehen
email-see-ship-to-colon = Ihre Lieferadressen ansehen:
email-open-portal = Das Kundenportal öffnen
email-open-portal-colon = Das Kundenportal öffnen:
email-ship-to-proposed = Vorgeschlagene Adresse: { $address }
email-ship-to-instead-of = Anstelle von: { $address }
email-ship-to-new = Es ist eine neue Lieferadresse.
email-ship-to-approved-for = Für { $customer } lautet die Lieferadresse jetzt:
email-ship-to-now-reads = Die Lieferadresse lautet jetzt: { $address }

email-information-asked-subject = Wir benötigen weitere Angaben zu Ihrer Anfrage: { $services }
email-information-asked-title = Weitere Angaben benötigt
email-information-asked-heading = Wir benötigen weitere Angaben
email-information-asked-lead = Bevor wir über Ihre Anfrage für { $customer } ({ $services }) entscheiden können, beantworten Sie bitte unsere Frage:
email-information-asked-text = Wir benötigen noch einige Angaben, bevor wir über Ihre Anfrage für { $customer } ({ $services }) entscheiden können.
email-our-question = Unsere Frage:
email-answer-here = Hier antworten
email-answer-here-colon = Hier antworten:

email-answer-received-subject = Antwort von { $customer }: { $services }
email-answer-received-heading = Antwort von { $customer }
email-answer-received-lead = { $name } hat Ihre Frage zur Anfrage beantwortet ({ $services }).
email-answer-received-text = { $name } hat Ihre Frage zur Anfrage von { $customer } beantwortet
email-your-question = Ihre Frage:
email-their-answer = Die Antwort:
email-back-in-queue = Die Anfrage ist wieder in der Freigabe-Warteschlange:

email-invitation-subject = Ihre Einladung zum Kundenportal von { $customer }
email-invitation-title = Ihre Einladung zum Kundenportal
email-invitation-lead = { $staff } hat für Sie ein Konto in unserem Kundenportal für { $customer } eingerichtet: Ihre Produkte und Preise, Bestellungen, Lieferadressen und Anfragen.
email-invitation-button = Passwort festlegen
email-invitation-link = Legen Sie hier Ihr Passwort fest:
email-invitation-expires = Der Link funktioniert einmal und bis { $expires }. Ist er abgelaufen, fordern Sie bei uns einen neuen an. Wir versenden niemals Passwörter per E-Mail.

email-password-reset-subject = Passwort für das Kundenportal zurücksetzen
email-password-reset-title = Passwort zurücksetzen
email-password-reset-lead = Jemand (hoffentlich Sie) hat darum gebeten, Ihr Passwort für das Kundenportal zurückzusetzen.
email-password-reset-text = Jemand (hoffentlich Sie) hat darum gebeten, Ihr Passwort für das Kundenportal zurückzusetzen. Wählen Sie hier ein neues:
email-password-reset-button = Neues Passwort wählen
email-password-reset-expires = Der Link funktioniert einmal und { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } lang. Falls Sie nicht darum gebeten haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt unverändert.

## The outbox's filters (admin).
email-outbox-all = Alle
email-outbox-waiting = Wartend
email-outbox-failed = Fehlgeschlagen
email-outbox-sent = Gesendet
email-order-placed-subject = Bestellung { $number } eingegangen
email-order-placed-text = Wir haben Bestellung { $number } für { $customer } erhalten.
email-order-reference = Ihre Referenz: { $reference }
email-order-total = Summe: { $total }
email-order-ship-to = Lieferung an: { $address }
email-order-pickup = Abholung in: { $store }
email-order-awaiting-payment = Wir versenden diese Bestellung, sobald die Zahlung bei uns eingegangen ist.
email-order-credit-hold = Diese Bestellung überschreitet Ihr Kreditlimit: wir halten sie an, bis wir sie freigeben.
email-order-see = Bestellung ansehen
email-order-see-colon = Bestellung ansehen:
email-order-shipped-subject = Bestellung { $number } ist unterwegs (Sendungsnummer { $tracking })
email-order-shipped-text = Bestellung { $number } für { $customer } wurde versandt.
email-order-tracking = Versanddienst: { $carrier } · Sendungsnummer: { $tracking }
email-order-cancelled-subject = Bestellung { $number } wurde storniert
email-order-cancelled-text = Bestellung { $number } für { $customer } wurde storniert.

## Accounts: invoices posted, reminders, statements (each carries its PDF)
email-accounts-see = Ihre Rechnungen und Ihr Kontoauszug im Portal:
email-accounts-see-link = Ihre Rechnungen und Ihren Kontoauszug im Portal ansehen
email-invoice-posted-subject = Rechnung { $number }: { $amount }, fällig am { $due }
email-invoice-posted-text = Anbei die Rechnung { $number } für { $customer }: { $amount }, fällig am { $due }.
email-sell-to-invoice-posted-subject = Rechnung { $number } für { $customer }
email-sell-to-invoice-posted-text = Anbei eine Rechnung an { $customer }, die Ihr Konto bezahlt: Rechnung { $number }, { $amount }, fällig am { $due }.
email-reminder-1-subject = Zahlungserinnerung: Rechnung { $number } ist überfällig
email-reminder-1-text = Die Rechnung { $number } für { $customer } war am { $due } fällig, und { $amount } davon sind noch offen. Die Rechnung liegt bei. Falls Sie inzwischen bezahlt haben, danken wir Ihnen und bitten Sie, diese Erinnerung zu übersehen.
email-reminder-2-subject = Zweite Mahnung: Rechnung { $number } ist weiterhin überfällig
email-reminder-2-text = Die Rechnung { $number } für { $customer } war am { $due } fällig, und { $amount } davon sind trotz unserer Erinnerung noch offen. Bitte zahlen Sie innerhalb von sieben Tagen. Die Rechnung liegt bei.
email-reminder-3-subject = Letzte Mahnung: Rechnung { $number }
email-reminder-3-text = Dies ist unsere letzte Mahnung: Die Rechnung { $number } für { $customer } war am { $due } fällig, und { $amount } davon sind noch offen. Bis zur Zahlung können neue Bestellungen auf Rechnung angehalten werden. Die Rechnung liegt bei.
email-statement-subject = Ihr Kontoauszug für { $number }
email-statement-text = Anbei der Kontoauszug von { $customer } für { $number }. Der Saldo am Ende: { $amount }.

## Mitarbeiterkonten: die Einladung und das Zurücksetzen des Passworts.
email-staff-invitation-subject = Ihr Mitarbeiterkonto in Clientele
email-staff-invitation-lead = { $staff } hat für Sie ein Mitarbeiterkonto in Clientele eingerichtet, mit diesen Rollen: { $roles }.
email-staff-invitation-expires = Der Link funktioniert einmal und bis { $expires }. Ist er abgelaufen, bitten Sie einen Administrator um einen neuen. Wir versenden niemals Passwörter per E-Mail.
email-staff-password-reset-subject = Ihr Clientele-Passwort zurücksetzen
email-staff-password-reset-lead = Jemand (hoffentlich Sie) hat darum gebeten, das Passwort Ihres Mitarbeiterkontos in Clientele zurückzusetzen.
email-staff-password-reset-text = Jemand (hoffentlich Sie) hat darum gebeten, das Passwort Ihres Mitarbeiterkontos in Clientele zurückzusetzen. Wählen Sie hier ein neues:
