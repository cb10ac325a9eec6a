"""The contact step: parsing the details, changing them, the review read-back and its wording."""
