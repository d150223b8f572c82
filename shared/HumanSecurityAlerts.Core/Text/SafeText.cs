using System.Globalization;
using System.Text;
using System.Xml;

namespace HumanSecurityAlerts.Text;

/// <summary>
/// The one place that decides which characters of third-party or admin text may be stored and shown. Text enters
/// through <see cref="Clean"/> (release API, feed items) and is passed through it again where it is rendered (Atom,
/// email, webhook JSON), so a row stored before this existed cannot break a feed either.
/// </summary>
public static class SafeText
{
    /// <summary>
    /// Removes what XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates): such a
    /// character makes an XML writer throw, so one title would take a whole Atom feed down.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var first = FirstForbidden(text);
        if (first < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, first);
        for (var i = first; i < text.Length;)
        {
            var length = AllowedLength(text, i);
            clean.Append(text, i, length);
            i += Math.Max(length, 1);
        }

        return clean.ToString();
    }

    /// <summary>
    /// True when nothing in the text would be seen: only whitespace, controls, format characters (zero-width
    /// space and joiners, bidi controls, BOM, tag characters), combining marks without a base, or the "filler"
    /// letters that render blank. Such a title looks empty to every reader.
    /// </summary>
    public static bool IsInvisible(string? text)
    {
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One line for a mail header (subject): XML-forbidden characters removed, bidi embedding, override and isolate
    /// controls removed (they can make a subject read backwards, e.g. to disguise a link or a file name), and line
    /// breaks, tabs and other controls turned into single spaces.
    /// </summary>
    public static string ForHeader(string? text)
    {
        var clean = Clean(text);
        var line = new StringBuilder(clean.Length);
        foreach (var c in clean)
        {
            if (IsBidiControl(c))
            {
                continue;
            }

            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                if (line.Length > 0 && line[^1] != ' ')
                {
                    line.Append(' ');
                }

                continue;
            }

            line.Append(c);
        }

        return line.ToString().Trim();
    }

    /// <summary>U+202A–U+202E (embeddings, overrides, pop) and U+2066–U+2069 (isolates).</summary>
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static int FirstForbidden(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            var length = AllowedLength(text, i);
            if (length == 0)
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    /// <summary>1 or 2 (a surrogate pair) when the character at <paramref name="i"/> is allowed in XML, 0 when not.</summary>
    private static int AllowedLength(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            // XmlConvert.IsXmlChar says yes to any surrogate on its own: only a high-low pair makes a character.
            return i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c) ? 2 : 0;
        }

        return !char.IsLowSurrogate(c) && XmlConvert.IsXmlChar(c) ? 1 : 0;
    }

    private static bool IsInvisible(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator
        || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800 or 0x180E; // Hangul fillers, braille blank, Mongolian vowel separator
}
