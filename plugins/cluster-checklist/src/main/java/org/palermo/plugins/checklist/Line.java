package org.palermo.plugins.checklist;

/** A text that still needs a language: a bundle key and its arguments. */
record Line(String key, Object... args) {}
