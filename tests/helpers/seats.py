"""The seats and figures the tests declare with, defined once for every layer's tests.

Hendon is the workhorse: eight candidates, Labour won it by 15 votes in 2024 (recount range).
"""

from __future__ import annotations

HENDON = "E14001279"
BASILDON = "E14001077"  # Basildon and Billericay: Con by 20 after recounts
BEACONSFIELD = "E14001082"  # two independents: Pippa Allen and Cole Caesar ('Ind' is ambiguous)

# Hendon's candidates' party keys, in ballot order (the CLI's --vote KEY=N).
PARTIES = ("Green", "LD", "SDP", "Con", "WPB", "RUK", "Lab", "REU")
# Hendon in ballot order: Bailey (Green), Enderby (LD), Gibson (SDP), Jogia (Con),
# Palekar (WPB), Pearl (RUK), Pinto-Duschinsky (Lab), Rend (REU). Electorate 74,865.
CON, LAB = 3, 6
HENDON_ELECTORATE = 74_865
# Plausible figures that raise no warning: turnout 52.8 %, Lab majority 6,000.
CLEAN = (2667, 1966, 139, 12000, 1518, 3038, 18000, 233)
HENDON_2024 = (2667, 1966, 139, 15840, 1518, 3038, 15855, 233)  # the real 2024: Lab by 15
TIED = (100, 200, 300, 20000, 400, 500, 20000, 600)  # Con and Lab level
