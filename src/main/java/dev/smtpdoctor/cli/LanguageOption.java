package dev.smtpdoctor.cli;

import picocli.CommandLine.Option;

/**
 * {@code --lang ja|en}, for every command: declared here so that picocli accepts it and the help shows it. Its value
 * is read once, before picocli parses anything, by {@link Main} (the language of picocli's own errors depends on
 * it), so no command reads this field.
 */
public final class LanguageOption {

    @Option(names = "--lang", paramLabel = "ja|en", descriptionKey = "opt.lang")
    String lang;
}
