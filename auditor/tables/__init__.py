"""The table layer: regions of a document, their headers and rows, typed by title or header."""
