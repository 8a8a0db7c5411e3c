"""The model written out: Fountain, Final Draft XML, the HTML page view and the JSON tree."""
