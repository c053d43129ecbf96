"""The Atom feed writer for people's text: well-formed whatever is stored, and never markup.

Django's `Atom1Feed` raises on any control character (so one stored title took a feed down, and
the immutable history keeps it forever) and sends item descriptions as `<summary type="html">`,
which feed readers render as live HTML. This writer cleans every text and attribute value on its
way into the XML (`core.text.clean_text`) and sends descriptions as plain text.
"""

from django.utils.feedgenerator import Atom1Feed
from django.utils.xmlutils import SimplerXMLGenerator

from .text import clean_text


class _CleanXMLGenerator(SimplerXMLGenerator):
    def characters(self, content):
        super().characters(clean_text(content) if content else content)

    def startElement(self, name, attrs):
        if attrs:
            attrs = {k: clean_text(v) if isinstance(v, str) else v for k, v in attrs.items()}
        super().startElement(name, attrs)


class PlainTextAtomFeed(Atom1Feed):
    """Atom 1.0 with descriptions as `type="text"` and every value cleaned for XML."""

    def write(self, outfile, encoding):
        # Atom1Feed.write with the cleaning generator: the generator class is not a hook there.
        handler = _CleanXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})
