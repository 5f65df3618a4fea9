"""Rule-based event extraction: triggers, participants, status, time, location, coreference.

Modules, in pipeline order: ``lexicon`` (trigger and cue patterns per language), ``common``
(mention and context), ``filters`` (matches that are no events), ``participants``, ``status``
(time and status), ``coref`` (clusters of mentions into events), ``extractor`` (the registered
``events``/``rules`` component tying them together). The subpackage ``learned`` holds the
``events``/``learned`` component: the same grammar with triggers added by a CRF tagger trained on
the event corpus (training code in ``graphbuilder.training.events``).

Per sentence, trigger words from the per-language lexicon (``data/events/<lang>.toml``) open an
event mention of a taxonomy type. Each trigger is read within its *clause* (the sentence cut at
connectives such as ", dass" / ", that", ":" and ";"; a relative clause ends at its next comma).
Mentions the annotation guidelines exclude are dropped: hypothetical ("ob", "whether", "if"),
negated nouns ("keine Wahlen", "no deal"), demanded ones ("appealed for the release of X",
"Forderung nach …"), objects of a closing German infinitive (", eine Einigung zu erreichen"),
other senses ("am Arm getroffen", "is said to") and parts of names ("World War Two").
Also dropped: counted or habitual nouns ("the last six elections"), nouns that only modify
another ("election campaign"), a negation right before the trigger, events that hang on a
condition ("only if", "erst …, wenn"), background wars and verb-first conditional sentences.
Context may retype a trigger (``[[retype]]`` rules in the lexicon): a parliament's vote on a bill
is LEGISLATION, a parliament electing a government APPOINTMENT, a pledge of money OTHER, an
attack in words ("Fox attacks Blair") a STATEMENT.

* participants: named entities of the clause; "zwischen X und Y" / "between X and Y" name them
  exactly; a contact "mit X" / "with X" adds the clause's subject; pronouns ("er", "he"),
  first-person pronouns in quotes ("ich", "I") and role nominals ("der US-Außenminister",
  "die beiden Präsidenten") resolve to persons of the document; statements get one speaker:
  the principal of a spokesman or office ("Kerrys Sprecher", "a BNP spokesman"), a passive
  agent ("von X dementiert"), a clause-initial country, none for unnamed sources ("sagte ein
  Sprecher", "hieß es"); interview media ("bei CNN", "told BBC Radio") are participants; cited
  sources ("X zufolge", "according to X") are never participants; a press conference is given
  by the speaker reporting from it.
* participants of other events leave out who only reports them ("X said Y was arrested",
  ", berichtete die Zeitschrift X", "WAFA bestätigte das Gespräch"), organisations that only
  qualify a person ("BNP leader X", "the leader of X"), possessors ("Britain's biggest union")
  and names beyond a comma after a contact noun; they add a country as a partner or subject
  ("talks with Ankara", "Canada has begun its moratorium"), a coordinated subject as a whole,
  the name a participle follows ("X, kidnapped in Iraq") and the last person for a singular
  title ("Der Senator aus Florida zog sich zurück", "Gegen die Politikerin …").
* status, from cues in the clause, strongest first: cancelled, denied, possible, expected,
  planned (future tense, plans, a future time), ongoing, occurred (past tense, "nach dem …",
  a past time; English "touring"/"arrives" without a past auxiliary are ongoing; begun events
  ongoing; announced or invited ones planned). Verb triggers default to occurred; noun triggers without a cue stay
  undetermined and take the status of their coreferent mentions (else occurred).
* time, documented defaults: the clause's date expression (for a statement: of its reporting
  clause, not the quote; PAST_REF/PRESENT_REF and digit-less values date nothing); else a realis event (occurred,
  ongoing) is dated to the article's day; an irrealis event (planned, expected, possible)
  never gets a date before the reference date.
* location: a place of the clause after a locative preposition ("in", "bei", "at").

Within-document coreference merges mentions of one family (see ``graphbuilder.schema``) that name the
same participants with compatible status class and time, anaphoric mentions ("dieses
Treffens", "the talks") and later nouns whose participants do not disagree with the latest
event of their family, a title-only event with the first compatible body event, and statements
of one speaker within one passage (close by, or no other speaker in between).
The merged status is the strongest asserted status (occurred > … > planned > expected >
possible); the time comes from the mentions carrying that status. A statement is ABOUT the
events reported in its complement or in the quote it introduces; "Nach dem Treffen …" puts the
meeting BEFORE the sentence's other events.
"""

from graphbuilder.extract.events.extractor import RuleEventExtractor
from graphbuilder.extract.events.lexicon import load_lexicon
from graphbuilder.schema import EVENT_TYPES

__all__ = ["RuleEventExtractor", "load_lexicon", "EVENT_TYPES"]
