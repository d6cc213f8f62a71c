"""alaloupe: examine one French news article "à la loupe" with NLP and source criticism.

The modules follow the syllabus and the data flow:
article -> tokens.normalise -> nlp.parse -> entities / claims / quantities -> plots -> report.
"""

__version__ = "0.1.0"
