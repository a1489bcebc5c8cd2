## The language itself and its formats (see src/i18n/format.rs).

language-name = English
# A POSIX locale: month names and digit grouping.
format-locale = en_GB
# strftime patterns.
format-date = %-d %b %Y
format-time = %-d %b %Y %H:%M %Z
format-clock = %H:%M %Z
# An amount of money: $amount is grouped and has two decimals, $symbol is the currency's sign
# (€) and $code its ISO code (EUR).
format-money = { $amount } { $code }
format-percent = { $n } %

amount-invalid = Enter an amount such as { $example }.
amount-decimals = Use at most two decimals.
amount-too-large = That amount is too large.
amount-invalid-plain = Enter an amount such as 1500 or 1,250.00.
percent-invalid = Enter a percentage such as 5 or 12.5.
percent-range = Use a percentage from 0 to 100.
