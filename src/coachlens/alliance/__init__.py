"""Alliance monitoring (PRODUCT.md C5): check-in instruments as data, scoring, reliability, alerts.

Everything here is pure: instruments are parsed from YAML text and scores, Cronbach's alpha and
reliable change are computed from plain numbers. The database side lives in
`coachlens.practice.checkins`.
"""
