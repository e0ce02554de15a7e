"""Print precision and recall of the event rules on each labelled set: ``python -m newskit.events [FILE ...]``."""
from newskit.events.evaluate import main

main()
