"""Public consultations: the draft in sections, the survey, comments' outcomes and the summary
report."""
