package org.vosportal.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, "every user-facing word in the catalogue": no template spells a word itself. With the
 * Qute expressions and comments taken out, no text and no attribute people read (labels, titles,
 * placeholders, questions) has a letter left; what the pages say comes from {@code {msg:...}} and
 * {@code {words:...}}.
 */
class TemplateWordsTest {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Pattern COMMENT = Pattern.compile("\\{!.*?!\\}", Pattern.DOTALL);
    static final Pattern EXPRESSION = Pattern.compile("\\{[^{}]*\\}");
    static final Pattern WORD = Pattern.compile("\\p{L}{2,}");
    /** Attributes people read or hear (a button's value is what its form sends, not what it says). */
    static final List<String> READ_ATTRIBUTES = List.of("aria-label", "title", "placeholder", "data-confirm", "alt");

    /** The template as the browser gets it from the markup alone: expressions (nested too) and comments removed. */
    static String withoutQute(String template) {
        String s = COMMENT.matcher(template).replaceAll("");
        for (String before = null; !s.equals(before); ) {
            before = s;
            s = EXPRESSION.matcher(s).replaceAll("");
        }
        return s;
    }

    static List<String> wordsIn(String template) {
        Document doc = Jsoup.parse(withoutQute(template));
        doc.select("script, style").remove();
        List<String> found = new ArrayList<>();
        for (Element e : doc.getAllElements()) {
            for (TextNode t : e.textNodes()) {
                if (WORD.matcher(t.text()).find()) {
                    found.add("text '" + t.text().strip() + "' in <" + e.tagName() + ">");
                }
            }
            for (Attribute a : e.attributes()) {
                if (READ_ATTRIBUTES.contains(a.getKey()) && WORD.matcher(a.getValue()).find()) {
                    found.add(a.getKey() + "=\"" + a.getValue() + "\" on <" + e.tagName() + ">");
                }
            }
        }
        return found;
    }

    @Test
    void theCheckFindsAWordSpelledInATemplate() {
        assertEquals(List.of("text 'Log out' in <button>", "aria-label=\"Close\" on <button>"),
                wordsIn("<form>{! a comment !}<button>Log out</button><button aria-label=\"Close\">{msg:x}</button></form>"));
        assertEquals(List.of(), wordsIn("<p title=\"{words:hide}\">{msg:trashEmpty} {#if a}{b.c(d, 'e')}{/if} ✕ · 3</p>"));
    }

    @Test
    void noTemplateSpellsAWordItself() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                wordsIn(Files.readString(p)).forEach(w -> problems.add(TEMPLATES.relativize(p) + ": " + w));
            }
        }
        assertTrue(problems.isEmpty(), "words outside the catalogue:\n" + String.join("\n", problems));
    }
}
