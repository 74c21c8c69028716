"""Publishing: the public portal, citizen feedback and its handling."""
