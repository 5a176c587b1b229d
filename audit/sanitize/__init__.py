"""What every output passes through before it leaves the tool: control characters removed
from web strings (text) and other people's details masked (thirdparty)."""
