"""nbgrader settings for every user of the hub: the shared exchange (the hub passes its path in ALALOUPE_EXCHANGE)."""

import os

c = get_config()  # noqa: F821 (provided by traitlets when it reads this file)

c.Exchange.root = os.environ.get("ALALOUPE_EXCHANGE", "/srv/nbgrader/exchange")
