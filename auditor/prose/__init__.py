"""The prose (情况说明) of a disclosure as checkable claims."""

from .claims import Claim, ClaimKind, PartOf, extract_claims
from .vocabulary import Vocabulary, load_vocabulary

__all__ = ["Claim", "ClaimKind", "PartOf", "Vocabulary", "extract_claims", "load_vocabulary"]
