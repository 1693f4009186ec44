"""auditor: consistency checks for Chinese departmental budget and final-account disclosures."""

__version__ = "0.1.0"
