# Report models arrive with the PDF reports (issue 6).
