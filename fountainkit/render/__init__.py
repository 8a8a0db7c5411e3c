"""Writers: Fountain, JSON tree, HTML, PDF, FDX."""
