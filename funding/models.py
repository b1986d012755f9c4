# DES and LES schemes, payments and practice agreements arrive with their own issue.
