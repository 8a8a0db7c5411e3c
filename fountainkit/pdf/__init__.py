"""The PDF: the direct grid painter, its fonts, the WeasyPrint path and the parallel pool."""
