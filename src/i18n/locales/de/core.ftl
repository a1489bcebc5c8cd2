## Die Sprache selbst und ihre Formate (siehe src/i18n/format.rs).

language-name = Deutsch
format-locale = de_DE
format-date = %-d. %B %Y
format-time = %-d. %B %Y, %H:%M %Z
format-clock = %H:%M %Z
format-money = { $amount } { $symbol }
format-percent = { $n } %

amount-invalid = Geben Sie einen Betrag wie { $example } ein.
amount-decimals = Bitte höchstens zwei Nachkommastellen.
amount-too-large = Dieser Betrag ist zu groß.
