"""发布审核: posts through 初审、二审、三审, publication and confirmation, the daily inspection log and
the word lists of the automated checks (rule A)."""
