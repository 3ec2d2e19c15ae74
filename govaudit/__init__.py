"""govaudit: consistency checks for Chinese government budget and final-accounts disclosures."""

__version__ = "0.1.0"
