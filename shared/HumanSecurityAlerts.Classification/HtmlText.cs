using System.Collections.Frozen;
using System.Net;
using System.Text;

namespace HumanSecurityAlerts.Classification;

/// <summary>
/// Turns an HTML fragment or page into its text: tags and comments dropped, script and style
/// contents skipped, block elements turned into paragraph breaks (sentence boundaries), entities decoded.
/// A single forward pass; malformed markup degrades to text, never to an exception.
/// </summary>
internal static class HtmlText
{
    // Elements whose content is not text, with their closing tags.
    private static readonly (string Name, string Close)[] SkippedElements =
        [.. new[] { "script", "style", "noscript", "template", "svg" }.Select(n => (n, "</" + n))];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BlockElements = new[]
    {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
        "section", "article", "header", "footer", "blockquote", "title", "dd", "dt", "pre", "hr",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True if the text holds something that looks like a tag: "&lt;p", "&lt;/", "&lt;!".</summary>
    public static bool LooksLikeHtml(ReadOnlySpan<char> text)
    {
        for (var i = text.IndexOf('<'); i >= 0 && i + 1 < text.Length; i = NextTag(text, i))
        {
            var next = text[i + 1];
            if ((char.IsAsciiLetter(next) || next is '/' or '!') && text[(i + 1)..].Contains('>'))
            {
                return true;
            }
        }

        return false;

        static int NextTag(ReadOnlySpan<char> text, int from)
        {
            var next = text[(from + 1)..].IndexOf('<');
            return next < 0 ? -1 : from + 1 + next;
        }
    }

    public static string ToText(ReadOnlySpan<char> html)
    {
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html[i..].IndexOf('<');
            if (lt < 0)
            {
                text.Append(html[i..]);
                break;
            }

            text.Append(html.Slice(i, lt));
            i += lt;
            if (html[i..].StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = html[i..].IndexOf("-->", StringComparison.Ordinal);
                i = end < 0 ? html.Length : i + end + 3;
                continue;
            }

            var close = html[i..].IndexOf('>');
            var isTag = close > 1 && (char.IsAsciiLetter(html[i + 1]) || html[i + 1] is '/' or '!' or '?');
            if (!isTag)
            {
                text.Append('<');
                i++;
                continue;
            }

            var isClosing = html[i + 1] == '/';
            var name = TagName(html.Slice(i + 1, close - 1));
            i += close + 1;
            if (BlockElements.Contains(name))
            {
                text.Append("\n\n");
            }

            foreach (var (skipped, closing) in SkippedElements)
            {
                if (!isClosing && name.Equals(skipped, StringComparison.OrdinalIgnoreCase) && html[i - 2] != '/')
                {
                    var end = html[i..].IndexOf(closing, StringComparison.OrdinalIgnoreCase);
                    i = end < 0 ? html.Length : i + end;
                    break;
                }
            }
        }

        return WebUtility.HtmlDecode(text.ToString());
    }

    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> tag)
    {
        tag = tag.TrimStart('/');
        var end = 0;
        while (end < tag.Length && char.IsAsciiLetterOrDigit(tag[end]))
        {
            end++;
        }

        return tag[..end];
    }
}
