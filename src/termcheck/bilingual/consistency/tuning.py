"""The thresholds of TC103, in one place to tune them against real files."""

MIN_UNITS = 5  # a source word in fewer units is not "frequent"
MIN_MAJORITY = 3  # the majority rendering must stand in at least this many units
MIN_MAIN_SHARE = 0.4  # ... and in this share of the word's units: else the word has no rendering
MIN_DICE = 0.3  # association of the word and its main rendering
MIN_ALT_UNITS = 2  # a different word must stand in this many units without the main rendering
MIN_ALT_EXCLUSIVE = 0.6  # share of its unexplained uses that are for this source word
MAX_ALT_BESIDE = 0.34  # share of its uses (within S) that stand beside the main rendering
RARE_IN_TNC = 1000  # a Thai word seen less often than this in the TNC may be a loanword
MAX_ALONE_WORDS = 8  # a unit this short can show a lone rendering by elimination
RECOUNT = 8  # leading candidates recounted without what other words explain
EXPLAIN_DICE = 0.4  # first pass: association enough to say what a word's rendering is
MAX_NGRAM = 4  # Thai words per rendering (misspelt loanwords segment into pieces: ได|เร็กทอ|รี)
