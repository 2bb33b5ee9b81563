"""Loaded by the AWS CLI (Python) that Firebreak runs against the twin, through PYTHONPATH.

The CLI's waiters poll every 5 to 30 seconds (`cloudformation deploy` waits 5 s for its change set
and 30 s between stack checks), sized for AWS. The emulator settles in milliseconds, so the twin
polls every half second with the same total patience. Nothing else about the CLI changes.
"""

import math

try:
    import botocore.waiter as _waiter

    _original_wait = _waiter.Waiter.wait
    _FAST = 0.5

    def _wait(self, **kwargs):
        config = dict(kwargs.pop("WaiterConfig", None) or {})
        delay = float(config.get("Delay", self.config.delay))
        attempts = int(config.get("MaxAttempts", self.config.max_attempts))
        if delay > _FAST:
            config["MaxAttempts"] = int(math.ceil(delay * attempts / _FAST))
            config["Delay"] = _FAST
        return _original_wait(self, WaiterConfig=config, **kwargs)

    _waiter.Waiter.wait = _wait
except Exception:  # the CLI runs unchanged without it
    pass
