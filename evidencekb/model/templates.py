"""The texts the authoring commands write where only a maintainer can write: each is a placeholder, and the build
refuses a content file that still holds one, at its line (reading/writing.py), saying what to write there."""

from __future__ import annotations

SOURCE_TEXT = "TO WRITE: who published the page, what it argues, what is known of where it appeared."
CLAIM_TEXT = "TO WRITE: what the claim says, in the maintainers' words."
HEALTH_CLAIM_TEXT = (
    "**Why this verdict.** TO WRITE: two to five sentences naming the evidence, and what each study "
    "compared and found for this question."
)
REVIEW_TEXT = "TO REVIEW: this claim was reused for {source}: check that its question, links and reasoning still hold, then remove this line."

RELEASE_TEXT = "TO WRITE: what this release changed, in a sentence or two."
REASON_TEXT = "TO WRITE: why it changed"
RELEASE_NOTE = """# The note on release {version} (docs/releases.md): its date, what it changed, and why each claim changed.
date = "{date}"
summary = "{summary}"
# Why every change below that has no reason of its own was made; a changed rating always needs its own.
other_changes = ""

[because]
{because}
"""

# Each placeholder, as it stands in a file, and what the maintainer writes instead.
PLACEHOLDERS = {
    "TO WRITE:": "write the text the placeholder asks for, in your own words",
    "TO REVIEW:": "review what the line asks, then remove the line",
    # the templates' texts before they were marked as placeholders
    "No evidence is linked yet.": "link the evidence and write why the verdict follows from it",
    "Who published the page, what it argues, what is known of where it appeared.": "write who published the page and what it argues",
    "What the claim says, in the maintainers' words.": "write what the claim says, in your own words",
}
