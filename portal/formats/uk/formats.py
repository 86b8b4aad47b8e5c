# Django's Ukrainian formats with the day without a leading zero: "8 червня
# 2020 р.", as Ukrainian style guides and the Czech pages ("8. 6. 2020")
# write it. Everything else is Django's (django/conf/locale/uk/formats.py).
DATE_FORMAT = "j E Y р."
DATETIME_FORMAT = "j E Y р. H:i"
MONTH_DAY_FORMAT = "j F"
