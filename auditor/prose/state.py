"""What the claim reader remembers while it reads the prose, sentence after sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Claim
from .vocabulary import Vocabulary


@dataclass(slots=True)
class ItemList:
    """Parts announced by a sentence ending in 如下： / 其中：, listed in the next sentences."""

    parent: int
    group: int
    style: str | None  # ordinal style of the items; None: the parts are in one sentence
    sentence: int  # the sentence that opened the list
    served: set[int] = field(default_factory=set)  # parents the current item already gave a part
    groups: dict[int, int] = field(default_factory=dict)  # sibling parent → its group


class ReaderState:
    """The state the parts of the reader (subjects, parts, claim builders) share."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocab = vocabulary
        self.claims: list[Claim] = []
        self.headings: dict[int, str] = {}
        self.scope: str | None = None  # the functional class a heading names (`（一）一般公共服务（类）`)
        self.heading_topic = False  # the topic is the 类/款/项 the last heading names
        self.topic: tuple[str, str | None, int | None] | None = None  # subject, canonical, claim id
        self.last_top: int | None = None  # last amount/count of this section that is no part
        self.pending: int | None = None  # parent announced at the end of the last sentence
        self.list: ItemList | None = None
        self.by_parent: tuple[int, int] | None = None  # (total, group) of a `按…划分，` sentence
        self.groups = 0
        self.section_start = 0  # first claim id of the current section
        self.sentence_claims: list[int] = []  # ids of the claims of the sentence being read
        self.positions: dict[int, int] = {}  # claim id → offset of its figure in its sentence
        self.intro_groups: dict[int, int] = {}  # offset of a 其中 in the sentence → its group
        self.intro_parts: set[int] = set()  # claims this sentence's 其中 made parts
        self.seen: dict[str, list[int]] = {}  # a sentence with figures → the claims it gave the first time
        self.reasons: list[tuple[int, int]] = []  # spans of the reason clauses of the sentence being read
