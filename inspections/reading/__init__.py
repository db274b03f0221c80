"""Reading Ofsted documents: plain Python, no Django, so every rule is testable on text."""
