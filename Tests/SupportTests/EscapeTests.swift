import ArdoiseSupport
import Testing

/// One escaping for pages and reports: markup stays text, control characters cannot forge lines.
@Suite struct EscapeTests {
    @Test func htmlEscapesMarkupAndQuotes() {
        #expect(Escape.html("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        #expect(Escape.html("\" onmouseover=\"x") == "&quot; onmouseover=&quot;x")
        #expect(Escape.html("a & b &amp;") == "a &amp; b &amp;amp;")
    }

    @Test func htmlReplacesForbiddenControlsButKeepsLineBreaksAndTabs() {
        #expect(Escape.html("a\u{1B}[31mred") == "a\u{FFFD}[31mred")
        #expect(Escape.html("nul\u{0}del\u{7F}csi\u{9B}") == "nul\u{FFFD}del\u{FFFD}csi\u{FFFD}")
        #expect(Escape.html("one\ntwo\r\nthree\tfour") == "one\ntwo\r\nthree\tfour")
    }

    @Test func textShowsControlsVisiblySoNoLineCanBeForged() {
        #expect(Escape.text("L1\nrecorded: lot L2 locked") == "L1\\nrecorded: lot L2 locked")
        #expect(Escape.text("a\r\nb\tc") == "a\\r\\nb\\tc")
        #expect(Escape.text("\u{1B}[31mred\u{1B}[0m") == "\\u{1B}[31mred\\u{1B}[0m")
        #expect(Escape.text("nul\u{0}del\u{7F}csi\u{9B}2J") == "nul\\u{0}del\\u{7F}csi\\u{9B}2J")
        #expect(Escape.text("C:\\dir \"quoted\" <b>") == "C:\\dir \"quoted\" <b>")
    }

    @Test func lettersAndEmojiAreUntouched() {
        let text = "Épreuve écrite, Noël, 👩🏽‍🏫 and 🇫🇷, ñ, ß, 漢字"
        #expect(Escape.html(text) == text)
        #expect(Escape.text(text) == text)
        // Decomposed accents (e + U+0301) stay decomposed.
        #expect(Escape.text("e\u{301}") == "e\u{301}" && Escape.html("e\u{301}").unicodeScalars.count == 2)
    }
}
