package dev.smtpdoctor.cli;

import dev.smtpdoctor.report.Text;
import dev.smtpdoctor.report.Wrap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help text laid out for Japanese. picocli wraps descriptions at spaces and, where a Japanese sentence has
 * none, at any column — inside a word ("送 / 信"), or with "。" or "・" starting a line. These renderers lay out
 * the description, the parameters and the options the way picocli does (names in the left column, the text from
 * column {@value #TEXT_COLUMN}) but wrap the text with {@link Wrap}, which follows the Japanese line-breaking
 * rules. English keeps picocli's own layout.
 */
final class JapaneseHelp {

    static final int TEXT_COLUMN = 27;

    private JapaneseHelp() {
    }

    /** Installs the renderers on {@code cmd} and every subcommand. */
    static void install(CommandLine cmd) {
        java.util.Map<String, CommandLine.IHelpSectionRenderer> sections = cmd.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, JapaneseHelp::synopsis);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, JapaneseHelp::description);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, JapaneseHelp::parameters);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, JapaneseHelp::options);
        cmd.setHelpSectionMap(sections);
        cmd.getSubcommands().values().forEach(JapaneseHelp::install);
    }

    private static int width(CommandLine.Help help) {
        return Math.max(40, help.commandSpec().usageMessage().width());
    }

    /** picocli counts "使い方: " as five columns; it takes eight, so the synopsis is laid out that much narrower. */
    private static String synopsis(CommandLine.Help help) {
        CommandLine.Model.UsageMessageSpec usage = help.commandSpec().usageMessage();
        String heading = String.format(usage.synopsisHeading()).replace("%n", "");
        int extra = Text.width(heading) - heading.length();
        int width = usage.width();
        usage.width(Math.max(40, width - extra));
        try {
            return help.synopsis(help.synopsisHeadingLength());
        } finally {
            usage.width(width);
        }
    }

    private static String description(CommandLine.Help help) {
        String[] text = help.commandSpec().usageMessage().description();
        if (text.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : Wrap.lines(String.join(" ", text), width(help), "", "")) {
            sb.append(line).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String parameters(CommandLine.Help help) {
        StringBuilder sb = new StringBuilder();
        for (PositionalParamSpec p : help.commandSpec().positionalParameters()) {
            if (!p.hidden()) {
                String label = p.arity().min == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel();
                row(sb, "      " + label, p, width(help));
            }
        }
        return sb.toString();
    }

    private static String options(CommandLine.Help help) {
        List<OptionSpec> options = new ArrayList<>(help.commandSpec().options().stream().filter(o -> !o.hidden()).toList());
        if (help.commandSpec().usageMessage().sortOptions()) {
            options.sort(Comparator.comparing(o -> o.shortestName().replaceFirst("^-+", "").toLowerCase()));
        }
        StringBuilder sb = new StringBuilder();
        for (OptionSpec o : options) {
            row(sb, names(o), o, width(help));
        }
        return sb.toString();
    }

    /** "  -s, --server=HOST", or "      --json" for an option without a short name, as picocli writes them. */
    private static String names(OptionSpec o) {
        List<String> names = new ArrayList<>(List.of(o.names()));
        names.sort(Comparator.comparingInt(String::length));
        String param = o.arity().max > 0 && !o.typeInfo().isBoolean() ? "=" + o.paramLabel() : "";
        boolean hasShort = names.get(0).length() == 2;
        return (hasShort ? "  " : "      ") + String.join(", ", names) + param;
    }

    private static void row(StringBuilder sb, String names, ArgSpec spec, int width) {
        String text = String.join(" ", spec.description());
        String pad = " ".repeat(TEXT_COLUMN);
        String first;
        if (Text.width(names) <= TEXT_COLUMN - 2) {
            first = Text.padRight(names, TEXT_COLUMN);
        } else {
            sb.append(names).append(System.lineSeparator());
            first = pad;
        }
        for (String line : Wrap.lines(text, width, first, pad + "  ")) {
            sb.append(line).append(System.lineSeparator());
        }
    }
}
